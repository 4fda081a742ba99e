package dev.hsts.core;

import java.util.ArrayList;
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
		return CspHeaderParser.isSourceListDirective(this.name);
	}

	/**
	 * Whether a nonce source is present and in effect.
	 * @return whether it is
	 */
	public boolean usesNonce() {
		return hasEffective(CspSource.Kind.NONCE);
	}

	/**
	 * Whether a hash source is present and in effect.
	 * @return whether it is
	 */
	public boolean usesHash() {
		return hasEffective(CspSource.Kind.HASH);
	}

	/**
	 * Whether a keyword is present and in effect (not ignored).
	 * @param keyword with or without quotes, any case ({@code unsafe-inline})
	 * @return whether it is
	 */
	public boolean allows(String keyword) {
		String quoted = keyword.startsWith("'") ? keyword : "'" + keyword + "'";
		for (CspSource source : this.sources) {
			if (!source.isIgnored() && source.kind() == CspSource.Kind.KEYWORD
					&& source.text().equalsIgnoreCase(quoted)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether {@code 'unsafe-inline'} is in effect: present and not cancelled by a nonce,
	 * a hash or {@code 'strict-dynamic'}.
	 * @return whether inline code runs
	 */
	public boolean allowsUnsafeInline() {
		return allows("'unsafe-inline'");
	}

	/**
	 * Whether the list matches nothing: empty, or only {@code 'none'}.
	 * @return whether it blocks everything
	 */
	public boolean blocksAll() {
		if (!isSourceList()) {
			return false;
		}
		for (CspSource source : this.sources) {
			if (!source.isIgnored() && !source.text().equalsIgnoreCase("'none'")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The sources in effect (not ignored).
	 * @return the effective sources
	 */
	public List<CspSource> effectiveSources() {
		List<CspSource> effective = new ArrayList<>();
		for (CspSource source : this.sources) {
			if (!source.isIgnored()) {
				effective.add(source);
			}
		}
		return effective;
	}

	private boolean hasEffective(CspSource.Kind kind) {
		for (CspSource source : this.sources) {
			if (!source.isIgnored() && source.kind() == kind) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The directive as written: {@code script-src 'self' 'nonce-abc'}.
	 * @return the text
	 */
	@Override
	public String toString() {
		return this.value.isEmpty() ? this.name : this.name + " " + String.join(" ", this.value);
	}

}
