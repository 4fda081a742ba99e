package dev.hsts.core;

import java.util.List;

/**
 * Reads {@code Content-Security-Policy} (or {@code Content-Security-Policy-Report-Only})
 * field values the way CSP Level 3 says a browser does, so a test sees the policies a
 * browser enforces, what it ignores, and why. Stateless and thread-safe.
 * <p>
 * The rules, each with its source (W3C Content Security Policy Level 3):
 * <ul>
 * <li>Every field, split on commas, is a policy of its own; all of them apply (section
 * 2.2.2 "Parse a response's Content Security Policies"; a policy with no directive is
 * dropped).</li>
 * <li>Directives are split on {@code ;}, trimmed; empty ones skipped; a token with a
 * non-ASCII character is skipped; the name is lower-cased; a directive whose name already
 * appeared is ignored (section 2.2.1 "Parse a serialized CSP", step 3.5, with the note a
 * browser logs).</li>
 * <li>A name that is no CSP directive has no effect (section 2.2.1 keeps it, browsers
 * warn "Unrecognized Content-Security-Policy directive").</li>
 * <li>Source expressions (section 2.3.1): keywords ({@code 'self'}, {@code 'none'},
 * {@code 'unsafe-inline'}, ...; case-insensitive), nonces ({@code 'nonce-...'}), hashes
 * ({@code 'sha256-...'}, {@code 'sha384-...'}, {@code 'sha512-...'}), schemes
 * ({@code https:}), hosts ({@code *.example.com:443/path}); anything else is
 * ignored.</li>
 * <li>{@code 'none'} with other expressions has no effect (section 2.3.1 note).</li>
 * <li>{@code 'unsafe-inline'} is ignored when the list also has a nonce or a hash, or
 * {@code 'strict-dynamic'} for scripts (section 6.7.3.3 "Does a source list allow all
 * inline behavior for type?").</li>
 * <li>With {@code 'strict-dynamic'} in a script list, host and scheme sources,
 * {@code 'self'} and {@code 'unsafe-inline'} are ignored for scripts (section 8.2 "Usage
 * of 'strict-dynamic'").</li>
 * <li>The effective directive falls back (section 6.8.3 "Get the effective directive for
 * request" and the directive fallback list): {@code script-src-elem} to
 * {@code script-src} to {@code default-src}; {@code worker-src} to {@code child-src},
 * {@code script-src}, {@code default-src}; {@code frame-src} to {@code child-src},
 * {@code default-src}; other fetch directives to {@code default-src}; non-fetch
 * directives ({@code base-uri}, {@code form-action}, {@code frame-ancestors}, ...) never
 * fall back.</li>
 * </ul>
 */
public final class CspHeaderParser {

	private CspHeaderParser() {
	}

	/**
	 * Reads one field value.
	 * @param fieldValue the value, or {@code null} for no header
	 * @return the policies
	 */
	public static ParsedCspHeader parse(String fieldValue) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Reads the values of every field of one response (one header name), in order.
	 * @param fieldValues the values
	 * @return the policies
	 */
	public static ParsedCspHeader parse(List<String> fieldValues) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * The directives a directive falls back to, itself first (CSP3 section 6.8.3): for
	 * {@code script-src-elem}: {@code script-src-elem}, {@code script-src},
	 * {@code default-src}.
	 * @param directiveName the directive (any case)
	 * @return the fallback list; just the directive itself for one that does not fall
	 * back
	 */
	public static List<String> fallbackList(String directiveName) {
		throw new UnsupportedOperationException("not yet");
	}

}
