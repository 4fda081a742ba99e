package dev.hsts.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

	/** Directives that take a source list (CSP3 section 6.1 fetch directives and 6.3). */
	private static final Set<String> SOURCE_LIST_DIRECTIVES = Set.of("default-src", "child-src", "connect-src",
			"font-src", "frame-src", "img-src", "manifest-src", "media-src", "object-src", "script-src",
			"script-src-elem", "script-src-attr", "style-src", "style-src-elem", "style-src-attr", "worker-src",
			"base-uri", "form-action", "frame-ancestors", "fenced-frame-src");

	/** Directives browsers act on that take no source list. */
	private static final Set<String> OTHER_KNOWN_DIRECTIVES = Set.of("sandbox", "report-uri", "report-to", "webrtc",
			"upgrade-insecure-requests", "block-all-mixed-content", "require-trusted-types-for", "trusted-types");

	/** Directives removed from CSP that browsers no longer act on. */
	private static final Set<String> REMOVED_DIRECTIVES = Set.of("plugin-types", "prefetch-src", "navigate-to",
			"referrer", "reflected-xss", "disown-opener", "require-sri-for");

	/** CSP3 section 6.8.3, the directive fallback list. */
	private static final Map<String, List<String>> FALLBACKS = Map.ofEntries(
			Map.entry("script-src-elem", List.of("script-src-elem", "script-src", "default-src")),
			Map.entry("script-src-attr", List.of("script-src-attr", "script-src", "default-src")),
			Map.entry("style-src-elem", List.of("style-src-elem", "style-src", "default-src")),
			Map.entry("style-src-attr", List.of("style-src-attr", "style-src", "default-src")),
			Map.entry("worker-src", List.of("worker-src", "child-src", "script-src", "default-src")),
			Map.entry("frame-src", List.of("frame-src", "child-src", "default-src")),
			Map.entry("fenced-frame-src", List.of("fenced-frame-src", "frame-src", "child-src", "default-src")),
			Map.entry("script-src", List.of("script-src", "default-src")),
			Map.entry("style-src", List.of("style-src", "default-src")),
			Map.entry("child-src", List.of("child-src", "default-src")),
			Map.entry("connect-src", List.of("connect-src", "default-src")),
			Map.entry("manifest-src", List.of("manifest-src", "default-src")),
			Map.entry("object-src", List.of("object-src", "default-src")),
			Map.entry("media-src", List.of("media-src", "default-src")),
			Map.entry("font-src", List.of("font-src", "default-src")),
			Map.entry("img-src", List.of("img-src", "default-src")));

	/** CSP3 section 2.3.1 keyword-source, and 'none' of serialized-source-list. */
	private static final Set<String> KEYWORDS = Set.of("'self'", "'none'", "'unsafe-inline'", "'unsafe-eval'",
			"'strict-dynamic'", "'unsafe-hashes'", "'report-sample'", "'unsafe-allow-redirects'", "'wasm-unsafe-eval'",
			"'inline-speculation-rules'", "'trusted-types-eval'", "'report-sha256'", "'report-sha384'",
			"'report-sha512'");

	private CspHeaderParser() {
	}

	/**
	 * Reads one field value.
	 * @param fieldValue the value, or {@code null} for no header
	 * @return the policies
	 */
	public static ParsedCspHeader parse(String fieldValue) {
		return parse((fieldValue != null) ? List.of(fieldValue) : List.of());
	}

	/**
	 * Reads the values of every field of one response (one header name), in order.
	 * @param fieldValues the values
	 * @return the policies
	 */
	public static ParsedCspHeader parse(List<String> fieldValues) {
		List<String> values = new ArrayList<>();
		List<CspPolicyReading> policies = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		if (fieldValues != null) {
			for (String value : fieldValues) {
				if (value == null) {
					continue;
				}
				values.add(value);
				for (String serialized : splitList(value)) {
					CspPolicyReading policy = parsePolicy(serialized);
					if (policy.directives().isEmpty()) {
						notes.add("a policy with no directive is dropped: \"" + serialized + "\" (CSP3 2.2.2)");
					}
					else {
						policies.add(policy);
					}
				}
			}
		}
		return new ParsedCspHeader(List.copyOf(values), List.copyOf(policies), List.copyOf(notes));
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
		String name = directiveName.toLowerCase(Locale.ROOT);
		List<String> fallbacks = FALLBACKS.get(name);
		return (fallbacks != null) ? fallbacks : List.of(name);
	}

	static boolean isSourceListDirective(String name) {
		return SOURCE_LIST_DIRECTIVES.contains(name);
	}

	/** Fetch "get, decode, and split": commas outside double quotes, trimmed. */
	static List<String> splitList(String value) {
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean inQuote = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (inQuote) {
				current.append(c);
				if (c == '\\' && i + 1 < value.length()) {
					current.append(value.charAt(++i));
				}
				else if (c == '"') {
					inQuote = false;
				}
			}
			else if (c == ',') {
				parts.add(trimHttpWhitespace(current.toString()));
				current.setLength(0);
			}
			else {
				if (c == '"') {
					inQuote = true;
				}
				current.append(c);
			}
		}
		parts.add(trimHttpWhitespace(current.toString()));
		return parts;
	}

	private static String trimHttpWhitespace(String text) {
		int begin = 0;
		int end = text.length();
		while (begin < end && (text.charAt(begin) == ' ' || text.charAt(begin) == '\t')) {
			begin++;
		}
		while (end > begin && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
			end--;
		}
		return text.substring(begin, end);
	}

	private static boolean isAsciiWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) > 0x7F) {
				return false;
			}
		}
		return true;
	}

	private static List<String> splitOnAsciiWhitespace(String text) {
		List<String> tokens = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			while (i < text.length() && isAsciiWhitespace(text.charAt(i))) {
				i++;
			}
			int start = i;
			while (i < text.length() && !isAsciiWhitespace(text.charAt(i))) {
				i++;
			}
			if (i > start) {
				tokens.add(text.substring(start, i));
			}
		}
		return tokens;
	}

	/** CSP3 section 2.2.1 "Parse a serialized CSP". */
	static CspPolicyReading parsePolicy(String serialized) {
		List<CspDirective> directives = new ArrayList<>();
		Set<String> names = new LinkedHashSet<>();
		List<String> notes = new ArrayList<>();
		for (String rawToken : serialized.split(";", -1)) {
			String token = stripAsciiWhitespace(rawToken);
			if (token.isEmpty()) {
				continue;
			}
			if (!isAscii(token)) {
				notes.add("a directive with a non-ASCII character is ignored: \"" + token + "\" (CSP3 2.2.1)");
				continue;
			}
			List<String> parts = splitOnAsciiWhitespace(token);
			String name = parts.get(0).toLowerCase(Locale.ROOT);
			if (!names.add(name)) {
				notes.add("duplicate directive " + name + " ignored: the first one applies (CSP3 2.2.1)");
				continue;
			}
			directives.add(directive(name, parts.subList(1, parts.size())));
			CspDirective added = directives.get(directives.size() - 1);
			if (!added.known()) {
				notes.add(REMOVED_DIRECTIVES.contains(name)
						? "directive " + name + " was removed from CSP: browsers ignore it"
						: "unrecognized directive " + name + " ignored (browsers warn: Unrecognized "
								+ "Content-Security-Policy directive)");
			}
		}
		if (names.contains("report-uri") && names.contains("report-to")) {
			notes.add("report-uri is ignored where report-to is present and the browser supports the Reporting API "
					+ "(CSP3 5.5 \"Report a violation\"); browsers without it still use report-uri");
		}
		return new CspPolicyReading(serialized, List.copyOf(directives), List.copyOf(notes));
	}

	private static String stripAsciiWhitespace(String text) {
		int begin = 0;
		int end = text.length();
		while (begin < end && isAsciiWhitespace(text.charAt(begin))) {
			begin++;
		}
		while (end > begin && isAsciiWhitespace(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(begin, end);
	}

	private static CspDirective directive(String name, List<String> value) {
		boolean known = SOURCE_LIST_DIRECTIVES.contains(name) || OTHER_KNOWN_DIRECTIVES.contains(name);
		if (!SOURCE_LIST_DIRECTIVES.contains(name)) {
			List<String> notes = new ArrayList<>();
			if (name.equals("block-all-mixed-content")) {
				notes.add("block-all-mixed-content is deprecated: browsers upgrade or block mixed content anyway");
			}
			if (name.equals("report-uri") || name.equals("report-to")) {
				if (value.isEmpty()) {
					notes.add(name + " has no value: no report is sent");
				}
			}
			return new CspDirective(name, List.copyOf(value), List.of(), known, List.copyOf(notes));
		}
		return sourceListDirective(name, value);
	}

	private static CspDirective sourceListDirective(String name, List<String> value) {
		List<String> notes = new ArrayList<>();
		boolean scriptList = name.equals("script-src") || name.equals("script-src-elem")
				|| name.equals("script-src-attr");
		boolean inlineList = scriptList || name.startsWith("style-src") || name.equals("default-src");
		boolean frameAncestors = name.equals("frame-ancestors");
		boolean hasNonceOrHash = false;
		boolean hasStrictDynamic = false;
		int valid = 0;
		for (String text : value) {
			CspSource.Kind kind = classify(text);
			if (kind == CspSource.Kind.NONCE || kind == CspSource.Kind.HASH) {
				hasNonceOrHash = true;
			}
			if (kind == CspSource.Kind.KEYWORD && text.equalsIgnoreCase("'strict-dynamic'")) {
				hasStrictDynamic = true;
			}
			if (kind != CspSource.Kind.INVALID) {
				valid++;
			}
		}
		List<CspSource> sources = new ArrayList<>();
		for (String text : value) {
			CspSource.Kind kind = classify(text);
			String reason = null;
			if (kind == CspSource.Kind.INVALID) {
				reason = "not a valid source expression (CSP3 2.3.1)";
			}
			else if (frameAncestors
					&& (kind == CspSource.Kind.NONCE || kind == CspSource.Kind.HASH || (kind == CspSource.Kind.KEYWORD
							&& !text.equalsIgnoreCase("'self'") && !text.equalsIgnoreCase("'none'")))) {
				reason = "frame-ancestors takes only hosts, schemes, 'self' and 'none' (CSP3 6.4.2)";
			}
			else if (kind == CspSource.Kind.KEYWORD && text.equalsIgnoreCase("'none'") && valid > 1) {
				reason = "'none' has no effect with other source expressions (CSP3 2.3.1)";
			}
			else if (kind == CspSource.Kind.KEYWORD && text.equalsIgnoreCase("'unsafe-inline'") && inlineList
					&& hasNonceOrHash) {
				reason = "'unsafe-inline' is ignored: the list has a nonce or a hash (CSP3 6.7.3.3)";
			}
			else if (scriptList && hasStrictDynamic
					&& (kind == CspSource.Kind.HOST || kind == CspSource.Kind.SCHEME || (kind == CspSource.Kind.KEYWORD
							&& (text.equalsIgnoreCase("'self'") || text.equalsIgnoreCase("'unsafe-inline'"))))) {
				reason = "ignored for scripts because of 'strict-dynamic' (CSP3 8.2)";
			}
			sources.add(new CspSource(text, kind, reason));
		}
		if (value.isEmpty()) {
			notes.add(name + " has an empty source list: it matches nothing, like 'none'");
		}
		if (hasStrictDynamic && name.equals("default-src")) {
			notes.add("'strict-dynamic' in default-src: hosts, schemes, 'self' and 'unsafe-inline' are ignored for "
					+ "scripts that fall back to it, not for other resources (CSP3 8.2)");
		}
		if (hasStrictDynamic && !scriptList && !name.equals("default-src")) {
			notes.add("'strict-dynamic' applies to scripts only: it has no effect in " + name + " (CSP3 6.7.3.3)");
		}
		for (CspSource source : sources) {
			if (source.isIgnored()) {
				notes.add(source.text() + ": " + source.ignoredReason());
			}
		}
		return new CspDirective(name, List.copyOf(value), List.copyOf(sources), true, List.copyOf(notes));
	}

	/**
	 * Classifies a source expression by the CSP3 section 2.3.1 grammar (ABNF strings are
	 * case-insensitive).
	 * @param text the expression
	 * @return its kind
	 */
	static CspSource.Kind classify(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		if (KEYWORDS.contains(lower)) {
			return CspSource.Kind.KEYWORD;
		}
		if (lower.length() > 2 && lower.startsWith("'") && lower.endsWith("'")) {
			String inner = text.substring(1, text.length() - 1);
			String innerLower = lower.substring(1, lower.length() - 1);
			if (innerLower.startsWith("nonce-")) {
				return isBase64Value(inner.substring(6)) ? CspSource.Kind.NONCE : CspSource.Kind.INVALID;
			}
			for (String algorithm : new String[] { "sha256-", "sha384-", "sha512-" }) {
				if (innerLower.startsWith(algorithm)) {
					return isBase64Value(inner.substring(algorithm.length())) ? CspSource.Kind.HASH
							: CspSource.Kind.INVALID;
				}
			}
			return CspSource.Kind.INVALID;
		}
		if (isSchemeSource(lower)) {
			return CspSource.Kind.SCHEME;
		}
		return isHostSource(lower) ? CspSource.Kind.HOST : CspSource.Kind.INVALID;
	}

	/** base64-value = 1*( ALPHA / DIGIT / "+" / "/" / "-" / "_" )*2( "=" ). */
	static boolean isBase64Value(String text) {
		int end = text.length();
		int padding = 0;
		while (end > 0 && text.charAt(end - 1) == '=' && padding < 2) {
			end--;
			padding++;
		}
		if (end == 0) {
			return false;
		}
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '-' || c == '_')) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAlpha(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
	private static boolean isScheme(String text) {
		if (text.isEmpty() || !isAlpha(text.charAt(0))) {
			return false;
		}
		for (int i = 1; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.')) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSchemeSource(String text) {
		return text.endsWith(":") && isScheme(text.substring(0, text.length() - 1));
	}

	/**
	 * host-source = [ scheme-part "://" ] host-part [ ":" port-part ] [ path-part ].
	 */
	private static boolean isHostSource(String text) {
		String rest = text;
		int schemeEnd = rest.indexOf("://");
		if (schemeEnd >= 0) {
			if (!isScheme(rest.substring(0, schemeEnd))) {
				return false;
			}
			rest = rest.substring(schemeEnd + 3);
		}
		int pathStart = rest.indexOf('/');
		String path = (pathStart >= 0) ? rest.substring(pathStart) : "";
		String hostAndPort = (pathStart >= 0) ? rest.substring(0, pathStart) : rest;
		if (path.indexOf(',') >= 0 || path.indexOf(';') >= 0) {
			return false;
		}
		int colon = hostAndPort.lastIndexOf(':');
		String host = hostAndPort;
		if (colon >= 0) {
			String port = hostAndPort.substring(colon + 1);
			host = hostAndPort.substring(0, colon);
			if (!port.equals("*") && !(port.length() > 0 && HstsHeaderParser.isDigits(port))) {
				return false;
			}
		}
		return isHostPart(host);
	}

	/** host-part = "*" / [ "*." ] 1*host-char *( "." 1*host-char ) [ "." ]. */
	private static boolean isHostPart(String host) {
		if (host.equals("*")) {
			return true;
		}
		String labels = host.startsWith("*.") ? host.substring(2) : host;
		if (labels.endsWith(".")) {
			labels = labels.substring(0, labels.length() - 1);
		}
		if (labels.isEmpty()) {
			return false;
		}
		for (String label : labels.split("\\.", -1)) {
			if (label.isEmpty()) {
				return false;
			}
			for (int i = 0; i < label.length(); i++) {
				char c = label.charAt(i);
				if (!(isAlpha(c) || isDigit(c) || c == '-')) {
					return false;
				}
			}
		}
		return true;
	}

}
