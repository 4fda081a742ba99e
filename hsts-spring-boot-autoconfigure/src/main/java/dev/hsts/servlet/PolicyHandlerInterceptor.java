package dev.hsts.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Tells {@link SecurityHeadersFilter}'s response which handler Spring MVC mapped a
 * request to, before the handler runs, so that the request gets its handler's policy (and
 * a view the CSP nonce that policy needs). Does nothing unless the filter applies named
 * policies.
 */
public final class PolicyHandlerInterceptor implements HandlerInterceptor {

	private final SecurityHeadersFilter filter;

	private volatile MvcHandlerPolicies handlers = new MvcHandlerPolicies();

	/**
	 * @param filter the filter whose policies apply
	 */
	public PolicyHandlerInterceptor(SecurityHeadersFilter filter) {
		this.filter = filter;
	}

	/**
	 * @param handlers the policies the handlers ask for, found at startup
	 */
	public void setHandlers(MvcHandlerPolicies handlers) {
		this.handlers = handlers;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (this.filter.getPolicies() == null) {
			return true;
		}
		SecurityHeadersResponse starterResponse = SecurityHeadersResponse.find(response);
		if (starterResponse != null) {
			starterResponse.handlerMapped(handler, this.handlers.find(handler, request));
		}
		return true;
	}

}
