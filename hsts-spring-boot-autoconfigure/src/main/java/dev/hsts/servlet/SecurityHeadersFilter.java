package dev.hsts.servlet;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.ApplicationHeaderValues;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the security {@link ResponseHeaderWriter}s to every response, exactly once per
 * header.
 *
 * <p>
 * Spring Security's {@code HeaderWriterFilter} writes either before the chain or when the
 * response commits. This filter does both and more, because a security header must also
 * survive what happens in between:
 * <ul>
 * <li>before the chain, so the headers are present before any other filter (including
 * Spring Security's, whose writers skip a header that is already set) or the application
 * runs;</li>
 * <li>again after {@link HttpServletResponse#reset()}, which removes every header;</li>
 * <li>again when the response commits and when the chain returns or throws (writers only
 * fill what is absent, so this is skipped unless the application removed a header since
 * they ran);</li>
 * <li>on error and async dispatches as well, so error pages and async results are covered
 * too.</li>
 * </ul>
 * {@link CommitTimeHeaderWriter}s (such as the Cache-Control default) are the exception:
 * they write a default for what the application left out, so they run only once the
 * response is complete, when it commits or when the chain returns (but not when it
 * returns because the request went asynchronous: the async dispatch decides). A value the
 * application sets itself replaces the filter's; a second value the application adds for
 * a header that may appear only once (such as {@code Strict-Transport-Security}) replaces
 * the first instead of duplicating it.
 */
public class SecurityHeadersFilter extends OncePerRequestFilter implements Ordered {

	/**
	 * Right after Spring's {@code ForwardedHeaderFilter} (which runs at
	 * {@link Ordered#HIGHEST_PRECEDENCE}, so the secure flag and host are final here) and
	 * before Spring Security and every application filter.
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final HeaderWriters writers;

	private final List<ResponseHeaderWriter> allWriters;

	private int order = DEFAULT_ORDER;

	private ForwardedProtoMismatchDetector forwardedProtoMismatchDetector;

	private ApplicationHeaderValues applicationHeaderValues;

	/**
	 * {@code OncePerRequestFilter}'s attribute name, made once instead of on every
	 * request.
	 */
	private volatile String alreadyFilteredAttributeName;

	/**
	 * @param writers the writers to apply, in order; the {@link CommitTimeHeaderWriter}s
	 * among them only when the response is complete
	 */
	public SecurityHeadersFilter(List<? extends ResponseHeaderWriter> writers) {
		this.writers = new HeaderWriters(writers);
		this.allWriters = List.copyOf(writers);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.forwardedProtoMismatchDetector != null && !request.isSecure()
				&& request.getDispatcherType() == DispatcherType.REQUEST) {
			this.forwardedProtoMismatchDetector.check(request);
		}
		SecurityHeadersResponse wrapped = new SecurityHeadersResponse(request, response, this.writers,
				this.applicationHeaderValues);
		wrapped.writeHeaders();
		try {
			chain.doFilter(request, wrapped);
		}
		finally {
			if (!response.isCommitted()) {
				if (request.isAsyncStarted()) {
					wrapped.rememberProvisionalValues();
					wrapped.writeHeaders();
				}
				else {
					wrapped.writeAllHeaders();
				}
			}
			else {
				wrapped.rememberProvisionalValuesOfAnError();
			}
		}
	}

	@Override
	protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException {
		doFilterInternal(request, response, chain);
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/** The writers this filter applies, in order, the commit-time ones included. */
	public List<ResponseHeaderWriter> getWriters() {
		return this.allWriters;
	}

	/**
	 * @param detector told about plain requests that claim to have arrived over HTTPS, or
	 * {@code null}
	 */
	public void setForwardedProtoMismatchDetector(ForwardedProtoMismatchDetector detector) {
		this.forwardedProtoMismatchDetector = detector;
	}

	/**
	 * @param values told when the application sets a managed header itself, or
	 * {@code null}
	 */
	public void setApplicationHeaderValues(ApplicationHeaderValues values) {
		this.applicationHeaderValues = values;
	}

	/**
	 * The attribute that marks the request as filtered: {@code OncePerRequestFilter}'s
	 * own name (the filter name, known once the container initialised the filter), made
	 * on the first request instead of concatenated on every one.
	 */
	@Override
	protected String getAlreadyFilteredAttributeName() {
		String name = this.alreadyFilteredAttributeName;
		if (name == null) {
			name = super.getAlreadyFilteredAttributeName();
			this.alreadyFilteredAttributeName = name;
		}
		return name;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * @param order the filter order; keep it before Spring Security's filter chain (-100)
	 * and after the forwarded-header handling
	 */
	public void setOrder(int order) {
		this.order = order;
	}

}
