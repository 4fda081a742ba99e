package dev.hsts.benchmarks;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The naive way: a hand-written filter that sets the same headers on every response before the chain runs (HSTS
 * on secure requests only; Cache-Control before the chain, so the application can still replace it). No staging,
 * no host checks, nothing after {@code reset()} or on error pages.
 */
final class NaiveHeadersFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=300");
		}
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Permissions-Policy", "geolocation=(), microphone=(), camera=()");
		if (!response.containsHeader("Cache-Control")) {
			response.setHeader("Cache-Control", "no-store");
		}
		chain.doFilter(request, response);
	}

}
