package dev.hsts.servlet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeferringHeaderWriterFilter} on Spring's mock request and response: with the
 * starter's filter in front it adds no wrapper and the starter's response runs Spring
 * Security's writers, in order, when Spring Security would; without it, it is Spring
 * Security's filter.
 */
class DeferringHeaderWriterFilterTest {

	/** Writes the status it sees when it runs, and counts its runs. */
	static final class StatusWriter implements HeaderWriter {

		final List<Integer> runs = new ArrayList<>();

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			this.runs.add(response.getStatus());
			if (!response.containsHeader("X-Status")) {
				response.setHeader("X-Status", String.valueOf(response.getStatus()));
			}
		}

	}

	final StatusWriter writer = new StatusWriter();

	final NamingWriter first = new NamingWriter("first");

	final NamingWriter second = new NamingWriter("second");

	final DeferringHeaderWriterFilter filter = DeferringHeaderWriterFilter
		.replacing(new HeaderWriterFilter(List.of(this.writer, this.first, this.second)));

	/** The order in which the naming writers ran. */
	final List<String> order = new ArrayList<>();

	/** Adds its name to the X-Writer header, and notes the order of the runs. */
	final class NamingWriter implements HeaderWriter {

		private final String name;

		NamingWriter(String name) {
			this.name = name;
		}

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			DeferringHeaderWriterFilterTest.this.order.add(this.name);
			response.addHeader("X-Writer", this.name);
		}

	}

	final SecurityHeadersFilter starterFilter = new SecurityHeadersFilter(
			List.of(new FixedHeaderWriter("X-Starter", "on")));

	final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");

	final MockHttpServletResponse response = new MockHttpServletResponse();

	final List<String> wrappersSeen = new ArrayList<>();

	/** An application that notes the wrappers it sees, sets 201, and flushes. */
	final Servlet created = new HttpServlet() {

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
			noteWrappers(response);
			response.setStatus(201);
			response.flushBuffer();
		}

	};

	void noteWrappers(ServletResponse response) {
		ServletResponse current = response;
		while (current instanceof ServletResponseWrapper wrapper) {
			this.wrappersSeen.add(current.getClass().getName());
			current = wrapper.getResponse();
		}
	}

	@Test
	void behindTheStartersFilterItAddsNoWrapperAndItsWritersRunOnceAtCommit() throws Exception {
		new MockFilterChain(this.created, this.starterFilter, this.filter).doFilter(this.request, this.response);
		assertThat(this.wrappersSeen).containsExactly(SecurityHeadersResponse.class.getName());
		assertThat(this.writer.runs).containsExactly(201);
		assertThat(this.response.getHeaders("X-Status")).containsExactly("201");
		assertThat(this.response.getHeaders("X-Starter")).containsExactly("on");
	}

	@Test
	void springSecuritysWritersRunInTheOrderItConfiguredThem() throws Exception {
		new MockFilterChain(this.created, this.starterFilter, this.filter).doFilter(this.request, this.response);
		assertThat(this.order).containsExactly("first", "second");
		assertThat(this.response.getHeaders("X-Writer")).containsExactly("first", "second");
	}

	@Test
	void behindTheStartersFilterItsWritersRunOnceWhenTheChainReturnsUncommitted() throws Exception {
		Servlet created = new HttpServlet() {

			@Override
			protected void service(HttpServletRequest request, HttpServletResponse response) {
				response.setStatus(202);
			}

		};
		new MockFilterChain(created, this.starterFilter, this.filter).doFilter(this.request, this.response);
		assertThat(this.writer.runs).containsExactly(202);
		assertThat(this.response.getHeaders("X-Status")).containsExactly("202");
	}

	@Test
	void behindTheStartersFilterItsWritersRunAgainAfterAReset() throws Exception {
		Servlet resetAfterAnInclude = new HttpServlet() {

			@Override
			protected void service(HttpServletRequest request, HttpServletResponse response)
					throws ServletException, IOException {
				response.setStatus(500);
				// An include runs the writers before it (and the mock's include commits
				// nothing).
				request.getRequestDispatcher("/included").include(request, response);
				response.reset();
				response.setStatus(203);
				response.flushBuffer();
			}

		};
		new MockFilterChain(resetAfterAnInclude, this.starterFilter, this.filter).doFilter(this.request, this.response);
		assertThat(this.writer.runs).containsExactly(500, 203);
		assertThat(this.response.getHeaders("X-Status")).containsExactly("203");
		assertThat(this.response.getHeaders("X-Starter")).containsExactly("on");
	}

	@Test
	void withoutTheStartersFilterItWrapsAndWritesAtCommitAsSpringSecuritysDoes() throws Exception {
		new MockFilterChain(this.created, this.filter).doFilter(this.request, this.response);
		assertThat(this.wrappersSeen).singleElement().asString().startsWith(HeaderWriterFilter.class.getName() + "$");
		assertThat(this.writer.runs).containsExactly(201);
		assertThat(this.response.getHeaders("X-Status")).containsExactly("201");
	}

	/**
	 * Spring Security's writers of the headers the starter manages, and one of another
	 * header.
	 */
	final DeferringHeaderWriterFilter managed = DeferringHeaderWriterFilter
		.replacing(new HeaderWriterFilter(List.of(new HstsHeaderWriter(), new CacheControlHeadersWriter(),
				new XContentTypeOptionsHeaderWriter(), new XFrameOptionsHeaderWriter(XFrameOptionsMode.SAMEORIGIN),
				new StaticHeadersWriter("X-Other", "one"))));

	@Test
	void springSecuritysWritesOfTheHeadersTheStarterManagesAreDroppedBehindTheStartersFilter() throws Exception {
		this.request.setSecure(true);
		new MockFilterChain(this.created, this.starterFilter, this.managed).doFilter(this.request, this.response);
		assertThat(this.response.getHeaders("X-Other")).containsExactly("one");
		assertThat(this.response.getHeaders("X-Starter")).containsExactly("on");
		assertThat(this.response.getHeaderNames()).doesNotContain("Strict-Transport-Security", "Cache-Control",
				"Pragma", "Expires", "X-Content-Type-Options", "X-Frame-Options");
	}

	@Test
	void springSecuritysWritesOfTheHeadersTheStarterManagesAreDroppedWithoutTheStartersFilter() throws Exception {
		this.request.setSecure(true);
		new MockFilterChain(this.created, this.managed).doFilter(this.request, this.response);
		assertThat(this.response.getHeaders("X-Other")).containsExactly("one");
		assertThat(this.response.getHeaderNames()).doesNotContain("Strict-Transport-Security", "Cache-Control",
				"Pragma", "Expires", "X-Content-Type-Options", "X-Frame-Options");
	}

	@Test
	void writingAsConfiguredWritesEveryHeaderTheChainConfigured() {
		PreviewExchange probe = new PreviewExchange("api.example.test");
		this.managed.writeAsConfigured(probe.request(), probe.response());
		assertThat(probe.headerValues())
			.containsEntry("Strict-Transport-Security", List.of("max-age=31536000 ; includeSubDomains"))
			.containsEntry("Cache-Control", List.of("no-cache, no-store, max-age=0, must-revalidate"))
			.containsEntry("Pragma", List.of("no-cache"))
			.containsEntry("Expires", List.of("0"))
			.containsEntry("X-Content-Type-Options", List.of("nosniff"))
			.containsEntry("X-Frame-Options", List.of("SAMEORIGIN"))
			.containsEntry("X-Other", List.of("one"));
	}

	@Test
	void writingEagerlyIsRespected() throws Exception {
		this.filter.setShouldWriteHeadersEagerly(true);
		new MockFilterChain(this.created, this.starterFilter, this.filter).doFilter(this.request, this.response);
		assertThat(this.writer.runs).containsExactly(200);
		assertThat(this.response.getHeaders("X-Status")).containsExactly("200");
	}

	/**
	 * Run by the starter, Spring Security's filter keeps no once-per-request mark of its
	 * own in the request's attributes (the starter runs it exactly when its writers are
	 * due); its writers still see every attribute of the request.
	 */
	@Test
	void theDeferredRunSetsNoMarkOfSpringSecuritysFilterAndItsWritersSeeTheAttributes() throws Exception {
		List<String> attributesSet = new ArrayList<>();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/") {

			@Override
			public void setAttribute(String name, Object value) {
				attributesSet.add(name);
				super.setAttribute(name, value);
			}

		};
		request.setAttribute("app.value", "seen");
		List<Object> seen = new ArrayList<>();
		DeferringHeaderWriterFilter reading = DeferringHeaderWriterFilter.replacing(new HeaderWriterFilter(List
			.of((HeaderWriter) (writerRequest, writerResponse) -> seen.add(writerRequest.getAttribute("app.value")))));
		new MockFilterChain(this.created, this.starterFilter, reading).doFilter(request, this.response);
		assertThat(seen).containsExactly("seen");
		assertThat(attributesSet).filteredOn((name) -> name.endsWith(".FILTERED"))
			.containsExactly(DeferringHeaderWriterFilter.class.getName() + ".FILTERED");
	}

}
