package dev.hsts.reactive;

import org.springframework.web.server.ServerWebExchange;

/**
 * Writes headers on the response of a WebFlux exchange: what
 * {@link SecurityHeadersWebFilter} applies to every response, and the type of every
 * header writer bean of the starter in a WebFlux application. The WebFlux counterpart of
 * {@code dev.hsts.servlet.ResponseHeaderWriter}.
 *
 * <p>
 * A writer should only fill in what the response does not have yet: the filter runs it
 * before the application and again just before the response commits (see
 * {@link SecurityHeadersWebFilter}), and what the application set wins.
 */
@FunctionalInterface
public interface ExchangeHeaderWriter {

	/**
	 * Writes this writer's headers on the exchange's response.
	 * @param exchange the exchange
	 */
	void writeHeaders(ServerWebExchange exchange);

}
