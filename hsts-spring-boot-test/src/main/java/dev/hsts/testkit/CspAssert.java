package dev.hsts.testkit;

import java.util.List;

import dev.hsts.core.CspHeaderParser;
import dev.hsts.core.ParsedCspHeader;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the Content Security Policies of one response as a browser reads them
 * (see {@link CspHeaderParser}): every comma-separated policy of every field applies, and
 * a resource must pass each.
 */
public class CspAssert extends AbstractAssert<CspAssert, ParsedCspHeader> {

	private final String header;

	private final SecurityHeadersAssert response;

	CspAssert(String header, List<String> fieldValues, SecurityHeadersAssert response) {
		super(CspHeaderParser.parse(fieldValues), CspAssert.class);
		this.header = header;
		this.response = response;
	}

	/**
	 * Back to the assertions on the whole response.
	 * @return them
	 */
	public SecurityHeadersAssert and() {
		return this.response;
	}

	String header() {
		return this.header;
	}

	String on() {
		return " on " + this.response.headers().description();
	}

	String sent() {
		List<String> values = this.actual.fieldValues();
		if (values.isEmpty()) {
			return "";
		}
		return "\n  sent: "
				+ ((values.size() == 1) ? this.header + ": " + values.get(0) : values.size() + " fields " + values);
	}

	/**
	 * Verifies that at least one policy applies.
	 * @return {@code this}
	 */
	public CspAssert isPresent() {
		if (this.actual.isEmpty()) {
			throw failure("%s",
					"Expecting " + this.header + on() + ", but " + (this.actual.fieldValues().isEmpty()
							? "the response has none" : "a browser finds no policy in it: " + this.actual.allNotes())
							+ sent());
		}
		return this;
	}

	/**
	 * Verifies that no policy applies.
	 * @return {@code this}
	 */
	public CspAssert isAbsent() {
		if (!this.actual.isEmpty()) {
			throw failure("%s",
					"Expecting no " + this.header + on() + ", but a browser applies " + this.actual.policies().size()
							+ ((this.actual.policies().size() == 1) ? " policy" : " policies") + sent());
		}
		return this;
	}

	/**
	 * Verifies that a browser ignores no part of the policies: no unknown or repeated
	 * directive, no invalid or cancelled source expression.
	 * @return {@code this}
	 */
	public CspAssert hasNothingIgnored() {
		isPresent();
		List<String> notes = this.actual.allNotes();
		if (!notes.isEmpty()) {
			throw failure("%s", "Expecting a browser to use all of " + this.header + on()
					+ ", but it ignores parts:\n  " + String.join("\n  ", notes) + sent());
		}
		return this;
	}

	/**
	 * Assertions on what governs a kind of request: the directive itself or the one it
	 * falls back to ({@code script-src} → {@code default-src}), in each policy.
	 * @param name the directive ({@code script-src}, {@code img-src}, ...)
	 * @return the assertions
	 */
	public CspDirectiveAssert directive(String name) {
		isPresent();
		return new CspDirectiveAssert(this.actual, name, this);
	}

	/**
	 * Verifies that a browser runs no inline code of this kind: at least one policy's
	 * governing directive (after fallback) allows no {@code 'unsafe-inline'}, or cancels
	 * it with a nonce, a hash or {@code 'strict-dynamic'}.
	 * @param directive the directive ({@code script-src}, {@code style-src})
	 * @return {@code this}
	 */
	public CspAssert doesNotAllowUnsafeInline(String directive) {
		directive(directive).doesNotAllowUnsafeInline();
		return this;
	}

}
