package dev.hsts.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headers that both the starter and Spring Security write by default
 * (Strict-Transport-Security, Cache-Control with Pragma and Expires,
 * X-Content-Type-Options, X-Frame-Options, X-XSS-Protection): tells which of another
 * writer's values for them (a Spring Security filter chain's headers, as written on a
 * secure request) are the application's own choice, and which settings of the starter
 * express that choice.
 *
 * <p>
 * The rule: a value that is Spring Security's default (the same in Spring Security 6.5
 * and 7) is no choice, since the chain writes it without being told to; nor is one the
 * starter sends anyway. Any other value, including none at all where Spring Security
 * would write one (the header switched off), is the application's choice, which the
 * starter would otherwise replace without a word. A choice equal to Spring Security's
 * default cannot be told from the default.
 */
public final class ManagedHeaderChoices {

	/** Strict-Transport-Security. */
	public static final String HSTS = HstsPolicy.HEADER_NAME;

	/** Cache-Control. */
	public static final String CACHE_CONTROL = "Cache-Control";

	/** Pragma, which Spring Security writes with Cache-Control. */
	public static final String PRAGMA = "Pragma";

	/** Expires, which Spring Security writes with Cache-Control. */
	public static final String EXPIRES = "Expires";

	/** X-Content-Type-Options. */
	public static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";

	/** X-Frame-Options. */
	public static final String FRAME_OPTIONS = "X-Frame-Options";

	/** X-XSS-Protection. */
	public static final String XSS_PROTECTION = "X-XSS-Protection";

	/** Every header of the five, Pragma and Expires included. */
	public static final List<String> HEADER_NAMES = List.of(HSTS, CACHE_CONTROL, PRAGMA, EXPIRES, CONTENT_TYPE_OPTIONS,
			FRAME_OPTIONS, XSS_PROTECTION);

	/** Spring Security's default HSTS value. */
	public static final String SPRING_SECURITY_HSTS = "max-age=31536000 ; includeSubDomains";

	/** Spring Security's default Cache-Control value. */
	public static final String SPRING_SECURITY_CACHE_CONTROL = "no-cache, no-store, max-age=0, must-revalidate";

	private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*\"?(\\d{1,18})\"?");

	private ManagedHeaderChoices() {
	}

	/**
	 * A setting of the starter, relative to the configuration, with the value that
	 * expresses a choice.
	 *
	 * @param path the setting, e.g. {@code frame-options}
	 * @param value its value, e.g. {@code SAMEORIGIN}
	 */
	public record Setting(String path, String value) {

		public Setting {
			Objects.requireNonNull(path, "path");
			Objects.requireNonNull(value, "value");
		}

	}

	/**
	 * The application's own choice for one of the headers.
	 *
	 * @param header the header ({@code Cache-Control} stands for Pragma and Expires too)
	 * @param written what the other writer writes, as {@code name: value} lines' values
	 * (for Cache-Control with Pragma and Expires,
	 * {@code Cache-Control: ..., Pragma: ...}); {@code null} when it writes nothing
	 * @param settings the settings that make the starter send the same, in order; empty
	 * when no setting does
	 * @param note what else to know (a part of the choice the starter does not send), or
	 * {@code null}; settings are written as <code>${path}</code>
	 */
	public record Choice(String header, String written, List<Setting> settings, String note) {

		public Choice {
			Objects.requireNonNull(header, "header");
			settings = List.copyOf(settings);
		}

	}

	/**
	 * The values of a policy's header, in stage order: what the starter may send for
	 * Strict-Transport-Security.
	 * @param policy the policy
	 * @return the values; empty when HSTS is switched off
	 */
	public static Set<String> hstsValues(HstsPolicy policy) {
		Set<String> values = new LinkedHashSet<>();
		// No switch on the mode (a synthetic class) and no lambda (a hidden class): this
		// runs while the context starts (issue 21).
		HstsMode mode = policy.mode();
		if (mode == HstsMode.REVOKED) {
			values.add(HstsPolicy.REVOKED_HEADER_VALUE);
		}
		else if (mode != HstsMode.DISABLED) {
			for (HstsStage stage : policy.stages()) {
				values.add(stage.headerValue());
			}
		}
		return values;
	}

	/**
	 * The application's own choices among what another writer writes.
	 * @param written what the other writer writes on a secure {@code GET /}, by header
	 * name (any case), each with its values
	 * @param starter what the starter may send, by header name (any case); a header that
	 * is missing, or has no value, is one the starter does not send
	 * @return the choices, in the order Strict-Transport-Security, X-Frame-Options,
	 * X-Content-Type-Options, Cache-Control, X-XSS-Protection; empty when there is none
	 */
	public static List<Choice> of(Map<String, ? extends Collection<String>> written,
			Map<String, ? extends Collection<String>> starter) {
		Map<String, List<String>> chain = byName(written);
		Map<String, List<String>> ours = byName(starter);
		List<Choice> choices = new ArrayList<>();
		hsts(chain, ours, choices);
		frameOptions(chain, ours, choices);
		contentTypeOptions(chain, ours, choices);
		cacheControl(chain, ours, choices);
		xssProtection(chain, ours, choices);
		return choices;
	}

	private static Map<String, List<String>> byName(Map<String, ? extends Collection<String>> headers) {
		Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Map.Entry<String, ? extends Collection<String>> header : headers.entrySet()) {
			if (header.getValue() == null) {
				continue;
			}
			List<String> values = byName.get(header.getKey());
			if (values == null) {
				values = new ArrayList<>();
				byName.put(header.getKey(), values);
			}
			for (String value : header.getValue()) {
				if (value != null) {
					values.add(value);
				}
			}
		}
		return byName;
	}

	/** The header's value (several joined by {@code ", "}), or {@code null}. */
	private static String value(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		return (values == null || values.isEmpty()) ? null : String.join(", ", values);
	}

	/**
	 * Whether a value is no choice: Spring Security's default, or what the starter sends
	 * (nothing included), compared in normal form ({@link #normal}).
	 */
	private static boolean noChoice(String value, String springSecurityDefault, List<String> starterValues,
			String separator) {
		if (value == null) {
			return starterValues == null || starterValues.isEmpty();
		}
		String normalValue = normal(value, separator);
		if (normalValue.equals(normal(springSecurityDefault, separator))) {
			return true;
		}
		if (starterValues != null) {
			for (String starterValue : starterValues) {
				if (normal(starterValue, separator).equals(normalValue)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * A value in normal form: with a separator, its directives separated by it, trimmed
	 * and in lower case, joined by the separator and a space; without one ({@code null}),
	 * trimmed and in upper case.
	 */
	private static String normal(String value, String separator) {
		return (separator != null) ? String.join(separator + " ", directiveList(value, separator)) : caseless(value);
	}

	private static List<String> directiveList(String value, String separator) {
		List<String> parts = new ArrayList<>();
		for (String part : value.split(Pattern.quote(separator), -1)) {
			String trimmed = part.trim().toLowerCase(Locale.ROOT);
			if (!trimmed.isEmpty()) {
				parts.add(trimmed);
			}
		}
		return parts;
	}

	private static String caseless(String value) {
		return value.trim().toUpperCase(Locale.ROOT);
	}

	private static void hsts(Map<String, List<String>> chain, Map<String, List<String>> ours, List<Choice> choices) {
		String value = value(chain, HSTS);
		if (noChoice(value, SPRING_SECURITY_HSTS, ours.get(HSTS), ";")) {
			return;
		}
		if (value == null) {
			choices.add(new Choice(HSTS, null, List.of(new Setting("hsts.enabled", "false")), null));
			return;
		}
		List<String> directives = directiveList(value, ";");
		Long seconds = null;
		for (String directive : directives) {
			Matcher maxAge = MAX_AGE.matcher(directive);
			if (maxAge.matches()) {
				seconds = Long.parseLong(maxAge.group(1));
			}
		}
		if (seconds == null) {
			choices.add(new Choice(HSTS, value, List.of(),
					"The starter sends max-age with includeSubDomains and preload only; configure its rollout with "
							+ "${hsts.rollout.stages}."));
			return;
		}
		if (seconds == 0) {
			choices.add(new Choice(HSTS, value, List.of(new Setting("hsts.revoke", "true")), null));
			return;
		}
		List<Setting> settings = new ArrayList<>();
		settings.add(new Setting("hsts.rollout.stages[0].max-age", seconds + "s"));
		if (directives.contains("includesubdomains")) {
			settings.add(new Setting("hsts.include-subdomains", "true"));
		}
		if (directives.contains("preload")) {
			settings.add(new Setting("hsts.preload", "true"));
		}
		choices.add(new Choice(HSTS, value, settings,
				"${hsts.rollout.stages[0].max-age} alone makes a rollout plan of one stage; to reach that value in "
						+ "stages, list them in ${hsts.rollout.stages} instead."));
	}

	private static void frameOptions(Map<String, List<String>> chain, Map<String, List<String>> ours,
			List<Choice> choices) {
		String value = value(chain, FRAME_OPTIONS);
		if (noChoice(value, "DENY", ours.get(FRAME_OPTIONS), null)) {
			return;
		}
		if (value == null) {
			choices.add(new Choice(FRAME_OPTIONS, null, List.of(new Setting("frame-options", HeaderValues.DISABLED)),
					null));
		}
		else if (caseless(value).equals("SAMEORIGIN") || caseless(value).equals("DENY")) {
			choices.add(new Choice(FRAME_OPTIONS, value, List.of(new Setting("frame-options", caseless(value))), null));
		}
		else {
			String origin = caseless(value).startsWith("ALLOW-FROM") ? value.trim().substring(10).trim() : "";
			choices.add(new Choice(FRAME_OPTIONS, value,
					origin.isEmpty() ? List.of()
							: List.of(
									new Setting("content-security-policy.policy", "frame-ancestors " + origin),
									new Setting("frame-options", HeaderValues.DISABLED)),
					"Browsers ignore X-Frame-Options values other than DENY and SAMEORIGIN (ALLOW-FROM among them); "
							+ "the frame-ancestors directive of ${content-security-policy.policy} allows specific "
							+ "origins."));
		}
	}

	private static void contentTypeOptions(Map<String, List<String>> chain, Map<String, List<String>> ours,
			List<Choice> choices) {
		String value = value(chain, CONTENT_TYPE_OPTIONS);
		if (noChoice(value, "nosniff", ours.get(CONTENT_TYPE_OPTIONS), null)) {
			return;
		}
		choices.add(new Choice(CONTENT_TYPE_OPTIONS, value,
				List.of(new Setting("content-type-options", (value != null) ? value.trim() : HeaderValues.DISABLED)),
				null));
	}

	/**
	 * X-XSS-Protection: Spring Security's default is {@code 0}, as the starter's; the
	 * starter never sends {@code 1}.
	 */
	private static void xssProtection(Map<String, List<String>> chain, Map<String, List<String>> ours,
			List<Choice> choices) {
		String value = value(chain, XSS_PROTECTION);
		if (noChoice(value, "0", ours.get(XSS_PROTECTION), null)) {
			return;
		}
		if (value == null) {
			choices.add(new Choice(XSS_PROTECTION, null, List.of(new Setting("xss-protection", HeaderValues.DISABLED)),
					null));
		}
		else if (value.trim().equals("0")) {
			choices.add(new Choice(XSS_PROTECTION, value, List.of(new Setting("xss-protection", "0")), null));
		}
		else {
			choices.add(new Choice(XSS_PROTECTION, value, List.of(),
					"The starter sends X-XSS-Protection: 0 or nothing: 1 switches on the XSS auditor of old browsers, "
							+ "which could be abused to delete legitimate scripts and to leak information across "
							+ "sites, and current browsers ignore it. Protect against XSS with "
							+ "${content-security-policy.policy}."));
		}
	}

	/**
	 * Cache-Control, Pragma and Expires as one: Spring Security's default writes all
	 * three; the starter writes Cache-Control only.
	 */
	private static void cacheControl(Map<String, List<String>> chain, Map<String, List<String>> ours,
			List<Choice> choices) {
		String cacheControl = value(chain, CACHE_CONTROL);
		String pragma = value(chain, PRAGMA);
		String expires = value(chain, EXPIRES);
		boolean springSecurityDefault = cacheControl != null
				&& normal(cacheControl, ",").equals(normal(SPRING_SECURITY_CACHE_CONTROL, ","))
				&& "no-cache".equalsIgnoreCase(trimmed(pragma)) && "0".equals(trimmed(expires));
		if (springSecurityDefault || (pragma == null && expires == null
				&& noChoice(cacheControl, SPRING_SECURITY_CACHE_CONTROL, ours.get(CACHE_CONTROL), ","))) {
			return;
		}
		List<String> lines = new ArrayList<>();
		if (cacheControl != null) {
			lines.add(CACHE_CONTROL + ": " + cacheControl);
		}
		if (pragma != null) {
			lines.add(PRAGMA + ": " + pragma);
		}
		if (expires != null) {
			lines.add(EXPIRES + ": " + expires);
		}
		String written = lines.isEmpty() ? null : String.join(", ", lines);
		List<Setting> settings = (cacheControl != null)
				? List.of(new Setting("cache-control.value", cacheControl.trim()))
				: List.of(new Setting("cache-control.enabled", "false"));
		String note = (pragma != null || expires != null)
				? "The starter sends neither Pragma nor Expires: Cache-Control takes precedence over both in every "
						+ "HTTP/1.1 cache (RFC 9111)."
				: null;
		choices.add(new Choice(CACHE_CONTROL, written, settings, note));
	}

	private static String trimmed(String value) {
		return (value != null) ? value.trim() : null;
	}

}
