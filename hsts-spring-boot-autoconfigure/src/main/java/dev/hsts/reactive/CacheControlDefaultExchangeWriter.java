package dev.hsts.reactive;

import java.util.List;
import java.util.Objects;

import dev.hsts.core.DescribedHeaders;
import dev.hsts.core.HeaderDescription;
import dev.hsts.core.PathPatterns;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the default {@code Cache-Control} ({@code no-store} unless configured otherwise)
 * on a WebFlux response for which the application chose none. A
 * {@link CommitTimeExchangeHeaderWriter}: it runs when the response commits, so a
 * Cache-Control set by a handler, a {@code ResponseEntity} or Spring's static-resource
 * handling is kept. Writes nothing on {@code 304 Not Modified} (the stored response's
 * headers apply) or on excluded paths. Writes neither {@code Pragma} nor {@code Expires}
 * (RFC 9111: Cache-Control takes precedence over both).
 */
public final class CacheControlDefaultExchangeWriter implements CommitTimeExchangeHeaderWriter, DescribedHeaders {

	/** The header name. */
	public static final String HEADER_NAME = "Cache-Control";

	private static final String KEY = ExchangeHeaders.lookupKey(HEADER_NAME);

	private final String value;

	private final PathPatterns excludedPaths;

	/**
	 * A writer of the default.
	 * @param value the value, validated by
	 * {@code dev.hsts.core.HeaderValues#cacheControl}
	 * @param excludedPaths paths that never get the default
	 */
	public CacheControlDefaultExchangeWriter(String value, PathPatterns excludedPaths) {
		this.value = Objects.requireNonNull(value, "value");
		this.excludedPaths = Objects.requireNonNull(excludedPaths, "excludedPaths");
	}

	@Override
	public void writeHeaders(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (headers.getFirst(KEY) == null && valueFor(exchange) != null) {
			headers.set(HEADER_NAME, this.value);
		}
	}

	/**
	 * The value this writer writes on an exchange whose response has no Cache-Control.
	 * @param exchange the exchange
	 * @return the value, or {@code null} when the exchange gets none (a 304, an excluded
	 * path)
	 */
	String valueFor(ServerWebExchange exchange) {
		if (HttpStatus.NOT_MODIFIED.equals(exchange.getResponse().getStatusCode()) || (!this.excludedPaths.isEmpty()
				&& this.excludedPaths.matches(exchange.getRequest().getPath().pathWithinApplication()))) {
			return null;
		}
		return this.value;
	}

	@Override
	public String getHeaderName() {
		return HEADER_NAME;
	}

	@Override
	public List<HeaderDescription> describe() {
		return List.of(new HeaderDescription(HEADER_NAME, this.value, List.of(), this.excludedPaths.patterns()));
	}

	/** The value written. */
	public String getHeaderValue() {
		return this.value;
	}

}
