package dev.hsts.core;

/**
 * One hstspreload.org submission rule that does not hold, worded as the preload list's
 * own checker words it (github.com/chromium/hstspreload: {@code header.go},
 * {@code response.go}, {@code redirects.go}).
 *
 * @param code the checker's issue code, e.g.
 * {@code header.preloadable.include_sub_domains.missing}
 * @param error {@code true} for an error (the submission is refused), {@code false} for a
 * warning
 * @param summary the checker's short title, e.g. {@code No includeSubDomains directive}
 * @param message the checker's message, e.g. {@code The header must contain the
 * `includeSubDomains` directive.}
 */
public record PreloadIssue(String code, boolean error, String summary, String message) {

	/** The prefix of the finding codes: {@code preload.}. */
	public static final String FINDING_PREFIX = "preload.";

	/**
	 * As an endpoint finding: code {@code preload.<checker code>}, an error as a warning
	 * (the application still runs), the checker's message.
	 * @param context where it applies (e.g. {@code the final stage (max-age=...)}), put
	 * before the message, or {@code null}
	 * @param property the setting to change, relative to the configuration, or
	 * {@code null}
	 * @return the finding
	 */
	public Finding toFinding(String context, String property) {
		String text = (context != null) ? context + ": " + this.message : this.message;
		return new Finding(Finding.Severity.WARNING, FINDING_PREFIX + this.code, text, property);
	}

	/**
	 * {@code error header.preloadable.preload.missing: The header must contain the
	 * `preload` directive.}
	 * @return the line
	 */
	@Override
	public String toString() {
		return (this.error ? "error " : "warning ") + this.code + ": " + this.message;
	}

}
