package dev.hsts.servlet;

import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.HeaderDescription;
import dev.hsts.core.PathPatterns;

/**
 * Writes the default {@code Cache-Control} ({@code no-store} unless configured otherwise)
 * on a response for which the application chose none. A {@link CommitTimeHeaderWriter}:
 * it runs when the response is complete, so a Cache-Control set by a controller, a
 * {@code ResponseEntity} or Spring's static-resource handling at any point before is
 * kept. Writes nothing on {@code 304 Not Modified} (the stored response's headers apply)
 * or on excluded paths.
 *
 * <p>
 * Writes neither {@code Pragma} nor {@code Expires}: {@code Cache-Control} takes
 * precedence over both in every HTTP/1.1 cache (RFC 9111), and {@code Pragma} is
 * deprecated.
 */
public final class CacheControlDefaultWriter implements CommitTimeHeaderWriter, DescribedHeaderWriter {

	/** The header name. */
	public static final String HEADER_NAME = "Cache-Control";

	private final String value;

	private final PathPatterns excludedPaths;

	/**
	 * A writer of the default.
	 * @param value the value, validated by
	 * {@code dev.hsts.core.HeaderValues#cacheControl}
	 * @param excludedPaths paths that never get the default
	 */
	public CacheControlDefaultWriter(String value, PathPatterns excludedPaths) {
		this.value = Objects.requireNonNull(value, "value");
		this.excludedPaths = Objects.requireNonNull(excludedPaths, "excludedPaths");
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (response.containsHeader(HEADER_NAME) || response.getStatus() == HttpServletResponse.SC_NOT_MODIFIED
				|| (!this.excludedPaths.isEmpty()
						&& this.excludedPaths.matchesPath(RequestPaths.pathWithinApplication(request)))) {
			return;
		}
		response.setHeader(HEADER_NAME, this.value);
	}

	@Override
	public String getHeaderName() {
		return HEADER_NAME;
	}

	@Override
	public List<HeaderDescription> describe() {
		return List.of(new HeaderDescription(HEADER_NAME, this.value, List.of(), this.excludedPaths.patterns()));
	}

	/**
	 * The value written.
	 * @return the value
	 */
	public String getHeaderValue() {
		return this.value;
	}

}
