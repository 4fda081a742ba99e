package dev.hsts.web;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;

/**
 * Writes one header with a value fixed at startup, only when the response does not have it yet: what the
 * application put on the response wins, and there is never a second copy.
 */
public abstract class FixedValueHeaderWriter implements HeaderWriter {

	private final String name;

	private final String value;

	/**
	 * @param name the header name
	 * @param value the header value, already validated
	 */
	protected FixedValueHeaderWriter(String name, String value) {
		this.name = Objects.requireNonNull(name, "name");
		this.value = Objects.requireNonNull(value, "value");
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (!response.containsHeader(this.name)) {
			response.setHeader(this.name, this.value);
		}
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
		return getClass().getSimpleName() + "[" + this.name + ": " + this.value + "]";
	}

}
