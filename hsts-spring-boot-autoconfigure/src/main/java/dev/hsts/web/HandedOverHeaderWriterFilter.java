package dev.hsts.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Takes the place of Spring Security's {@link HeaderWriterFilter} in a filter chain, so that a response has one
 * header-writing wrapper instead of two.
 *
 * <p>Spring Security's filter wraps the response to write its headers when the response commits. The starter's
 * {@link SecurityHeadersFilter} runs before Spring Security and already wraps the response for the same purpose.
 * So where the starter's response is there, this filter hands Spring Security's writers to it and passes the
 * response on unwrapped: one header-writing layer per response instead of two. The starter's response then runs them
 * when Spring Security would have: once, when the response commits, before an include, or when Spring Security's
 * chain returns, whichever comes first, with the request Spring Security's filter saw. It also runs them again
 * after {@link HttpServletResponse#reset()}, which Spring Security's wrapper does not.
 *
 * <p>Where the starter's response is not there (its filter is not registered or was ordered after Spring
 * Security), this filter does exactly what Spring Security's would: it wraps the response and writes on commit.
 * Writing eagerly ({@link #setShouldWriteHeadersEagerly(boolean)}) is respected: the writers then run before the
 * chain, as Spring Security's do.
 *
 * <p>Spring Security's writers are taken from the filter it built (see {@link SpringSecurityHeaderWriters}), so
 * they run as its own filter runs them, without a second pass through {@code OncePerRequestFilter}.
 */
public final class HandedOverHeaderWriterFilter extends HeaderWriterFilter {

	private final HeaderWriter writers;

	private boolean writeEagerly;

	private final AlreadyFilteredName alreadyFilteredName = new AlreadyFilteredName();

	private HandedOverHeaderWriterFilter(HeaderWriter writers) {
		super(List.of(writers));
		this.writers = writers;
	}

	/**
	 * @param original the filter Spring Security built, with the writers it configured; it is no longer used as a
	 * filter itself
	 * @return the filter to put in its place
	 */
	public static HandedOverHeaderWriterFilter replacing(HeaderWriterFilter original) {
		return new HandedOverHeaderWriterFilter(SpringSecurityHeaderWriters.of(original));
	}

	/**
	 * @param writers Spring Security's writers, as one
	 * @return the filter that hands them over
	 */
	static HandedOverHeaderWriterFilter handingOver(HeaderWriter writers) {
		return new HandedOverHeaderWriterFilter(writers);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SecurityHeadersResponse starterResponse = this.writeEagerly ? null : SecurityHeadersResponse.find(response);
		if (starterResponse == null) {
			super.doFilterInternal(request, response, chain);
			return;
		}
		starterResponse.handOver(this.writers, request);
		try {
			chain.doFilter(new IncludeAwareRequest(request, starterResponse), response);
		}
		finally {
			starterResponse.writeHandedOverHeaders();
		}
	}

	@Override
	public void setShouldWriteHeadersEagerly(boolean shouldWriteHeadersEagerly) {
		super.setShouldWriteHeadersEagerly(shouldWriteHeadersEagerly);
		this.writeEagerly = shouldWriteHeadersEagerly;
	}

	/**
	 * The attribute that marks the request as filtered: {@code OncePerRequestFilter}'s name, computed once instead
	 * of concatenated on every request.
	 */
	@Override
	protected String getAlreadyFilteredAttributeName() {
		return this.alreadyFilteredName.of(getFilterName(), getClass());
	}

	/**
	 * Writes the handed-over headers before an include, as Spring Security's request wrapper does: an included
	 * resource cannot set headers, and its output may commit the response.
	 */
	private static final class IncludeAwareRequest extends HttpServletRequestWrapper {

		private final SecurityHeadersResponse response;

		IncludeAwareRequest(HttpServletRequest request, SecurityHeadersResponse response) {
			super(request);
			this.response = response;
		}

		@Override
		public RequestDispatcher getRequestDispatcher(String path) {
			RequestDispatcher dispatcher = super.getRequestDispatcher(path);
			return (dispatcher != null) ? new IncludeAwareDispatcher(dispatcher, this.response) : null;
		}

	}

	private record IncludeAwareDispatcher(RequestDispatcher delegate,
			SecurityHeadersResponse response) implements RequestDispatcher {

		@Override
		public void forward(ServletRequest request, ServletResponse response) throws ServletException, IOException {
			this.delegate.forward(request, response);
		}

		@Override
		public void include(ServletRequest request, ServletResponse response) throws ServletException, IOException {
			this.response.writeHandedOverHeaders();
			this.delegate.include(request, response);
		}

	}

}
