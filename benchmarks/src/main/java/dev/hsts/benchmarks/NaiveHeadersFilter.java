package dev.hsts.benchmarks;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The naive way: a hand-written filter that sets the same headers on every response
 * before the chain runs (HSTS on secure requests only; Cache-Control before the chain, so
 * the application can still replace it). No staging, no host checks, nothing after
 * {@code reset()} or on error pages.
 */
final class NaiveHeadersFilter extends OncePerRequestFilter {

	private final boolean setIfAbsent;

	/**
	 * @param setIfAbsent whether to check each header first (what the starter and Spring
	 * Security do, so that the application's values win), or to overwrite blindly
	 */
	NaiveHeadersFilter(boolean setIfAbsent) {
		this.setIfAbsent = setIfAbsent;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.isSecure()) {
			set(response, "Strict-Transport-Security", "max-age=300");
		}
		set(response, "X-Content-Type-Options", "nosniff");
		set(response, "X-Frame-Options", "DENY");
		set(response, "Referrer-Policy", "no-referrer");
		set(response, "Permissions-Policy", "geolocation=(), microphone=(), camera=()");
		set(response, "X-Permitted-Cross-Domain-Policies", "none");
		set(response, "X-XSS-Protection", "0");
		if (!response.containsHeader("Cache-Control")) {
			response.setHeader("Cache-Control", "no-store");
		}
		chain.doFilter(request, response);
	}

	private void set(HttpServletResponse response, String name, String value) {
		if (!this.setIfAbsent || !response.containsHeader(name)) {
			response.setHeader(name, value);
		}
	}

}
