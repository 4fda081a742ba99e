package dev.hsts.core;

import java.util.List;

/**
 * One directive of a Content Security Policy as a browser reads it.
 *
 * @param name the name, lower-cased
 * @param value the value tokens as written (split on ASCII whitespace)
 * @param sources the value as source expressions, for directives that take a source list
 * (empty for others, such as {@code sandbox} or {@code report-uri})
 * @param known whether the name is a CSP directive the browser acts on
 * @param notes what the browser ignores in it and why
 */
public record CspDirective(String name, List<String> value, List<CspSource> sources, boolean known,
		List<String> notes) {

	/**
	 * Whether the directive takes a source list ({@code default-src}, the fetch
	 * directives, {@code base-uri}, {@code form-action}, {@code frame-ancestors}).
	 * @return whether it does
	 */
	public boolean isSourceList() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether a nonce source is present and in effect.
	 * @return whether it is
	 */
	public boolean usesNonce() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether a hash source is present and in effect.
	 * @return whether it is
	 */
	public boolean usesHash() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether a keyword is present and in effect (not ignored).
	 * @param keyword with or without quotes, any case ({@code unsafe-inline})
	 * @return whether it is
	 */
	public boolean allows(String keyword) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether {@code 'unsafe-inline'} is in effect: present and not cancelled by a nonce,
	 * a hash or {@code 'strict-dynamic'}.
	 * @return whether inline code runs
	 */
	public boolean allowsUnsafeInline() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether the list matches nothing: empty, or only {@code 'none'}.
	 * @return whether it blocks everything
	 */
	public boolean blocksAll() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * The sources in effect (not ignored).
	 * @return the effective sources
	 */
	public List<CspSource> effectiveSources() {
		throw new UnsupportedOperationException("not yet");
	}

}
