package dev.hsts.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.policy.HttpsRedirectRule;

import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Redirects plain-HTTP requests to HTTPS: same host, path and query, on the configured HTTPS port. Requests that
 * are already secure (as the application sees them, after forwarded-header handling) and exempt paths pass
 * through. Runs after the trusted-host check, so the host it puts in {@code Location} is one the application
 * serves: never an open redirect. The redirect itself carries no HSTS (it is plain HTTP).
 */
public class HttpsRedirectFilter extends OncePerRequestFilter implements Ordered {

	/** After the security headers and the trusted-host check, before Spring Security. */
	public static final int DEFAULT_ORDER = SecurityHeadersFilter.DEFAULT_ORDER + 20;

	private final HttpsRedirectRule rule;

	private final List<PathPattern> exemptPaths;

	private int order = DEFAULT_ORDER;

	/**
	 * @param rule the redirect rule
	 */
	public HttpsRedirectFilter(HttpsRedirectRule rule) {
		this.rule = rule;
		PathPatternParser parser = new PathPatternParser();
		this.exemptPaths = rule.exemptPaths().stream().map(parser::parse).toList();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (request.isSecure()) {
			return true;
		}
		if (this.exemptPaths.isEmpty()) {
			return false;
		}
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		PathContainer path = PathContainer.parsePath(uri.substring(Math.min(contextPath.length(), uri.length())));
		for (PathPattern exempt : this.exemptPaths) {
			if (exempt.matches(path)) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
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

	/** @param order the filter order: after the trusted-host check, before Spring Security */
	public void setOrder(int order) {
		this.order = order;
	}

}
