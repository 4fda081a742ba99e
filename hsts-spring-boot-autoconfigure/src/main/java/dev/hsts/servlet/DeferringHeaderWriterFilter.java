package dev.hsts.servlet;

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

import dev.hsts.core.HeaderNameSet;
import dev.hsts.core.ManagedHeaderChoices;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Takes the place of the {@link HeaderWriterFilter} Spring Security builds, so that a
 * response has one header-writing wrapper (the starter's) instead of two, using only
 * Spring Security's public API.
 *
 * <p>
 * Spring Security's filter wraps the response to write its headers when the response
 * commits. The starter's {@link SecurityHeadersFilter} runs before Spring Security and
 * already wraps the response for the same purpose. So where the starter's response is
 * there, this filter defers Spring Security's writers to it and passes the response on
 * unwrapped. The starter's response runs them when Spring Security would have: once, when
 * the response commits, before an include, or when Spring Security's chain returns,
 * whichever comes first, with the request Spring Security's filter saw; and again after
 * {@link HttpServletResponse#reset()}, which Spring Security's wrapper does not. To run
 * them, it runs the filter Spring Security built, switched to write eagerly
 * ({@link HeaderWriterFilter#setShouldWriteHeadersEagerly(boolean)}), against a chain
 * that ends at once: its writers stay Spring Security's own, configured by its
 * {@code HeadersConfigurer}, and are never read out of it.
 *
 * <p>
 * Spring Security's writes of the headers the starter manages (Strict-Transport-Security,
 * Cache-Control with Pragma and Expires, X-Content-Type-Options, X-Frame-Options,
 * X-XSS-Protection) are dropped, on every path: the starter writes those, once, with its
 * own values. (The starter refuses to start when a chain's values for them are the
 * application's own choice; see {@link #writeAsConfigured}.)
 *
 * <p>
 * Where the starter's response is not there (its filter is not registered or was ordered
 * after Spring Security), or the application made the filter write eagerly, this filter
 * does what Spring Security's would (still without the managed headers).
 */
public final class DeferringHeaderWriterFilter extends HeaderWriterFilter {

	private static final FilterChain END = new SpringSecurityWriters(null);

	/**
	 * What {@code OncePerRequestFilter} would name the attribute: Spring Security's
	 * filters have no filter name, so it is the class name; made once instead of on every
	 * request.
	 */
	private static final String ALREADY_FILTERED_ATTRIBUTE = DeferringHeaderWriterFilter.class.getName()
			+ ALREADY_FILTERED_SUFFIX;

	/** The names of the headers the starter manages, in any letter case. */
	private static final HeaderNameSet MANAGED = HeaderNameSet.of(ManagedHeaderChoices.HEADER_NAMES);

	/** Spring Security's filter, switched to write eagerly. */
	private final HeaderWriterFilter original;

	/**
	 * Spring Security's writers, as one, without the headers the starter manages.
	 */
	private final ResponseHeaderWriter springSecurityWriters;

	private boolean writeEagerly;

	/** Spring's already-filtered attribute name for the filter name it was made for. */
	private volatile AlreadyFilteredAttribute alreadyFilteredAttribute;

	private DeferringHeaderWriterFilter(HeaderWriterFilter original, SpringSecurityWriters springSecurityWriters) {
		super(List.<HeaderWriter>of(springSecurityWriters));
		this.original = original;
		this.springSecurityWriters = springSecurityWriters;
	}

	/**
	 * The filter to put in place of Spring Security's.
	 * @param original the filter Spring Security built, with the writers it configured;
	 * it is switched to write eagerly and is run only to write its headers
	 * @return the replacement
	 */
	public static DeferringHeaderWriterFilter replacing(HeaderWriterFilter original) {
		original.setShouldWriteHeadersEagerly(true);
		return new DeferringHeaderWriterFilter(original, new SpringSecurityWriters(original));
	}

	/**
	 * Spring Security's (eager) filter, run against a chain that ends at once: its
	 * writers.
	 */
	private static void run(HeaderWriterFilter filter, HttpServletRequest request, HttpServletResponse response) {
		try {
			filter.doFilter(request, response, END);
		}
		catch (IOException | ServletException ex) {
			// Its eager path only writes headers and calls the chain, which does
			// nothing: neither throws these.
			throw new IllegalStateException("Spring Security's header writers failed", ex);
		}
	}

	/**
	 * Runs Spring Security's writers as the chain configured them, the headers the
	 * starter manages included: what the chain would write without the starter. The
	 * starter runs them once at startup on a {@link PreviewExchange}, to find the
	 * application's own choices for those headers.
	 * @param request the request
	 * @param response the response to write on
	 */
	public void writeAsConfigured(HttpServletRequest request, HttpServletResponse response) {
		run(this.original, request, response);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SecurityHeadersResponse starterResponse = this.writeEagerly ? null : SecurityHeadersResponse.find(response);
		if (starterResponse == null) {
			super.doFilterInternal(request, response, chain);
			return;
		}
		starterResponse.deferSpringSecurityWriters(this.springSecurityWriters, request);
		try {
			chain.doFilter(new IncludeAwareRequest(request, starterResponse), response);
		}
		finally {
			starterResponse.writeSpringSecurityHeaders();
		}
	}

	@Override
	protected String getAlreadyFilteredAttributeName() {
		String filterName = getFilterName();
		if (filterName == null) {
			return ALREADY_FILTERED_ATTRIBUTE;
		}
		// Spring's name, made once per filter name instead of concatenated per request.
		AlreadyFilteredAttribute made = this.alreadyFilteredAttribute;
		if (made == null || made.filterName() != filterName) {
			made = new AlreadyFilteredAttribute(filterName, super.getAlreadyFilteredAttributeName());
			this.alreadyFilteredAttribute = made;
		}
		return made.name();
	}

	@Override
	public void setShouldWriteHeadersEagerly(boolean shouldWriteHeadersEagerly) {
		super.setShouldWriteHeadersEagerly(shouldWriteHeadersEagerly);
		this.writeEagerly = shouldWriteHeadersEagerly;
	}

	/** Spring's already-filtered attribute name made for a filter name. */
	private record AlreadyFilteredAttribute(String filterName, String name) {
	}

	/**
	 * Spring Security's filter run against a chain that ends at once, without the headers
	 * the starter manages: as the starter's writer and as Spring Security's; and, without
	 * a filter, that chain. One class instead of three lambdas, which would each be a
	 * class of its own, spun while the context starts (issue 21).
	 */
	private static final class SpringSecurityWriters implements ResponseHeaderWriter, HeaderWriter, FilterChain {

		private final HeaderWriterFilter original;

		SpringSecurityWriters(HeaderWriterFilter original) {
			this.original = original;
		}

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			run(this.original, new WithoutFilteredMarks(request), WithoutHeaders.of(response, MANAGED));
		}

		@Override
		public void doFilter(ServletRequest request, ServletResponse response) {
			// The end of the chain: nothing.
		}

	}

	/**
	 * The request as Spring Security's header filter sees it when the starter runs it:
	 * the marks a {@code OncePerRequestFilter} keeps in request attributes (names ending
	 * in {@link #ALREADY_FILTERED_SUFFIX}) are neither read nor written; every other
	 * attribute is the request's. The starter runs that filter exactly when its writers
	 * are due (once, and again after a reset), so its guard has nothing to guard, and the
	 * mark cost three attribute operations on the container's request (a look-up, a put
	 * with its listener notification, a removal) on every response.
	 */
	private static final class WithoutFilteredMarks extends HttpServletRequestWrapper {

		WithoutFilteredMarks(HttpServletRequest request) {
			super(request);
		}

		private static boolean isMark(String name) {
			return name != null && name.endsWith(ALREADY_FILTERED_SUFFIX);
		}

		@Override
		public Object getAttribute(String name) {
			return isMark(name) ? null : super.getAttribute(name);
		}

		@Override
		public void setAttribute(String name, Object value) {
			if (!isMark(name)) {
				super.setAttribute(name, value);
			}
		}

		@Override
		public void removeAttribute(String name) {
			if (!isMark(name)) {
				super.removeAttribute(name);
			}
		}

	}

	/**
	 * Writes the deferred headers before an include, as Spring Security's request wrapper
	 * does: an included resource cannot set headers, and its output may commit the
	 * response.
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
			this.response.writeSpringSecurityHeaders();
			this.delegate.include(request, response);
		}

	}

}
