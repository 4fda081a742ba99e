package dev.hsts.servlet;

import java.io.IOException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.HttpsRedirectRule;

import org.springframework.core.Ordered;
import org.springframework.web.filter.GenericFilterBean;

/**
 * Redirects plain-HTTP requests to HTTPS: same path and query, to the rule's host (or the
 * host the request was for), on the configured HTTPS port. Requests that are already
 * secure (as the application sees them, after forwarded-header handling) and exempt paths
 * pass through. Runs after the trusted-host check, so with the check on, the host it
 * copies into {@code Location} is one the application serves; with the check off and no
 * host of its own, it is an open redirect (the {@code https-redirect.host-unchecked}
 * finding). The redirect itself carries no HSTS (it is plain HTTP).
 *
 * <p>
 * Only the request as it arrived is redirected ({@link DispatcherType#REQUEST}); a
 * forward, include, error page or async dispatch goes through, whatever dispatcher types
 * the filter is registered for.
 */
public class HttpsRedirectFilter extends GenericFilterBean implements Ordered {

	/** After the security headers and the trusted-host check, before Spring Security. */
	public static final int DEFAULT_ORDER = SecurityHeadersFilter.DEFAULT_ORDER + 20;

	private final HttpsRedirectRule rule;

	private int order = DEFAULT_ORDER;

	/**
	 * @param rule the redirect rule
	 */
	public HttpsRedirectFilter(HttpsRedirectRule rule) {
		this.rule = rule;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse httpResponse
				&& redirected(httpRequest, httpResponse))) {
			chain.doFilter(request, response);
		}
	}

	/**
	 * Redirects the request if it is to be: what this filter does before it would run the
	 * rest of the chain. The starter's {@link SecurityHeadersFilter} calls it where it
	 * runs this filter ({@link SecurityHeadersFilter#setHttpsRedirectFilter}).
	 * @param request the request
	 * @param response the response
	 * @return whether the response is the redirect (the chain is not to run)
	 */
	boolean redirected(HttpServletRequest request, HttpServletResponse response) {
		if (request.getDispatcherType() == DispatcherType.REQUEST && !request.isSecure() && !isExempt(request)) {
			redirect(request, response);
			return true;
		}
		return false;
	}

	private boolean isExempt(HttpServletRequest request) {
		return this.rule.hasExemptPaths() && this.rule.isExempt(RequestPaths.pathWithinApplication(request));
	}

	private void redirect(HttpServletRequest request, HttpServletResponse response) {
		response.setStatus(this.rule.statusFor(request.getMethod()));
		response.setHeader("Location",
				this.rule.location(request.getServerName(), request.getRequestURI(), request.getQueryString()));
		response.setContentLength(0);
	}

	/** The rule this filter applies. */
	public HttpsRedirectRule getRule() {
		return this.rule;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * @param order the filter order: after the trusted-host check, before Spring Security
	 */
	public void setOrder(int order) {
		this.order = order;
	}

}
