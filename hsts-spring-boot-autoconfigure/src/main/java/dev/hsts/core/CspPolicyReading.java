package dev.hsts.core;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One Content Security Policy as a browser reads it: its directives (first occurrence of
 * each name), and what it ignored.
 *
 * @param text the serialized policy as received
 * @param directives the directives in order, duplicates removed
 * @param notes what the browser ignored and why (a duplicate directive, an unknown name,
 * a non-ASCII token)
 */
public record CspPolicyReading(String text, List<CspDirective> directives, List<String> notes) {

	/**
	 * The directive with this name, as written (no fallback).
	 * @param name the name (any case)
	 * @return the directive, or empty
	 */
	public Optional<CspDirective> directive(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		for (CspDirective directive : this.directives) {
			if (directive.name().equals(lower)) {
				return Optional.of(directive);
			}
		}
		return Optional.empty();
	}

	/**
	 * The directive that governs a kind of request: the first of
	 * {@link CspHeaderParser#fallbackList(String)} present in this policy.
	 * @param name the effective directive name ({@code script-src-elem}, {@code img-src},
	 * ...)
	 * @return the governing directive, or empty (nothing restricts it)
	 */
	public Optional<CspDirective> effectiveDirective(String name) {
		for (String candidate : CspHeaderParser.fallbackList(name)) {
			Optional<CspDirective> directive = directive(candidate);
			if (directive.isPresent()) {
				return directive;
			}
		}
		return Optional.empty();
	}

}
