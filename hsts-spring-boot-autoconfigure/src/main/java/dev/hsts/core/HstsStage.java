package dev.hsts.core;

import java.time.Duration;
import java.time.Instant;

/**
 * A validated stage of the rollout with the exact header value it sends.
 *
 * @param number the stage number, 1-based
 * @param maxAgeSeconds the max-age in seconds
 * @param hold how long the stage lasts in a scheduled rollout, {@code null} for the final
 * stage
 * @param includeSubDomains whether {@code includeSubDomains} is sent
 * @param preload whether {@code preload} is sent
 * @param headerValue the {@code Strict-Transport-Security} value, rendered once
 * @param startsAt when the stage starts in a scheduled rollout, {@code null} otherwise
 */
public record HstsStage(int number, long maxAgeSeconds, Duration hold, boolean includeSubDomains, boolean preload,
		String headerValue, Instant startsAt) {

	/** The max-age that hstspreload.org requires: one year. */
	public static final long PRELOAD_MIN_MAX_AGE = 31_536_000L;

	/**
	 * Renders a {@code Strict-Transport-Security} value in canonical form:
	 * {@code max-age=N}, then {@code ; includeSubDomains}, then {@code ; preload}.
	 * @param maxAgeSeconds the max-age
	 * @param includeSubDomains whether to include the directive
	 * @param preload whether to include the directive
	 * @return the header value
	 */
	public static String render(long maxAgeSeconds, boolean includeSubDomains, boolean preload) {
		StringBuilder value = new StringBuilder(48).append("max-age=").append(maxAgeSeconds);
		if (includeSubDomains) {
			value.append("; includeSubDomains");
		}
		if (preload) {
			value.append("; preload");
		}
		return value.toString();
	}

}
