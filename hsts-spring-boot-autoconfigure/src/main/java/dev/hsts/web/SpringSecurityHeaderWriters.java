package dev.hsts.web;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.util.ReflectionUtils;

/**
 * The header writers of a {@link HeaderWriterFilter} Spring Security built, as one {@link HeaderWriter} that runs
 * them in order, as the filter does (its package-private {@code writeHeaders}).
 *
 * <p>The filter has no getter for its writers, so they are read from its {@code headerWriters} field (the same in
 * Spring Security 6.5 and 7). Where that field cannot be read (a later version that renames it, a module that does
 * not open the package, a native image without the reflection hint) or the filter is a subclass (which may do more
 * than run its writers), the filter itself is run instead: set to write eagerly, against a chain that ends at once.
 * The headers written are the same either way; reading the writers saves a pass through
 * {@code OncePerRequestFilter} (a string concatenation and three request-attribute operations) per request.
 */
final class SpringSecurityHeaderWriters {

	private static final Field HEADER_WRITERS = headerWritersField();

	private static final FilterChain END = (request, response) -> {
	};

	private SpringSecurityHeaderWriters() {
	}

	/**
	 * @param filter the filter Spring Security built; when its writers cannot be read it is set to write eagerly
	 * @return its writers, as one
	 */
	static HeaderWriter of(HeaderWriterFilter filter) {
		HeaderWriter[] writers = read(filter);
		return (writers != null) ? new Listed(writers) : runningTheFilter(filter);
	}

	/**
	 * @param filter the filter whose writers to run; it is set to write eagerly
	 * @return a writer that runs the filter against a chain that ends at once
	 */
	static HeaderWriter runningTheFilter(HeaderWriterFilter filter) {
		filter.setShouldWriteHeadersEagerly(true);
		return new RunningTheFilter(filter);
	}

	private static HeaderWriter[] read(HeaderWriterFilter filter) {
		if (HEADER_WRITERS == null || filter.getClass() != HeaderWriterFilter.class) {
			return null;
		}
		try {
			Object value = ReflectionUtils.getField(HEADER_WRITERS, filter);
			if (!(value instanceof List<?> list)) {
				return null;
			}
			HeaderWriter[] writers = new HeaderWriter[list.size()];
			for (int i = 0; i < writers.length; i++) {
				if (!(list.get(i) instanceof HeaderWriter writer)) {
					return null;
				}
				writers[i] = writer;
			}
			return writers;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static Field headerWritersField() {
		try {
			Field field = ReflectionUtils.findField(HeaderWriterFilter.class, "headerWriters", List.class);
			if (field != null) {
				ReflectionUtils.makeAccessible(field);
			}
			return field;
		}
		catch (RuntimeException ex) {
			// Not open to this module, or not registered for reflection in a native image.
			return null;
		}
	}

	/** The writers, run in order. */
	private record Listed(HeaderWriter[] writers) implements HeaderWriter {

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			for (HeaderWriter writer : this.writers) {
				writer.writeHeaders(request, response);
			}
		}

	}

	/** Spring Security's (eager) filter, run against a chain that ends at once. */
	private record RunningTheFilter(HeaderWriterFilter filter) implements HeaderWriter {

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			try {
				this.filter.doFilter(request, response, END);
			}
			catch (IOException | ServletException ex) {
				// Its eager path only writes headers and calls the chain, which does nothing: neither throws these.
				throw new IllegalStateException("Spring Security's header writers failed", ex);
			}
		}

	}

}
