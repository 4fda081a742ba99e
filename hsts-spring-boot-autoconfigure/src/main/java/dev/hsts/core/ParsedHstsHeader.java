package dev.hsts.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What browsers do with the {@code Strict-Transport-Security} fields of one response (see
 * {@link HstsHeaderParser}): each engine's reading, whether they agree, and notes on
 * things a browser passes over silently (an unknown directive, a second field, a clamped
 * max-age).
 */
public final class ParsedHstsHeader {

	private final List<String> fieldValues;

	private final List<HstsBrowserReading> readings;

	private final long maxAgeSeconds;

	private final boolean includeSubDomains;

	private final boolean preload;

	private final List<String> notes;

	ParsedHstsHeader(List<String> fieldValues, List<HstsBrowserReading> readings) {
		this.fieldValues = List.copyOf(fieldValues);
		this.readings = List.copyOf(readings);
		long maxAge = -1;
		int maxAges = 0;
		int includeSubDomainsCount = 0;
		boolean includeSubDomainsValueless = true;
		int preloads = 0;
		boolean preloadValueless = true;
		List<String> notes = new ArrayList<>();
		if (fieldValues.size() > 1) {
			notes.add("browsers process only the first of " + fieldValues.size()
					+ " Strict-Transport-Security fields; the others are ignored (RFC 6797 section 8.1)");
		}
		if (!fieldValues.isEmpty()) {
			String value = fieldValues.get(0);
			boolean emptyNoted = false;
			for (String[] directive : HstsHeaderParser.lenientDirectives(value)) {
				if (directive == null) {
					if (!emptyNoted && !value.trim().isEmpty()) {
						notes.add("an empty directive (extra semicolon) is skipped");
						emptyNoted = true;
					}
					continue;
				}
				String name = directive[0].toLowerCase(Locale.ROOT);
				String directiveValue = directive[1];
				if (name.equals("max-age")) {
					maxAges++;
					if (maxAges == 1 && directiveValue != null && HstsHeaderParser.isDigits(directiveValue)) {
						maxAge = HstsHeaderParser.saturatedValue(directiveValue);
						if (directiveValue.length() > 1 && directiveValue.charAt(0) == '0') {
							notes.add("max-age has a leading zero: browsers accept it, the hstspreload.org checker "
									+ "warns (header.parse.max_age.leading_zero)");
						}
					}
				}
				else if (name.equals("includesubdomains")) {
					includeSubDomainsCount++;
					includeSubDomainsValueless &= directiveValue == null;
				}
				else if (name.equals("preload")) {
					preloads++;
					preloadValueless &= directiveValue == null;
				}
				else {
					notes.add("unknown directive ignored: " + directive[0]);
				}
			}
			if (value.indexOf(',') >= 0 && !isEffectiveIn(readings)) {
				notes.add("the value contains a comma: two headers merged into one field (by a proxy, or by adding the "
						+ "header twice) are invalid in browsers");
			}
			if (preloads > 0 && !(preloads == 1 && preloadValueless)) {
				notes.add("preload appears twice or has a value: the hstspreload.org checker does not count it");
			}
			if (maxAge == 0) {
				notes.add("max-age=0: browsers delete the host's HSTS policy");
			}
			for (HstsBrowserReading reading : readings) {
				if (reading.effective() && maxAge > reading.maxAgeSeconds()) {
					notes.add(reading.engine().displayName() + " caps max-age at " + reading.maxAgeSeconds()
							+ " s: it keeps the policy for " + reading.maxAgeSeconds() + " s, not " + maxAge);
				}
			}
		}
		this.maxAgeSeconds = (maxAges == 1) ? maxAge : -1;
		this.includeSubDomains = includeSubDomainsCount == 1 && includeSubDomainsValueless;
		this.preload = preloads == 1 && preloadValueless;
		this.notes = Collections.unmodifiableList(notes);
	}

	private static boolean isEffectiveIn(List<HstsBrowserReading> readings) {
		for (HstsBrowserReading reading : readings) {
			if (!reading.effective()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The field values as received.
	 * @return the values, possibly empty
	 */
	public List<String> fieldValues() {
		return this.fieldValues;
	}

	/**
	 * Whether the response has the header at all.
	 * @return whether there is at least one field
	 */
	public boolean isPresent() {
		return !this.fieldValues.isEmpty();
	}

	/**
	 * The field value browsers process: the first.
	 * @return the value, empty when there is no header
	 */
	public Optional<String> processedValue() {
		return this.fieldValues.isEmpty() ? Optional.empty() : Optional.of(this.fieldValues.get(0));
	}

	/**
	 * What one engine does.
	 * @param engine the engine
	 * @return its reading (ignored with reason "no Strict-Transport-Security header" when
	 * absent)
	 */
	public HstsBrowserReading reading(BrowserEngine engine) {
		return this.readings.get(engine.ordinal());
	}

	/**
	 * Every engine's reading, in {@link BrowserEngine} order.
	 * @return the readings
	 */
	public List<HstsBrowserReading> readings() {
		return this.readings;
	}

	/**
	 * Whether every engine records the policy.
	 * @return whether it is effective in all
	 */
	public boolean isEffective() {
		return isEffectiveIn(this.readings);
	}

	/**
	 * Whether every engine ignores the header (or there is none).
	 * @return whether it is ignored by all
	 */
	public boolean isIgnored() {
		for (HstsBrowserReading reading : this.readings) {
			if (reading.effective()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the engines disagree: one records the policy, another ignores it or keeps a
	 * different max-age.
	 * @return whether they differ
	 */
	public boolean browsersDiffer() {
		HstsBrowserReading first = this.readings.get(0);
		for (HstsBrowserReading reading : this.readings) {
			if (reading.effective() != first.effective() || reading.maxAgeSeconds() != first.maxAgeSeconds()
					|| reading.includeSubDomains() != first.includeSubDomains()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Why the header is ignored, in browser terms, prefixed {@code ignored: }; when the
	 * engines differ, each is named ({@code ignored by Firefox: ...}).
	 * @return the reason, empty when every engine records the policy
	 */
	public Optional<String> ignoredReason() {
		List<HstsBrowserReading> ignoring = new ArrayList<>();
		for (HstsBrowserReading reading : this.readings) {
			if (!reading.effective()) {
				ignoring.add(reading);
			}
		}
		if (ignoring.isEmpty()) {
			return Optional.empty();
		}
		boolean sameReason = ignoring.size() == this.readings.size();
		for (HstsBrowserReading reading : ignoring) {
			sameReason &= reading.reason().equals(ignoring.get(0).reason());
		}
		if (sameReason) {
			return Optional.of("ignored: " + ignoring.get(0).reason());
		}
		StringBuilder reason = new StringBuilder();
		for (HstsBrowserReading reading : ignoring) {
			if (reason.length() > 0) {
				reason.append("; ");
			}
			reason.append("ignored by ").append(reading.engine().displayName()).append(": ").append(reading.reason());
		}
		return Optional.of(reason.toString());
	}

	/**
	 * The max-age as sent in the processed field, before any browser's cap, saturated at
	 * {@link Long#MAX_VALUE}.
	 * @return the seconds, or {@code -1} when the processed value has no single
	 * whole-number max-age
	 */
	public long maxAgeSeconds() {
		return this.maxAgeSeconds;
	}

	/**
	 * Whether the processed field carries {@code includeSubDomains} (exactly once,
	 * valueless).
	 * @return whether it does
	 */
	public boolean includeSubDomains() {
		return this.includeSubDomains;
	}

	/**
	 * Whether the processed field carries {@code preload} (exactly once, valueless). No
	 * browser reads it; the hstspreload.org checker does.
	 * @return whether it does
	 */
	public boolean preload() {
		return this.preload;
	}

	/**
	 * What browsers pass over silently: unknown directives, fields after the first, a
	 * clamped max-age, leading zeros, empty directives.
	 * @return the notes, possibly empty
	 */
	public List<String> notes() {
		return this.notes;
	}

	/**
	 * One line for messages: {@code effective: max-age=31536000; includeSubDomains;
	 * preload}, {@code ignored: max-age appears twice}, or each engine's reading when
	 * they differ.
	 * @return the summary
	 */
	public String summary() {
		if (!browsersDiffer()) {
			HstsBrowserReading reading = this.readings.get(0);
			if (!reading.effective()) {
				return ignoredReason().orElse("ignored");
			}
			StringBuilder summary = new StringBuilder("effective: max-age=").append(reading.maxAgeSeconds());
			if (reading.includeSubDomains()) {
				summary.append("; includeSubDomains");
			}
			if (this.preload) {
				summary.append("; preload");
			}
			return summary.toString();
		}
		StringBuilder summary = new StringBuilder();
		for (HstsBrowserReading reading : this.readings) {
			if (summary.length() > 0) {
				summary.append(" / ");
			}
			summary.append(reading.describe());
		}
		return summary.toString();
	}

	@Override
	public String toString() {
		return summary();
	}

}
