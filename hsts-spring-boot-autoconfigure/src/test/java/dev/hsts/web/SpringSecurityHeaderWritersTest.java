package dev.hsts.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SpringSecurityHeaderWriters}: the writers of the filter Spring Security builds are read from it and run
 * in order without running the filter; a filter whose writers cannot be taken that way is run, and writes the same.
 */
class SpringSecurityHeaderWritersTest {

	/** Writes its name, and notes whether Spring Security's filter was running when it ran. */
	record NotingWriter(String name, List<String> runs) implements HeaderWriter {

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			// OncePerRequestFilter marks the request while a filter runs (named after the filter's class).
			boolean inTheFilter = Collections.list(request.getAttributeNames())
				.stream()
				.anyMatch((name) -> name.endsWith(OncePerRequestFilter.ALREADY_FILTERED_SUFFIX));
			this.runs.add(this.name + (inTheFilter ? " in the filter" : ""));
			response.addHeader("X-Writer", this.name);
		}

	}

	final List<String> runs = new ArrayList<>();

	final List<HeaderWriter> writers = List.of(new NotingWriter("first", this.runs),
			new NotingWriter("second", this.runs));

	final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void theWritersOfTheFilterSpringSecurityBuildsRunInOrderWithoutTheFilter() {
		SpringSecurityHeaderWriters.of(new HeaderWriterFilter(this.writers))
			.writeHeaders(new MockHttpServletRequest(), this.response);
		assertThat(this.runs).containsExactly("first", "second");
		assertThat(this.response.getHeaders("X-Writer")).containsExactly("first", "second");
	}

	@Test
	void aSubclassOfTheFilterIsRunAsAFilterAndWritesTheSame() {
		HeaderWriterFilter subclass = new HeaderWriterFilter(this.writers) {
		};
		SpringSecurityHeaderWriters.of(subclass).writeHeaders(new MockHttpServletRequest(), this.response);
		assertThat(this.runs).containsExactly("first in the filter", "second in the filter");
		assertThat(this.response.getHeaders("X-Writer")).containsExactly("first", "second");
	}

	@Test
	void runningTheFilterWritesTheSameHeadersEvenWhereTheWritersCouldBeRead() {
		SpringSecurityHeaderWriters.runningTheFilter(new HeaderWriterFilter(this.writers))
			.writeHeaders(new MockHttpServletRequest(), this.response);
		assertThat(this.runs).containsExactly("first in the filter", "second in the filter");
		assertThat(this.response.getHeaders("X-Writer")).containsExactly("first", "second");
	}

}
