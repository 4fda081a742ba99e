package dev.hsts.core;

/**
 * What one browser engine does with a {@code Strict-Transport-Security} header: ignores
 * it (with the reason in browser terms), or records the policy with the max-age it keeps.
 *
 * @param engine the browser engine
 * @param effective whether the browser records the policy ({@code max-age=0} is
 * effective: it removes the host's policy)
 * @param maxAgeSeconds the max-age the browser keeps, after its own cap (Chromium caps at
 * one year, Firefox at 100 years); {@code -1} when ignored
 * @param includeSubDomains whether the policy covers subdomains; {@code false} when
 * ignored
 * @param reason why the header is ignored, in browser terms ({@code max-age appears
 * twice}); {@code null} when effective
 */
public record HstsBrowserReading(BrowserEngine engine, boolean effective, long maxAgeSeconds, boolean includeSubDomains,
		String reason) {

	/**
	 * One line: {@code Chromium: effective, max-age=31536000; includeSubDomains} or
	 * {@code Firefox: ignored: max-age appears twice}.
	 * @return the description
	 */
	public String describe() {
		if (!this.effective) {
			return this.engine.displayName() + ": ignored: " + this.reason;
		}
		return this.engine.displayName() + ": effective, max-age=" + this.maxAgeSeconds
				+ (this.includeSubDomains ? "; includeSubDomains" : "");
	}

}
