package dev.hsts.reactive;

import java.util.List;
import java.util.Objects;

import dev.hsts.core.DescribedHeaders;
import dev.hsts.core.HeaderDescription;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes one header with a value fixed at startup, only when the response does not have
 * it yet, on WebFlux: what the application put on the response wins, and there is never a
 * second copy. The starter writes {@code X-Content-Type-Options},
 * {@code X-Frame-Options}, {@code Referrer-Policy}, {@code Permissions-Policy},
 * {@code Cross-Origin-Opener-Policy} and {@code Cross-Origin-Resource-Policy} this way.
 */
public final class FixedHeaderExchangeWriter implements ExchangeHeaderWriter, DescribedHeaders {

	private final String name;

	/** {@link #name} as a look-up key ({@link ExchangeHeaders#lookupKey(String)}). */
	private final String key;

	private final String value;

	private final List<HeaderDescription> description;

	/**
	 * A writer of one header.
	 * @param name the header name
	 * @param value the header value, already validated
	 */
	public FixedHeaderExchangeWriter(String name, String value) {
		this.name = Objects.requireNonNull(name, "name");
		this.key = ExchangeHeaders.lookupKey(name);
		this.value = Objects.requireNonNull(value, "value");
		this.description = List.of(HeaderDescription.everywhere(name, value));
	}

	@Override
	public void writeHeaders(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (headers.getFirst(this.key) == null) {
			headers.set(this.name, this.value);
		}
	}

	@Override
	public List<HeaderDescription> describe() {
		return this.description;
	}

	/** The header this writer writes. */
	public String getHeaderName() {
		return this.name;
	}

	/** The value this writer writes. */
	public String getHeaderValue() {
		return this.value;
	}

	@Override
	public String toString() {
		return "FixedHeaderExchangeWriter[" + this.name + ": " + this.value + "]";
	}

}
