package dev.hsts.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.HandlerPolicy;
import dev.hsts.core.PerRequestHeaderPolicy;
import dev.hsts.core.CspReportCollector;
import dev.hsts.core.HeaderPolicy;
import dev.hsts.core.PolicyHeader;
import dev.hsts.core.PolicyRequest;

/**
 * The policy of one request (or dispatch) in progress, made by
 * {@link SecurityHeadersFilter} only when the application has named policies, handler
 * policies or hooks: the policy chosen so far, whether it is final, and the request as a
 * {@link dev.hsts.core.PerRequestHeaderPolicy} sees it.
 */
final class RequestPolicy implements PolicyRequest {

	private static final PolicyHeader[] HEADERS = PolicyHeader.values();

	private final ServletPolicies config;

	private final HttpServletRequest request;

	private HeaderPolicy chosen;

	/** Whether {@link #chosen} is the request's final policy, which may be written. */
	private boolean decided;

	private Object handler;

	private RequestPolicy(ServletPolicies config, HttpServletRequest request, HeaderPolicy chosen, boolean decided) {
		this.config = config;
		this.request = request;
		this.chosen = chosen;
		this.decided = decided;
	}

	/**
	 * The policy of a dispatch: the one a previous dispatch of the request decided (an
	 * error page keeps its handler's policy), else the path's, final unless handlers or
	 * hooks may still change it.
	 */
	static RequestPolicy start(ServletPolicies config, HttpServletRequest request) {
		Object remembered = request.getAttribute(ServletPolicies.REQUEST_POLICY_ATTRIBUTE);
		if (remembered instanceof HeaderPolicy policy) {
			return new RequestPolicy(config, request, policy, true);
		}
		HeaderPolicy forPath = config.getPolicies()
			.forPath(config.getPolicies().dependsOnPath() ? RequestPaths.pathWithinApplication(request) : null);
		if (config.waitsForHandler()) {
			return new RequestPolicy(config, request, forPath, false);
		}
		return new RequestPolicy(config, request, forPath, true);
	}

	boolean isDecided() {
		return this.decided;
	}

	HeaderPolicy chosen() {
		return this.chosen;
	}

	/**
	 * The handler is known: chooses its policy (over the path's), runs the hooks, and
	 * makes the result final. Does nothing once the policy is final (a later dispatch, a
	 * second mapping).
	 * @param handler the handler
	 * @param handlerPolicy what it asks for, or {@code null}
	 * @return whether the policy became final now
	 */
	boolean handlerMapped(Object handler, HandlerPolicy handlerPolicy) {
		if (this.decided) {
			return false;
		}
		this.handler = handler;
		if (handlerPolicy != null) {
			this.chosen = this.config.getPolicies().choose(handlerPolicy, path());
		}
		decide();
		return true;
	}

	/**
	 * The response is complete (or commits) before a handler was known: the policy so
	 * far, adjusted by the hooks, is final.
	 */
	void decideWithoutHandler() {
		if (!this.decided) {
			decide();
		}
	}

	private void decide() {
		PerRequestHeaderPolicy[] hooks = this.config.hooks();
		if (hooks.length > 0) {
			this.chosen = this.config.getPolicies().adjust(this.chosen, this, this.config.getHooks());
		}
		this.decided = true;
		this.request.setAttribute(ServletPolicies.REQUEST_POLICY_ATTRIBUTE, this.chosen);
	}

	/**
	 * Writes the headers of the final policy that the response does not have (what the
	 * application set stays), except Cache-Control (at commit,
	 * {@link #writeCacheControl}) and HSTS (by the HSTS writer, when the policy sends
	 * it).
	 * @param response the response
	 */
	void write(HttpServletResponse response) {
		HeaderPolicy policy = this.chosen;
		String nonce = null;
		boolean enforced = false;
		boolean reportOnly = false;
		for (PolicyHeader header : HEADERS) {
			if (header == PolicyHeader.CACHE_CONTROL || header == PolicyHeader.STRICT_TRANSPORT_SECURITY
					|| !this.config.decides(header) || !policy.sends(header)
					|| response.containsHeader(header.headerName())) {
				continue;
			}
			if (nonce == null && header.isContentSecurityPolicy() && policy.usesNonce()) {
				nonce = CspHeaderWriter.nonce(this.request);
			}
			response.setHeader(header.headerName(), policy.render(header, nonce));
			enforced |= header == PolicyHeader.CONTENT_SECURITY_POLICY;
			reportOnly |= header == PolicyHeader.CONTENT_SECURITY_POLICY_REPORT_ONLY;
		}
		if (reportOnly) {
			policy.reportOnlySent();
		}
		String endpoints = policy.reportingEndpoints(enforced, reportOnly);
		if (endpoints != null) {
			response.setHeader(CspReportCollector.REPORTING_ENDPOINTS,
					policy.reporting().merge(response.getHeader(CspReportCollector.REPORTING_ENDPOINTS), endpoints));
		}
	}

	/**
	 * Writes the policy's Cache-Control default where the application set none (and not
	 * on 304).
	 * @param response the response
	 */
	void writeCacheControl(HttpServletResponse response) {
		if (response.containsHeader(CacheControlDefaultWriter.HEADER_NAME)
				|| response.getStatus() == HttpServletResponse.SC_NOT_MODIFIED) {
			return;
		}
		HeaderPolicy policy = this.chosen;
		String value = policy.cacheControl(policy.cacheControlDependsOnPath() ? path() : null);
		if (value != null) {
			response.setHeader(CacheControlDefaultWriter.HEADER_NAME, value);
		}
	}

	/** Whether the policy sends Strict-Transport-Security. */
	boolean sendsHsts() {
		return this.chosen.hsts();
	}

	@Override
	public String method() {
		return this.request.getMethod();
	}

	@Override
	public String path() {
		return RequestPaths.pathWithinApplication(this.request);
	}

	@Override
	public String host() {
		return this.request.getServerName();
	}

	@Override
	public boolean secure() {
		return this.request.isSecure();
	}

	@Override
	public String header(String name) {
		return this.request.getHeader(name);
	}

	@Override
	public Object handler() {
		return this.handler;
	}

	@Override
	public String policyName() {
		return this.chosen.name();
	}

}
