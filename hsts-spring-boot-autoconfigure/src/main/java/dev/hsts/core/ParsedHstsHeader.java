package dev.hsts.core;

import java.util.List;
import java.util.Optional;

/**
 * What browsers do with the {@code Strict-Transport-Security} fields of one response (see
 * {@link HstsHeaderParser}): each engine's reading, whether they agree, and notes on
 * things a browser passes over silently (an unknown directive, a second field, a clamped
 * max-age).
 */
public final class ParsedHstsHeader {

	ParsedHstsHeader() {
	}

	/**
	 * The field values as received.
	 * @return the values, possibly empty
	 */
	public List<String> fieldValues() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether the response has the header at all.
	 * @return whether there is at least one field
	 */
	public boolean isPresent() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * The field value browsers process: the first.
	 * @return the value, empty when there is no header
	 */
	public Optional<String> processedValue() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * What one engine does.
	 * @param engine the engine
	 * @return its reading (ignored with reason "no Strict-Transport-Security header" when
	 * absent)
	 */
	public HstsBrowserReading reading(BrowserEngine engine) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Every engine's reading, in {@link BrowserEngine} order.
	 * @return the readings
	 */
	public List<HstsBrowserReading> readings() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether every engine records the policy.
	 * @return whether it is effective in all
	 */
	public boolean isEffective() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether every engine ignores the header (or there is none).
	 * @return whether it is ignored by all
	 */
	public boolean isIgnored() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether the engines disagree: one records the policy, another ignores it or keeps a
	 * different max-age.
	 * @return whether they differ
	 */
	public boolean browsersDiffer() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Why the header is ignored, in browser terms, prefixed {@code ignored: }; when the
	 * engines differ, each is named ({@code ignored by Chromium: ...}).
	 * @return the reason, empty when every engine records the policy
	 */
	public Optional<String> ignoredReason() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * The max-age as sent in the processed field, before any browser's cap, saturated at
	 * {@link Long#MAX_VALUE}.
	 * @return the seconds, or {@code -1} when the processed value has no valid max-age
	 */
	public long maxAgeSeconds() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether the processed field carries {@code includeSubDomains} (exactly once,
	 * valueless).
	 * @return whether it does
	 */
	public boolean includeSubDomains() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether the processed field carries {@code preload} (exactly once, valueless). No
	 * browser reads it; the hstspreload.org checker does.
	 * @return whether it does
	 */
	public boolean preload() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * What browsers pass over silently: unknown directives, fields after the first, a
	 * clamped max-age, leading zeros, empty directives.
	 * @return the notes, possibly empty
	 */
	public List<String> notes() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * One line for messages: {@code effective: max-age=31536000; includeSubDomains;
	 * preload}, {@code ignored: max-age appears twice}, or each engine's reading when
	 * they differ.
	 * @return the summary
	 */
	public String summary() {
		throw new UnsupportedOperationException("not yet");
	}

	@Override
	public String toString() {
		return summary();
	}

}
