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

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if ("https".equals(exchange.getRequest().getURI().getScheme())) {
			headers.set("Strict-Transport-Security", "max-age=300");
		}
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("X-Frame-Options", "DENY");
		headers.set("Referrer-Policy", "no-referrer");
		headers.set("Permissions-Policy", "geolocation=(), microphone=(), camera=()");
		if (!headers.containsHeader("Cache-Control")) {
			headers.set("Cache-Control", "no-store");
		}
		return chain.filter(exchange);
	}

}
