package dev.hsts.reactive;

import reactor.core.publisher.Mono;

import dev.hsts.core.HttpsRedirectRule;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Redirects plain-HTTP WebFlux requests to HTTPS: same path and query, to the rule's host
 * (or the host the request was for), on the configured HTTPS port. Requests that are
 * already secure (as the application sees them, after forwarded-header handling) and
 * exempt paths pass through. Runs after the trusted-host check, so with the check on, the
 * host it copies into {@code Location} is one the application serves. The redirect itself
 * carries no HSTS (it is plain HTTP).
 */
public class HttpsRedirectWebFilter implements WebFilter, Ordered {

	/** After the security headers and the trusted-host check, before Spring Security. */
	public static final int DEFAULT_ORDER = SecurityHeadersWebFilter.DEFAULT_ORDER + 20;

	private final HttpsRedirectRule rule;

	private int order = DEFAULT_ORDER;

	/**
	 * @param rule the redirect rule
	 */
	public HttpsRedirectWebFilter(HttpsRedirectRule rule) {
		this.rule = rule;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Mono<Void> redirect = redirect(exchange);
		return (redirect != null) ? redirect : chain.filter(exchange);
	}

	/**
	 * This filter's work: the redirect of a plain-HTTP exchange.
	 * @param exchange the exchange
	 * @return the redirect (its status and headers set by this call), or {@code null}
	 * when the exchange passes
	 */
	Mono<Void> redirect(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (ExchangeRequests.isSecure(request)
				|| (this.rule.hasExemptPaths() && this.rule.isExempt(ExchangeRequests.encodedPath(request)))) {
			return null;
		}
		String host = ExchangeRequests.serverName(request);
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(this.rule.statusFor(request.getMethod().name())));
		response.getHeaders()
			.set(HttpHeaders.LOCATION, this.rule.location((host != null) ? host : "", request.getURI().getRawPath(),
					request.getURI().getRawQuery()));
		response.getHeaders().set(HttpHeaders.CONTENT_LENGTH, "0");
		return response.setComplete();
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

	/**
	 * The class's name. Spring Framework 7's {@code DefaultWebFilterChain} names each
	 * filter it runs in a Reactor checkpoint, by its {@code toString()}, on every
	 * request; the {@code Object} one builds a new string each time (name and identity
	 * hash code).
	 * @return the name of this filter's class
	 */
	@Override
	public String toString() {
		return getClass().getName();
	}

}
