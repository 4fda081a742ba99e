package dev.hsts.servlet;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.ApplicationHeaderValues;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.CookieFlags;
import dev.hsts.core.CspReportCollector;
import dev.hsts.core.RejectionReason;

import org.springframework.core.Ordered;
import org.springframework.web.filter.GenericFilterBean;

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
 *
 * <p>
 * With a {@link #setTrustedHostFilter(TrustedHostFilter) trusted-host filter} set, this
 * filter also runs that one's check, right after writing the headers, so that the starter
 * is one entry in the container's filter chain and the verdict (which the HSTS writer
 * needs too) is kept in a field rather than a request attribute. With an
 * {@link #setHttpsRedirectFilter(HttpsRedirectFilter) HTTPS-redirect filter} set, it runs
 * that one's redirect too, after the check.
 *
 * <p>
 * It runs once per request, as a {@code OncePerRequestFilter} would, but without a
 * request attribute: a {@code FORWARD} or {@code INCLUDE} dispatch is passed through when
 * the response it is given is (or wraps) the one this filter made for the dispatch in
 * progress; {@code REQUEST}, {@code ASYNC} and {@code ERROR} dispatches are always
 * filtered.
 */
public class SecurityHeadersFilter extends GenericFilterBean implements Ordered {

	/**
	 * Right after Spring's {@code ForwardedHeaderFilter} (which runs at
	 * {@link Ordered#HIGHEST_PRECEDENCE}, so the secure flag and host are final here) and
	 * before Spring Security and every application filter.
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/**
	 * The writers, swapped as one set by {@link #setWriters(List)}; a request reads the
	 * field once and keeps that set to the end.
	 */
	private volatile HeaderWriters writers;

	private int order = DEFAULT_ORDER;

	private ForwardedProtoMismatchDetector forwardedProtoMismatchDetector;

	private ApplicationHeaderValues applicationHeaderValues;

	/** The trusted-host filter this filter runs, or {@code null}. */
	private TrustedHostFilter trustedHostFilter;

	/**
	 * The HTTPS-redirect filter this filter runs after the host check, or {@code null}.
	 */
	private HttpsRedirectFilter httpsRedirectFilter;

	/** Its check, or {@code null} when there is none or it is off. */
	private TrustedHostCheck trustedHostCheck;

	private volatile CspReportServletCollector cspReports;

	/** The flags added to cookies, or {@code null} (the default: off). */
	private CookieFlags cookieFlags;

	/** Whether the container adds them to cookie objects itself, or {@code null}. */
	private BooleanSupplier containerFlagsCookies;

	/**
	 * @param writers the writers to apply, in order; the {@link CommitTimeHeaderWriter}s
	 * among them only when the response is complete
	 */
	public SecurityHeadersFilter(List<? extends ResponseHeaderWriter> writers) {
		this.writers = new HeaderWriters(writers);
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!(request instanceof HttpServletRequest httpRequest)
				|| !(response instanceof HttpServletResponse httpResponse)) {
			throw new ServletException("SecurityHeadersFilter only supports HTTP requests");
		}
		DispatcherType dispatcherType = httpRequest.getDispatcherType();
		if ((dispatcherType == DispatcherType.FORWARD || dispatcherType == DispatcherType.INCLUDE)
				&& SecurityHeadersResponse.find(httpResponse) != null) {
			// Inside a dispatch this filter is handling already.
			chain.doFilter(request, response);
			return;
		}
		doFilterInternal(httpRequest, httpResponse, chain);
	}

	/**
	 * Writes the headers around the rest of the chain (and, with a trusted-host filter,
	 * refuses a request for a host the application does not serve instead of running the
	 * chain).
	 * @param request the request
	 * @param response the response
	 * @param chain the rest of the chain
	 * @throws ServletException from the chain
	 * @throws IOException from the chain
	 */
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean arriving = request.getDispatcherType() == DispatcherType.REQUEST;
		if (this.forwardedProtoMismatchDetector != null && arriving && !request.isSecure()) {
			this.forwardedProtoMismatchDetector.check(request);
		}
		TrustedHostCheck hostCheck = arriving ? this.trustedHostCheck : null;
		Optional<RejectionReason> verdict = (hostCheck != null) ? hostCheck.verifyArriving(request) : Optional.empty();
		SecurityHeadersResponse wrapped = new SecurityHeadersResponse(request, response, this.writers,
				this.applicationHeaderValues, hostCheck, verdict.isEmpty());
		CookieFlags flags = this.cookieFlags;
		if (flags != null) {
			flagCookies(request, wrapped, flags);
		}
		if (arriving && this.applicationHeaderValues != null && request.isSecure()) {
			// Set before this filter (an earlier filter, the container): the HSTS writer
			// only fills an absent header, so this value is what the response carries.
			String earlier = response.getHeader(HstsPolicy.HEADER_NAME);
			if (earlier != null) {
				this.applicationHeaderValues.record(HstsPolicy.HEADER_NAME, earlier, false);
			}
		}
		wrapped.writeHeaders();
		CspReportServletCollector reports = arriving ? this.cspReports : null;
		boolean threw = true;
		try {
			if (reports != null && reports.handles(request)) {
				if (reportAdmitted(reports, request, wrapped, hostCheck, verdict)) {
					reports.answer(request, wrapped);
				}
				else if (hostCheck == null && !redirected(arriving, request, wrapped)) {
					// The trusted-host filter runs on its own, after this one: it
					// refuses.
					chain.doFilter(request, wrapped);
				}
			}
			else if ((hostCheck == null || this.trustedHostFilter.admits(request, wrapped, verdict))
					&& !redirected(arriving, request, wrapped)) {
				chain.doFilter(request, wrapped);
			}
			threw = false;
		}
		finally {
			if (!response.isCommitted()) {
				if (request.isAsyncStarted()) {
					wrapped.rememberProvisionalValues();
					wrapped.writeHeaders();
				}
				else {
					wrapped.writeAllHeadersAfterChain(threw);
				}
			}
			else {
				wrapped.rememberProvisionalValuesOfAnError();
			}
		}
	}

	/** Whether the redirect filter this filter runs, if any, redirected the request. */
	private boolean redirected(boolean arriving, HttpServletRequest request, SecurityHeadersResponse wrapped) {
		HttpsRedirectFilter redirect = this.httpsRedirectFilter;
		return redirect != null && arriving && redirect.redirected(request, wrapped);
	}

	/**
	 * Whether a CSP report request is answered by the collector. Three rules: reports
	 * exempt from the trusted-host check always are; otherwise the check this filter runs
	 * must admit the host (refusing it answers the request with the refusal); and the
	 * host must pass the collector's own check, which stands in for a trusted-host filter
	 * that runs on its own after this one.
	 */
	private boolean reportAdmitted(CspReportServletCollector reports, HttpServletRequest request,
			SecurityHeadersResponse wrapped, TrustedHostCheck hostCheck, Optional<RejectionReason> verdict)
			throws IOException {
		if (reports.trustedHostExempt()) {
			return true;
		}
		if (hostCheck != null && !this.trustedHostFilter.admits(request, wrapped, verdict)) {
			return false;
		}
		return reports.hostAdmitted(request);
	}

	private void flagCookies(HttpServletRequest request, SecurityHeadersResponse wrapped, CookieFlags flags) {
		boolean secure = request.isSecure();
		wrapped.flagCookies(flags, secure, this.containerFlagsCookies);
		if (secure && this.containerFlagsCookies != null && request instanceof ServletRequestWrapper) {
			// Secure as the application sees it (a forwarded-header wrapper), which
			// Tomcat's own request, that its cookie processor is given, may not be.
			request.setAttribute(TomcatCookieFlags.SECURE_ATTRIBUTE, Boolean.TRUE);
		}
	}

	/** The writers this filter applies now, in order, the commit-time ones included. */
	public List<ResponseHeaderWriter> getWriters() {
		return this.writers.all;
	}

	/**
	 * Replaces the writers, all at once: a request that started before gets the previous
	 * set to its end (its commit-time writers and its rewrites after a reset included), a
	 * request that starts after gets the new one; none gets a mix.
	 * @param writers the writers to apply from now on, in order
	 */
	public void setWriters(List<? extends ResponseHeaderWriter> writers) {
		this.writers = new HeaderWriters(writers, this.writers.policies);
	}

	/**
	 * Replaces the writers and the named policies at once (a runtime refresh), with the
	 * same guarantee as {@link #setWriters(List)}.
	 * @param writers the writers to apply from now on, in order
	 * @param policies the policies, or {@code null} for none
	 */
	public void setWriters(List<? extends ResponseHeaderWriter> writers, ServletPolicies policies) {
		this.writers = new HeaderWriters(writers, policies);
	}

	/**
	 * Applies named policies: the starter's writers of the headers they decide step
	 * aside, and each request gets its policy's values (see {@link ServletPolicies}).
	 * @param policies the policies, or {@code null} for none (every writer writes, as
	 * before)
	 */
	public void setPolicies(ServletPolicies policies) {
		this.writers = new HeaderWriters(this.writers.all, policies);
	}

	/**
	 * The named policies applied.
	 * @return the policies, or {@code null} when there are none
	 */
	public ServletPolicies getPolicies() {
		return this.writers.policies;
	}

	/**
	 * @param detector told about plain requests that claim to have arrived over HTTPS, or
	 * {@code null}
	 */
	public void setForwardedProtoMismatchDetector(ForwardedProtoMismatchDetector detector) {
		this.forwardedProtoMismatchDetector = detector;
	}

	/**
	 * @return the detector of plain requests that claim to have arrived over HTTPS, or
	 * {@code null}
	 */
	public ForwardedProtoMismatchDetector getForwardedProtoMismatchDetector() {
		return this.forwardedProtoMismatchDetector;
	}

	/**
	 * @param values told when the application sets a managed header itself, or
	 * {@code null}
	 */
	public void setApplicationHeaderValues(ApplicationHeaderValues values) {
		this.applicationHeaderValues = values;
	}

	/**
	 * @return what the application set itself for the managed headers, or {@code null}
	 */
	public ApplicationHeaderValues getApplicationHeaderValues() {
		return this.applicationHeaderValues;
	}

	/**
	 * Answers CSP violation reports at the collector's path, before the rest of the chain
	 * (Spring Security, the application): no authentication, no CSRF token. The
	 * trusted-host check applies first unless {@code trustedHostExempt}.
	 * @param collector the collector, or {@code null} for none
	 * @param trustedHostExempt whether reports skip the trusted-host check
	 * @param trustedHostCheck the trusted-host check, or {@code null}: where it runs as a
	 * filter of its own (not inside this one), a report for a host it refuses is passed
	 * on for it to refuse
	 */
	public void setCspReportCollector(CspReportCollector collector, boolean trustedHostExempt,
			TrustedHostCheck trustedHostCheck) {
		this.cspReports = (collector != null)
				? new CspReportServletCollector(collector, trustedHostExempt, trustedHostCheck) : null;
	}

	/**
	 * The CSP report collector this filter answers reports with.
	 * @return the collector, or {@code null} for none
	 */
	public CspReportCollector getCspReportCollector() {
		CspReportServletCollector reports = this.cspReports;
		return (reports != null) ? reports.collector() : null;
	}

	/**
	 * Runs a trusted-host filter inside this one, on {@code REQUEST} dispatches, right
	 * after the headers are written, instead of as a filter of its own: the same
	 * refusals, reports and responses, one entry less in the container's filter chain,
	 * and the verdict kept in a field for the HSTS writer (a
	 * {@link StagedHstsHeaderWriter} made with the same {@link TrustedHostCheck}).
	 * Register the trusted-host filter itself only where it is not run this way.
	 * @param filter the trusted-host filter, or {@code null} for none
	 */
	public void setTrustedHostFilter(TrustedHostFilter filter) {
		this.trustedHostFilter = filter;
		this.trustedHostCheck = (filter != null && !filter.getCheck().getTrustedHosts().isOff()) ? filter.getCheck()
				: null;
	}

	/**
	 * Runs an HTTPS-redirect filter inside this one, on {@code REQUEST} dispatches, after
	 * the headers are written and after the trusted-host filter this one runs (if any),
	 * instead of as a filter of its own: the same redirects, one entry less in the
	 * container's filter chain. Only where nothing would run between the two as filters
	 * of their own (and the trusted-host filter, if the application has one, runs inside
	 * this one too); register the redirect filter itself only where it is not run this
	 * way.
	 * @param filter the redirect filter, or {@code null} for none
	 */
	public void setHttpsRedirectFilter(HttpsRedirectFilter filter) {
		this.httpsRedirectFilter = filter;
	}

	/**
	 * The HTTPS-redirect filter this filter runs.
	 * @return the filter, or {@code null} when it runs none
	 */
	public HttpsRedirectFilter getHttpsRedirectFilter() {
		return this.httpsRedirectFilter;
	}

	/**
	 * Adds {@code Secure}, {@code HttpOnly} and {@code SameSite} to the cookies the
	 * application sets through this filter's response ({@code addCookie},
	 * {@code addHeader} and {@code setHeader} of {@code Set-Cookie}), where they lack
	 * them.
	 * @param flags the flags, or {@code null} for none (the default)
	 * @param containerFlagsCookies whether the container adds the flags to cookie objects
	 * itself ({@link TomcatCookieFlags}), so that this filter leaves them to it; or
	 * {@code null} when it never does
	 */
	public void setCookieFlags(CookieFlags flags, BooleanSupplier containerFlagsCookies) {
		this.cookieFlags = flags;
		this.containerFlagsCookies = containerFlagsCookies;
	}

	/** The flags added to cookies, or {@code null} when off. */
	public CookieFlags getCookieFlags() {
		return this.cookieFlags;
	}

	/**
	 * The trusted-host filter this filter runs.
	 * @return the filter, or {@code null} when it runs none
	 */
	public TrustedHostFilter getTrustedHostFilter() {
		return this.trustedHostFilter;
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
