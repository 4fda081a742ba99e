package dev.hsts.benchmarks;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The naive way on WebFlux: a hand-written WebFilter that sets the same headers on the
 * response before the chain runs (HSTS on https requests only; Cache-Control only when
 * absent, so the application can still replace it). No staging, no host checks, nothing
 * at commit.
 */
final class NaiveHeadersWebFilter implements WebFilter {

	private final boolean setIfAbsent;

	/**
	 * @param setIfAbsent whether to check each header first (what the starter and Spring
	 * Security do, so that the application's values win), or to overwrite blindly
	 */
	NaiveHeadersWebFilter(boolean setIfAbsent) {
		this.setIfAbsent = setIfAbsent;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if ("https".equals(exchange.getRequest().getURI().getScheme())) {
			set(headers, "Strict-Transport-Security", "max-age=300");
		}
		set(headers, "X-Content-Type-Options", "nosniff");
		set(headers, "X-Frame-Options", "DENY");
		set(headers, "Referrer-Policy", "no-referrer");
		set(headers, "Permissions-Policy", "geolocation=(), microphone=(), camera=()");
		set(headers, "X-Permitted-Cross-Domain-Policies", "none");
		set(headers, "X-XSS-Protection", "0");
		if (!headers.containsHeader("Cache-Control")) {
			headers.set("Cache-Control", "no-store");
		}
		return chain.filter(exchange);
	}

	private void set(HttpHeaders headers, String name, String value) {
		if (!this.setIfAbsent || !headers.containsHeader(name)) {
			headers.set(name, value);
		}
	}

}
