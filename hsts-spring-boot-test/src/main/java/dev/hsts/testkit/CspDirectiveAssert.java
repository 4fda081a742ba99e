package dev.hsts.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.hsts.core.CspDirective;
import dev.hsts.core.CspHeaderParser;
import dev.hsts.core.CspPolicyReading;
import dev.hsts.core.ParsedCspHeader;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what governs one kind of request in every policy of a response: the
 * directive itself, or the one it falls back to. A browser loads or runs something only
 * when every policy allows it.
 */
public class CspDirectiveAssert extends AbstractAssert<CspDirectiveAssert, ParsedCspHeader> {

	private final String name;

	private final CspAssert csp;

	CspDirectiveAssert(ParsedCspHeader actual, String name, CspAssert csp) {
		super(actual, CspDirectiveAssert.class);
		this.name = name.toLowerCase(Locale.ROOT);
		this.csp = csp;
	}

	/**
	 * Back to the assertions on the policies.
	 * @return them
	 */
	public CspAssert and() {
		return this.csp;
	}

	/** Each policy's governing directive, or empty where nothing restricts it. */
	private List<Optional<CspDirective>> governing() {
		List<Optional<CspDirective>> governing = new ArrayList<>();
		for (CspPolicyReading policy : this.actual.policies()) {
			governing.add(policy.effectiveDirective(this.name));
		}
		return governing;
	}

	/** How each policy governs this kind of request, in words. */
	private String how() {
		List<String> parts = new ArrayList<>();
		List<CspPolicyReading> policies = this.actual.policies();
		for (int i = 0; i < policies.size(); i++) {
			Optional<CspDirective> directive = policies.get(i).effectiveDirective(this.name);
			String which = (policies.size() > 1) ? "policy " + (i + 1) + ": " : "";
			if (directive.isEmpty()) {
				parts.add(which + "nothing restricts it (no "
						+ String.join(", no ", CspHeaderParser.fallbackList(this.name)) + ")");
			}
			else if (!directive.get().name().equals(this.name)) {
				parts.add(which + this.name + " is absent, so " + render(directive.get()) + " applies");
			}
			else {
				parts.add(which + render(directive.get()));
			}
		}
		return String.join("; ", parts);
	}

	private static String render(CspDirective directive) {
		return (directive.name() + " " + String.join(" ", directive.value())).trim();
	}

	private String expecting(String what) {
		return "Expecting " + this.name + " in " + this.csp.header() + this.csp.on() + " to " + what + ", but ";
	}

	/**
	 * Verifies that a nonce governs this kind of request in at least one policy (so code
	 * without the response's nonce does not run).
	 * @return {@code this}
	 */
	public CspDirectiveAssert usesNonce() {
		for (Optional<CspDirective> directive : governing()) {
			if (directive.isPresent() && directive.get().usesNonce()) {
				return this;
			}
		}
		throw failure("%s", expecting("use a nonce") + "no policy has one in effect: " + how() + this.csp.sent());
	}

	/**
	 * Verifies that a hash governs this kind of request in at least one policy.
	 * @return {@code this}
	 */
	public CspDirectiveAssert usesHash() {
		for (Optional<CspDirective> directive : governing()) {
			if (directive.isPresent() && directive.get().usesHash()) {
				return this;
			}
		}
		throw failure("%s", expecting("use a hash") + "no policy has one in effect: " + how() + this.csp.sent());
	}

	/**
	 * Verifies that a browser runs no inline code of this kind: some policy allows no
	 * {@code 'unsafe-inline'} (or cancels it with a nonce, a hash or
	 * {@code 'strict-dynamic'}).
	 * @return {@code this}
	 */
	public CspDirectiveAssert doesNotAllowUnsafeInline() {
		for (Optional<CspDirective> directive : governing()) {
			if (directive.isPresent() && !directive.get().allowsUnsafeInline()) {
				return this;
			}
		}
		throw failure("%s", expecting("block inline code") + "a browser runs it: " + how() + this.csp.sent());
	}

	/**
	 * Verifies that a browser does not evaluate strings as code ({@code eval}) here: some
	 * policy governs it without {@code 'unsafe-eval'}.
	 * @return {@code this}
	 */
	public CspDirectiveAssert doesNotAllowUnsafeEval() {
		for (Optional<CspDirective> directive : governing()) {
			if (directive.isPresent() && !directive.get().allows("unsafe-eval")) {
				return this;
			}
		}
		throw failure("%s", expecting("block eval") + "a browser allows it: " + how() + this.csp.sent());
	}

	/**
	 * Verifies that every policy governs this kind of request with the directive itself
	 * or one it falls back to (nothing is left unrestricted).
	 * @return {@code this}
	 */
	public CspDirectiveAssert isRestricted() {
		for (Optional<CspDirective> directive : governing()) {
			if (directive.isPresent()) {
				return this;
			}
		}
		throw failure("%s", expecting("be restricted") + how() + this.csp.sent());
	}

	/**
	 * Verifies that a source expression is in effect in the governing directive of every
	 * policy that restricts this kind of request (as written, any case for keywords).
	 * @param source the source expression ({@code 'self'},
	 * {@code https://cdn.example.com})
	 * @return {@code this}
	 */
	public CspDirectiveAssert hasSource(String source) {
		isRestricted();
		for (Optional<CspDirective> directive : governing()) {
			if (directive.isPresent() && !hasEffective(directive.get(), source)) {
				throw failure("%s", expecting("have " + source + " in effect") + "a browser does not use it: " + how()
						+ this.csp.sent());
			}
		}
		return this;
	}

	private static boolean hasEffective(CspDirective directive, String source) {
		for (dev.hsts.core.CspSource effective : directive.effectiveSources()) {
			if (effective.text().equalsIgnoreCase(source)) {
				return true;
			}
		}
		return false;
	}

}
