package dev.hsts.core;

import java.util.List;

/**
 * One response as observed when probing a domain for preload readiness, without following
 * redirects: plain data, so a test can feed live responses.
 *
 * @param url the URL requested, e.g. {@code https://example.com/}
 * @param status the HTTP status
 * @param location the {@code Location} header, or {@code null}
 * @param hstsFieldValues every {@code Strict-Transport-Security} field value, in order
 */
public record PreloadProbeResponse(String url, int status, String location, List<String> hstsFieldValues) {

	public PreloadProbeResponse {
		hstsFieldValues = (hstsFieldValues != null) ? List.copyOf(hstsFieldValues) : List.of();
	}

	/**
	 * Whether the status is a redirect (301, 302, 303, 307, 308) with a Location.
	 * @return whether it redirects
	 */
	public boolean isRedirect() {
		return (this.status == 301 || this.status == 302 || this.status == 303 || this.status == 307
				|| this.status == 308) && this.location != null;
	}

}
