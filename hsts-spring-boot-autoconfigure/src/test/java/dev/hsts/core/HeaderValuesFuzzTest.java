package dev.hsts.core;

import java.util.List;
import java.util.function.BiFunction;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the validation of every configured header value ({@link HeaderValues},
 * {@link ContentSecurityPolicy}): the only failure is an {@link InvalidPolicyException}
 * naming the setting, with a message that cannot split a log line or report; a value that
 * passes is visible ASCII (never CR, LF, another control character or non-ASCII), and
 * validating it again gives it back unchanged; a CSP nonce lands exactly where the policy
 * put {@code 'nonce-{nonce}'} and no placeholder survives. Without JAZZER_FUZZ=1 the
 * committed inputs run as regression tests.
 */
class HeaderValuesFuzzTest {

	private static final String PROPERTY = "security.headers.fuzz";

	private static final List<BiFunction<String, String, String>> PARSERS = List.of(HeaderValues::contentTypeOptions,
			HeaderValues::frameOptions, HeaderValues::referrerPolicy, HeaderValues::permissionsPolicy,
			HeaderValues::crossOriginOpenerPolicy, HeaderValues::crossOriginResourcePolicy, HeaderValues::cacheControl,
			HeaderValues::crossOriginEmbedderPolicy, HeaderValues::permittedCrossDomainPolicies,
			HeaderValues::originAgentCluster, HeaderValues::dnsPrefetchControl, HeaderValues::xssProtection,
			(property, value) -> {
				ContentSecurityPolicy policy = ContentSecurityPolicy.parse(property, value);
				return (policy != null) ? policy.value() : null;
			});

	/** Pieces of valid values, separators and troublemakers. */
	private static final List<String> PIECES = List.of("nosniff", "DENY", "SAMEORIGIN", "ALLOW-FROM", "disabled",
			"DISABLED", "no-referrer", "origin", "strict-origin-when-cross-origin", "unsafe-url", "same-origin",
			"same-site", "cross-origin", "unsafe-none", "same-origin-allow-popups", "geolocation", "camera", "=", "()",
			"(", ")", "self", "src", "*", "\"https://a.example\"", "\"", "'", "'none'", "no-store", "private",
			"max-age", "=60", "no-cache", "default-src", "script-src", "img-src", "'self'", "'nonce-{nonce}'",
			"{nonce}", "'nonce-", "{", "}", "nonce", "data:", "https://a.example", ",", ";", " ", "  ", "\t", "\r",
			"\n", "\r\n", "\0", "\u007f", "\u0085", "\u00a0", "\u00fc", "\u2028", "\uffff");

	@FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
	void headerValuesAreSafeAndStable(FuzzedDataProvider data) {
		int which = data.consumeInt(0, PARSERS.size() - 1);
		BiFunction<String, String, String> parser = PARSERS.get(which);
		String value = data.consumeBoolean() ? null : valueish(data);
		String result;
		try {
			result = parser.apply(PROPERTY, value);
		}
		catch (InvalidPolicyException ex) {
			checkRefusal(ex);
			return;
		}
		if (result == null) {
			if (value != null) {
				assertThat(value.trim()).isEqualToIgnoringCase(HeaderValues.DISABLED);
			}
			return;
		}
		assertSafeHeaderValue(result);
		assertThat(parser.apply(PROPERTY, result)).as("validated again").isEqualTo(result);
	}

	@FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
	void contentSecurityPolicyNonceLandsWhereThePolicySaid(FuzzedDataProvider data) {
		String value = valueish(data);
		String nonce = data.consumeBoolean() ? "rAnd0m+/Nonce==" : base64ish(data.consumeAsciiString(32));
		ContentSecurityPolicy policy;
		try {
			policy = ContentSecurityPolicy.parse(PROPERTY, value);
		}
		catch (InvalidPolicyException ex) {
			checkRefusal(ex);
			return;
		}
		if (policy == null) {
			assertThat(value.trim()).isEqualToIgnoringCase(HeaderValues.DISABLED);
			return;
		}
		String template = policy.value();
		assertSafeHeaderValue(template);
		assertThat(template).doesNotContain(",");
		assertThat(ContentSecurityPolicy.parse(PROPERTY, template).value()).isEqualTo(template);
		int placeholders = count(template, ContentSecurityPolicy.NONCE_PLACEHOLDER);
		assertThat(count(template, "'nonce-" + ContentSecurityPolicy.NONCE_PLACEHOLDER + "'")).isEqualTo(placeholders);
		assertThat(policy.usesNonce()).isEqualTo(placeholders > 0);
		String rendered = policy.render(nonce);
		assertThat(rendered).doesNotContain(ContentSecurityPolicy.NONCE_PLACEHOLDER)
			.doesNotContain("{")
			.doesNotContain("}");
		assertThat(rendered).isEqualTo(template.replace(ContentSecurityPolicy.NONCE_PLACEHOLDER, nonce));
		// Once per 'nonce-{nonce}' and nowhere else; a fixed 'nonce-...' source that the
		// policy names itself stays as
		// it was, even when the request's nonce equals it (found by fuzzing:
		// crash-86579298...).
		String source = "'nonce-" + nonce + "'";
		assertThat(occurrences(rendered, source)).isEqualTo(placeholders + occurrences(template, source));
		assertSafeHeaderValue(rendered);
		if (!policy.usesNonce()) {
			assertThat(policy.render(null)).isEqualTo(template);
		}
	}

	private static String valueish(FuzzedDataProvider data) {
		if (data.consumeBoolean()) {
			return data.consumeString(200);
		}
		StringBuilder value = new StringBuilder();
		int pieces = data.consumeInt(0, 16);
		for (int i = 0; i < pieces; i++) {
			value.append(data.consumeBoolean() ? data.pickValue(PIECES) : data.consumeString(8));
		}
		return value.toString();
	}

	/** A nonce as the starter makes them: base64 characters only. */
	private static String base64ish(String text) {
		StringBuilder nonce = new StringBuilder("n");
		for (char c : text.toCharArray()) {
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
					|| c == '=') {
				nonce.append(c);
			}
		}
		return nonce.toString();
	}

	private static void checkRefusal(InvalidPolicyException ex) {
		assertThat(ex.getPath()).isEqualTo(PROPERTY);
		assertThat(ex.getReason()).isNotBlank();
		assertThat(ex.getAction()).isNotBlank();
		// What the startup report prints: never a raw control character that could forge
		// a line.
		assertNoControlCharacters(ex.getMessage());
		assertNoControlCharacters(ex.getReason());
	}

	private static void assertSafeHeaderValue(String value) {
		assertThat(value).isNotEmpty().isEqualTo(value.trim());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			assertThat(c >= 0x20 && c <= 0x7e).as("character %04x in a header value", (int) c).isTrue();
		}
	}

	private static void assertNoControlCharacters(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			assertThat(c >= 0x20 && c != 0x7f && c != 0x85 && c != 0x2028 && c != 0x2029)
				.as("character %04x in %s", (int) c, text)
				.isTrue();
		}
	}

	/**
	 * How often {@code part} occurs in {@code text}, overlaps included: a fixed source
	 * and a nonce source can share a quote ({@code 'nonce-a'nonce-{nonce}'}).
	 */
	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

}
