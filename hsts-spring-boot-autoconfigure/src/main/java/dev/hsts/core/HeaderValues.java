package dev.hsts.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates and normalizes the configured values of the security headers other than HSTS.
 * Each method takes where the value is configured (for the error message) and the
 * configured value, and returns the exact header value to send, or {@code null} when the
 * header is switched off. Everything is checked once, at startup: no control characters
 * (CR/LF would split the response), visible ASCII only, and only the values the header's
 * specification allows. Every refusal is an {@link InvalidPolicyException} naming the
 * setting and the fix.
 */
public final class HeaderValues {

	/**
	 * The value that switches a header off, accepted by every header setting
	 * (case-insensitive).
	 */
	public static final String DISABLED = "disabled";

	/** Every token Referrer-Policy allows (W3C Referrer Policy, section 3). */
	public static final List<String> REFERRER_POLICY_TOKENS = List.of("no-referrer", "no-referrer-when-downgrade",
			"same-origin", "origin", "strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin",
			"unsafe-url");

	/** Every value Cross-Origin-Opener-Policy allows (HTML standard). */
	public static final List<String> CROSS_ORIGIN_OPENER_POLICY_VALUES = List.of("same-origin",
			"same-origin-allow-popups", "noopener-allow-popups", "unsafe-none");

	/** Every value Cross-Origin-Resource-Policy allows (Fetch standard). */
	public static final List<String> CROSS_ORIGIN_RESOURCE_POLICY_VALUES = List.of("same-origin", "same-site",
			"cross-origin");

	/** Every value Cross-Origin-Embedder-Policy allows (HTML standard). */
	public static final List<String> CROSS_ORIGIN_EMBEDDER_POLICY_VALUES = List.of("require-corp", "credentialless",
			"unsafe-none");

	/**
	 * Every value X-Permitted-Cross-Domain-Policies allows (Adobe's cross-domain policy
	 * specification).
	 */
	public static final List<String> PERMITTED_CROSS_DOMAIN_POLICIES_VALUES = List.of("none", "master-only",
			"by-content-type", "by-ftp-filename", "all", "none-this-response");

	/**
	 * Every value Origin-Agent-Cluster allows (HTML standard: a structured-field
	 * boolean).
	 */
	public static final List<String> ORIGIN_AGENT_CLUSTER_VALUES = List.of("?1", "?0");

	/** Every value X-DNS-Prefetch-Control allows. */
	public static final List<String> DNS_PREFETCH_CONTROL_VALUES = List.of("off", "on");

	/**
	 * One Cache-Control directive: a token, optionally {@code =token} or
	 * {@code ="quoted string"}.
	 */
	private static final Pattern CACHE_DIRECTIVE = Pattern
		.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+(=([!#$%&'*+.^_`|~0-9A-Za-z-]+|\"[^\"\\\\]*\"))?");

	/**
	 * One origin of a Permissions-Policy allowlist: {@code self}, {@code src}, {@code *}
	 * or a quoted origin.
	 */
	private static final String PERMISSIONS_ORIGIN = "(self|src|\\*|\"[^\"\\s\\\\]+\")";

	/**
	 * One Permissions-Policy member (a structured-field dictionary entry):
	 * {@code feature=allowlist}.
	 */
	private static final Pattern PERMISSIONS_MEMBER = Pattern.compile("([a-z*][a-z0-9_*.-]*)=(\\*|self|src|\\(\\s*("
			+ PERMISSIONS_ORIGIN + "(\\s+" + PERMISSIONS_ORIGIN + ")*)?\\s*\\))");

	private HeaderValues() {
	}

	/**
	 * X-Content-Type-Options: {@code nosniff} or {@code disabled}.
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value; {@code null} means the default ({@code nosniff})
	 * @return {@code nosniff}, or {@code null} when switched off
	 */
	public static String contentTypeOptions(String path, String value) {
		String trimmed = visibleAscii(path, value, "nosniff");
		if (trimmed == null) {
			return null;
		}
		if (!trimmed.equalsIgnoreCase("nosniff")) {
			throw new InvalidPolicyException(path, value, "X-Content-Type-Options has one value, nosniff.",
					"Set it to nosniff (the default), or to disabled to send no X-Content-Type-Options header.");
		}
		return "nosniff";
	}

	/**
	 * X-Frame-Options: {@code DENY}, {@code SAMEORIGIN} or {@code disabled}.
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value; {@code null} means the default ({@code DENY})
	 * @return {@code DENY} or {@code SAMEORIGIN}, or {@code null} when switched off
	 */
	public static String frameOptions(String path, String value) {
		String trimmed = visibleAscii(path, value, "DENY");
		if (trimmed == null) {
			return null;
		}
		String upper = trimmed.toUpperCase(Locale.ROOT);
		if (upper.equals("DENY") || upper.equals("SAMEORIGIN")) {
			return upper;
		}
		if (upper.startsWith("ALLOW-FROM")) {
			throw new InvalidPolicyException(path, value,
					"ALLOW-FROM is obsolete: current browsers ignore it, so framing would be allowed from anywhere.",
					"Set it to DENY or SAMEORIGIN, and allow specific framing origins with the frame-ancestors "
							+ "directive of ${content-security-policy.policy}.");
		}
		throw new InvalidPolicyException(path, value, "X-Frame-Options allows only DENY and SAMEORIGIN.",
				"Set it to DENY (the default), SAMEORIGIN, or disabled to send no X-Frame-Options header.");
	}

	/**
	 * Referrer-Policy: one of {@link #REFERRER_POLICY_TOKENS}, or a comma-separated list
	 * of them (browsers use the last one they understand), or {@code disabled}.
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value; {@code null} means the default
	 * ({@code no-referrer})
	 * @return the normalized value, or {@code null} when switched off
	 */
	public static String referrerPolicy(String path, String value) {
		String trimmed = visibleAscii(path, value, "no-referrer");
		if (trimmed == null) {
			return null;
		}
		List<String> tokens = new ArrayList<>();
		for (String part : trimmed.split(",", -1)) {
			String token = part.trim().toLowerCase(Locale.ROOT);
			if (!REFERRER_POLICY_TOKENS.contains(token)) {
				throw new InvalidPolicyException(path, value,
						(token.isEmpty() ? "the list has an empty entry"
								: "'" + UntrustedText.escape(token) + "' is not a Referrer-Policy token") + ".",
						"Use one of " + String.join(", ", REFERRER_POLICY_TOKENS)
								+ " (or a comma-separated list of them), or disabled to send no Referrer-Policy header.");
			}
			tokens.add(token);
		}
		return String.join(", ", tokens);
	}

	/**
	 * Permissions-Policy: a structured-field dictionary such as
	 * {@code geolocation=(), camera=(self)}, or {@code disabled}.
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value; {@code null} means the default
	 * @return the normalized value (members joined with {@code ", "}), or {@code null}
	 * when switched off
	 */
	public static String permissionsPolicy(String path, String value) {
		String trimmed = visibleAscii(path, value, "geolocation=(), microphone=(), camera=()");
		if (trimmed == null) {
			return null;
		}
		List<String> members = new ArrayList<>();
		Set<String> features = new LinkedHashSet<>();
		for (String part : trimmed.split(",", -1)) {
			String member = part.trim();
			var matcher = PERMISSIONS_MEMBER.matcher(member);
			if (!matcher.matches()) {
				String reason = (member.contains("'") || (member.contains(" ") && !member.contains("=")))
						? "'" + UntrustedText.escape(member) + "' looks like the old Feature-Policy syntax, which "
								+ "Permissions-Policy does not accept."
						: "'" + UntrustedText.escape(member) + "' is not a Permissions-Policy entry.";
				throw new InvalidPolicyException(path, value, reason,
						"Write each entry as feature=(allowlist), separated by commas, e.g. "
								+ "geolocation=(), camera=(self \"https://example.com\"); or set disabled to send no "
								+ "Permissions-Policy header.");
			}
			if (!features.add(matcher.group(1))) {
				throw new InvalidPolicyException(path, value,
						"the feature '" + matcher.group(1) + "' is listed twice; browsers use only one of them.",
						"List each feature once.");
			}
			members.add(member);
		}
		return String.join(", ", members);
	}

	/**
	 * Cross-Origin-Opener-Policy: one of {@link #CROSS_ORIGIN_OPENER_POLICY_VALUES}, or
	 * unset/{@code disabled} (the default: not sent).
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value, may be {@code null}
	 * @return the value, or {@code null} when not sent
	 */
	public static String crossOriginOpenerPolicy(String path, String value) {
		return oneOf(path, value, CROSS_ORIGIN_OPENER_POLICY_VALUES, "Cross-Origin-Opener-Policy");
	}

	/**
	 * Cross-Origin-Resource-Policy: one of {@link #CROSS_ORIGIN_RESOURCE_POLICY_VALUES},
	 * or unset/{@code disabled} (the default: not sent).
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value, may be {@code null}
	 * @return the value, or {@code null} when not sent
	 */
	public static String crossOriginResourcePolicy(String path, String value) {
		return oneOf(path, value, CROSS_ORIGIN_RESOURCE_POLICY_VALUES, "Cross-Origin-Resource-Policy");
	}

	/**
	 * Cross-Origin-Embedder-Policy: one of {@link #CROSS_ORIGIN_EMBEDDER_POLICY_VALUES},
	 * or unset/{@code disabled} (the default: not sent).
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value, may be {@code null}
	 * @return the value, or {@code null} when not sent
	 */
	public static String crossOriginEmbedderPolicy(String path, String value) {
		return oneOf(path, value, CROSS_ORIGIN_EMBEDDER_POLICY_VALUES, "Cross-Origin-Embedder-Policy");
	}

	/**
	 * X-Permitted-Cross-Domain-Policies: one of
	 * {@link #PERMITTED_CROSS_DOMAIN_POLICIES_VALUES}, or {@code disabled}.
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value; {@code null} means the default ({@code none})
	 * @return the value, or {@code null} when switched off
	 */
	public static String permittedCrossDomainPolicies(String path, String value) {
		return oneOf(path, (value != null) ? value : "none", PERMITTED_CROSS_DOMAIN_POLICIES_VALUES,
				"X-Permitted-Cross-Domain-Policies");
	}

	/**
	 * Origin-Agent-Cluster: {@code ?1} or {@code ?0}, or unset/{@code disabled} (the
	 * default: not sent).
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value, may be {@code null}
	 * @return the value, or {@code null} when not sent
	 */
	public static String originAgentCluster(String path, String value) {
		return oneOf(path, value, ORIGIN_AGENT_CLUSTER_VALUES, "Origin-Agent-Cluster");
	}

	/**
	 * X-DNS-Prefetch-Control: {@code off} or {@code on}, or unset/{@code disabled} (the
	 * default: not sent).
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value, may be {@code null}
	 * @return the value, or {@code null} when not sent
	 */
	public static String dnsPrefetchControl(String path, String value) {
		return oneOf(path, value, DNS_PREFETCH_CONTROL_VALUES, "X-DNS-Prefetch-Control");
	}

	/**
	 * X-XSS-Protection: {@code 0} (the default) or {@code disabled}. {@code 1} (with or
	 * without {@code mode=block}) is refused: it switches on the XSS auditor of old
	 * browsers (Internet Explorer, Chrome before 78, Safari), which attackers could use
	 * to delete a page's legitimate scripts and to learn cross-site information; current
	 * browsers ignore the header. {@code 0} switches the auditor off where it still
	 * exists.
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value; {@code null} means the default ({@code 0})
	 * @return {@code 0}, or {@code null} when switched off
	 */
	public static String xssProtection(String path, String value) {
		String trimmed = visibleAscii(path, value, "0");
		if (trimmed == null) {
			return null;
		}
		if (trimmed.equals("0")) {
			return "0";
		}
		if (trimmed.startsWith("1")) {
			throw new InvalidPolicyException(path, value,
					"'1' switches on the XSS auditor of old browsers (Internet Explorer, Chrome before 78, Safari), "
							+ "which attackers could use to delete a page's legitimate scripts and to learn "
							+ "information across sites; current browsers ignore the header, and none of them "
							+ "protects a page with it.",
					"Set it to 0 (the default, which switches that auditor off where it still exists), or to "
							+ "disabled to send no X-XSS-Protection header; protect against XSS with "
							+ "${content-security-policy.policy}.");
		}
		throw new InvalidPolicyException(path, value, "X-XSS-Protection is sent only as 0.",
				"Set it to 0 (the default), or to disabled to send no X-XSS-Protection header.");
	}

	/**
	 * Cache-Control: a comma-separated list of directives, each a token, optionally with
	 * {@code =token} or {@code ="quoted"} argument (RFC 9111).
	 * @param path where the value is configured, relative to the configuration
	 * @param value the configured value; {@code null} means the default
	 * ({@code no-store})
	 * @return the normalized value
	 */
	public static String cacheControl(String path, String value) {
		String trimmed = visibleAscii(path, (value != null) ? value : "no-store", null);
		if (trimmed == null) {
			throw new InvalidPolicyException(path, value, "'disabled' is not a Cache-Control directive.",
					"Set ${cache-control.enabled}=false to send no default Cache-Control header.");
		}
		List<String> directives = new ArrayList<>();
		for (String part : trimmed.split(",", -1)) {
			String directive = part.trim();
			if (!CACHE_DIRECTIVE.matcher(directive).matches()) {
				throw new InvalidPolicyException(path, value,
						(directive.isEmpty() ? "the list has an empty directive"
								: "'" + UntrustedText.escape(directive) + "' is not a Cache-Control directive") + ".",
						"Write comma-separated directives such as no-store, or private, max-age=60.");
			}
			directives.add(directive);
		}
		return String.join(", ", directives);
	}

	/**
	 * Checks what every header value must satisfy and handles {@code disabled}.
	 * @param defaultValue the value used when {@code value} is {@code null}; {@code null}
	 * to mean "switched off"
	 * @return the trimmed value, or {@code null} when switched off
	 */
	static String visibleAscii(String path, String value, String defaultValue) {
		if (value == null) {
			return defaultValue;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				throw new InvalidPolicyException(path, value,
						"the value contains a control character (" + String.format("\\u%04x", (int) c)
								+ "); CR or LF would let the value split the response into forged headers.",
						"Write the value on one line without control characters.");
			}
			if (c > 0x7e) {
				throw new InvalidPolicyException(path, value,
						"the value contains a non-ASCII character (" + String.format("\\u%04x", (int) c) + ").",
						"Write the value in ASCII; punycode-encode host names.");
			}
		}
		String trimmed = value.trim();
		if (trimmed.isEmpty()) {
			throw new InvalidPolicyException(path, value, "the value is empty.",
					"Set a value, or set disabled to send no such header.");
		}
		if (trimmed.equalsIgnoreCase(DISABLED)) {
			return null;
		}
		return trimmed;
	}

	private static String oneOf(String path, String value, List<String> allowed, String header) {
		String trimmed = visibleAscii(path, value, null);
		if (trimmed == null) {
			return null;
		}
		String lower = trimmed.toLowerCase(Locale.ROOT);
		if (!allowed.contains(lower)) {
			throw new InvalidPolicyException(path, value, header + " allows only " + String.join(", ", allowed) + ".",
					"Set it to one of " + String.join(", ", allowed) + ", or remove it (or set disabled) to send no "
							+ header + " header.");
		}
		return lower;
	}

}
