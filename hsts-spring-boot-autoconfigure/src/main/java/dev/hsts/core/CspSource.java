package dev.hsts.core;

/**
 * One source expression of a CSP source list, classified (CSP3 section 2.3.1).
 *
 * @param text the expression as written
 * @param kind what it is
 * @param ignoredReason why the browser ignores it, or {@code null} when it is in effect
 */
public record CspSource(String text, Kind kind, String ignoredReason) {

	/**
	 * Whether the browser ignores this expression.
	 * @return whether it has no effect
	 */
	public boolean isIgnored() {
		return this.ignoredReason != null;
	}

	/** The grammar a source expression matches. */
	public enum Kind {

		/** A keyword such as {@code 'self'}, {@code 'none'}, {@code 'unsafe-inline'}. */
		KEYWORD,

		/** {@code 'nonce-<base64>'}. */
		NONCE,

		/** {@code 'sha256-<base64>'}, {@code 'sha384-...'}, {@code 'sha512-...'}. */
		HASH,

		/** A scheme such as {@code https:} or {@code data:}. */
		SCHEME,

		/**
		 * A host such as {@code *.example.com}, {@code https://cdn.example.com:443/js/}.
		 */
		HOST,

		/** Matches no grammar; always ignored. */
		INVALID

	}

}
