package dev.hsts.servlet;

import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.HeaderDescription;

/**
 * Writes one header with a value fixed at startup, only when the response does not have
 * it yet: what the application put on the response wins, and there is never a second
 * copy. The starter writes {@code X-Content-Type-Options}, {@code X-Frame-Options},
 * {@code Referrer-Policy}, {@code Permissions-Policy}, {@code Cross-Origin-Opener-Policy}
 * and {@code Cross-Origin-Resource-Policy} this way, with the values validated from
 * {@code security.headers.*}.
 */
public final class FixedHeaderWriter implements DescribedHeaderWriter {

	private final String name;

	private final String value;

	private final List<HeaderDescription> description;

	/**
	 * A writer of one header.
	 * @param name the header name
	 * @param value the header value, already validated
	 */
	public FixedHeaderWriter(String name, String value) {
		this.name = Objects.requireNonNull(name, "name");
		this.value = Objects.requireNonNull(value, "value");
		this.description = List.of(HeaderDescription.everywhere(name, value));
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (!response.containsHeader(this.name)) {
			response.setHeader(this.name, this.value);
		}
	}

	@Override
	public List<HeaderDescription> describe() {
		return this.description;
	}

	/**
	 * The header this writer writes.
	 * @return the header name
	 */
	public String getHeaderName() {
		return this.name;
	}

	/**
	 * The value this writer writes.
	 * @return the header value
	 */
	public String getHeaderValue() {
		return this.value;
	}

	@Override
	public String toString() {
		return "FixedHeaderWriter[" + this.name + ": " + this.value + "]";
	}

}
