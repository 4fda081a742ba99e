package dev.hsts.core;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading and amending {@code Set-Cookie} values: the flags a cookie lacks are appended,
 * what is there is kept character for character, attribute names in any case, and nothing
 * the application writes makes it throw.
 */
class CookieFlagsTest {

	/** The defaults plus the default XSRF-TOKEN exception. */
	static final CookieFlags DEFAULTS = CookieFlags.builder("cookies", true, true, "Lax")
		.exception(0, "XSRF-TOKEN", null, false, null)
		.build();

	static Stream<Arguments> secureRequests() {
		return Stream.of(
				// Nothing set: every flag.
				Arguments.of("id=1", "id=1; Secure; HttpOnly; SameSite=Lax"),
				Arguments.of("id=1; Path=/", "id=1; Path=/; Secure; HttpOnly; SameSite=Lax"),
				// Each flag the application set is kept, in any case and spacing.
				Arguments.of("id=1; Secure", "id=1; Secure; HttpOnly; SameSite=Lax"),
				Arguments.of("id=1;secure", "id=1;secure; HttpOnly; SameSite=Lax"),
				Arguments.of("id=1; SECURE ; Path=/", "id=1; SECURE ; Path=/; HttpOnly; SameSite=Lax"),
				Arguments.of("id=1; httponly", "id=1; httponly; Secure; SameSite=Lax"),
				Arguments.of("id=1; HttpOnly; Secure", "id=1; HttpOnly; Secure; SameSite=Lax"),
				Arguments.of("id=1; SameSite=None; Secure", "id=1; SameSite=None; Secure; HttpOnly"),
				Arguments.of("id=1; samesite=strict", "id=1; samesite=strict; Secure; HttpOnly"),
				Arguments.of("id=1; SameSite", "id=1; SameSite; Secure; HttpOnly"),
				Arguments.of("id=1; SameSite = None", "id=1; SameSite = None; Secure; HttpOnly"),
				Arguments.of("id=1; Secure; HttpOnly; SameSite=Strict", "id=1; Secure; HttpOnly; SameSite=Strict"),
				// A value that looks like an attribute is the value.
				Arguments.of("id=Secure", "id=Secure; Secure; HttpOnly; SameSite=Lax"),
				Arguments.of("HttpOnly=SameSite", "HttpOnly=SameSite; Secure; HttpOnly; SameSite=Lax"),
				// Attributes that merely start like a flag are not the flag.
				Arguments.of("id=1; Secured", "id=1; Secured; Secure; HttpOnly; SameSite=Lax"),
				Arguments.of("id=1; SameSiteX=Lax", "id=1; SameSiteX=Lax; Secure; HttpOnly; SameSite=Lax"),
				Arguments.of("id=1; Path=/Secure", "id=1; Path=/Secure; Secure; HttpOnly; SameSite=Lax"),
				// Dates with commas, quoted values, values with '=' stay as they are.
				Arguments.of("id=\"a b\"; Expires=Wed, 21 Oct 2026 07:28:00 GMT",
						"id=\"a b\"; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Secure; HttpOnly; SameSite=Lax"),
				Arguments.of("t=YWJj==; Max-Age=0", "t=YWJj==; Max-Age=0; Secure; HttpOnly; SameSite=Lax"),
				// A trailing separator is reused, not doubled.
				Arguments.of("id=1;", "id=1; Secure; HttpOnly; SameSite=Lax"),
				Arguments.of("id=1; Path=/;  ", "id=1; Path=/; Secure; HttpOnly; SameSite=Lax"),
				// The exception: XSRF-TOKEN stays readable by scripts; names are exact.
				Arguments.of("XSRF-TOKEN=abc; Path=/", "XSRF-TOKEN=abc; Path=/; Secure; SameSite=Lax"),
				Arguments.of(" XSRF-TOKEN =abc", " XSRF-TOKEN =abc; Secure; SameSite=Lax"),
				Arguments.of("xsrf-token=abc", "xsrf-token=abc; Secure; HttpOnly; SameSite=Lax"),
				// No name, no value: amended like any other, never refused.
				Arguments.of("=abc", "=abc; Secure; HttpOnly; SameSite=Lax"),
				Arguments.of("flag", "flag; Secure; HttpOnly; SameSite=Lax"),
				Arguments.of(";;;", ";;; Secure; HttpOnly; SameSite=Lax"),
				Arguments.of("id=1; ;; Secure", "id=1; ;; Secure; HttpOnly; SameSite=Lax"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("secureRequests")
	void onSecureRequests(String setCookie, String expected) {
		assertThat(DEFAULTS.amend(setCookie, true)).isEqualTo(expected);
	}

	static Stream<Arguments> plainRequests() {
		return Stream.of(Arguments.of("id=1", "id=1; HttpOnly; SameSite=Lax"),
				Arguments.of("id=1; Secure", "id=1; Secure; HttpOnly; SameSite=Lax"),
				Arguments.of("XSRF-TOKEN=abc", "XSRF-TOKEN=abc; SameSite=Lax"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("plainRequests")
	void onPlainRequestsNoSecure(String setCookie, String expected) {
		assertThat(DEFAULTS.amend(setCookie, false)).isEqualTo(expected);
	}

	@Test
	void aCookieWithEveryFlagIsReturnedAsItIs() {
		String complete = "id=1; Secure; HttpOnly; SameSite=Lax";
		assertThat(DEFAULTS.amend(complete, true)).isSameAs(complete);
	}

	@Test
	void nothingToAmend() {
		assertThat(DEFAULTS.amend(null, true)).isNull();
		assertThat(DEFAULTS.amend("", true)).isEmpty();
		assertThat(DEFAULTS.amend("   ", true)).isEqualTo("   ");
	}

	@Test
	void sameSiteNoneOnlyWithSecure() {
		CookieFlags none = CookieFlags.builder("cookies", true, false, "none").build();
		assertThat(none.amend("id=1", true)).isEqualTo("id=1; Secure; SameSite=None");
		// A plain request gets no Secure, so no SameSite=None either: the browser would
		// reject the cookie.
		assertThat(none.amend("id=1", false)).isEqualTo("id=1");
		// The application's own Secure is enough.
		assertThat(none.amend("id=1; Secure", false)).isEqualTo("id=1; Secure; SameSite=None");
		assertThat(none.missing("id", false, false, false, false)).isZero();
		assertThat(none.missing("id", false, false, false, true)).isEqualTo(CookieFlags.SECURE | CookieFlags.SAME_SITE);
	}

	@Test
	void switchedOffFlags() {
		CookieFlags none = CookieFlags.builder("cookies", false, false, "disabled").build();
		assertThat(none.amend("id=1", true)).isEqualTo("id=1");
		assertThat(none.defaults().sameSite()).isNull();
	}

	@Test
	void exceptionsInheritTheUnsetFlags() {
		CookieFlags flags = CookieFlags.builder("cookies", true, true, "Strict")
			.exception(0, "widget", null, null, "None")
			.exception(1, "plain", false, null, null)
			.exception(2, "js", null, false, "disabled")
			.build();
		assertThat(flags.amend("widget=1", true)).isEqualTo("widget=1; Secure; HttpOnly; SameSite=None");
		assertThat(flags.amend("plain=1", true)).isEqualTo("plain=1; HttpOnly; SameSite=Strict");
		assertThat(flags.amend("js=1", true)).isEqualTo("js=1; Secure");
		assertThat(flags.amend("other=1", true)).isEqualTo("other=1; Secure; HttpOnly; SameSite=Strict");
		assertThat(flags.exceptions()).containsOnlyKeys("widget", "plain", "js");
	}

	@Test
	void theServersOwnChoicesForACookieAreKept() {
		CookieFlags flags = CookieFlags.builder("cookies", true, true, "None")
			.exception(0, "configured", null, null, null)
			.keep("configured", true, true, true)
			.keep("session", true, true, false)
			.keep("other", false, false, true)
			.keep("unchanged", false, false, false)
			.build();
		assertThat(flags.amend("configured=1", true)).isEqualTo("configured=1; Secure; HttpOnly; SameSite=None");
		// Without Secure, no SameSite=None either.
		assertThat(flags.amend("session=1", true)).isEqualTo("session=1");
		assertThat(flags.amend("other=1", true)).isEqualTo("other=1; Secure; HttpOnly");
		assertThat(flags.exceptions()).containsOnlyKeys("configured", "session", "other");
	}

	@Test
	void sameSiteValuesInAnyCase() {
		assertThat(CookieFlags.builder("cookies", true, true, " STRICT ").build().defaults().sameSite())
			.isEqualTo("Strict");
		assertThat(CookieFlags.builder("cookies", true, true, "lax").build().defaults().sameSite()).isEqualTo("Lax");
		assertThat(CookieFlags.builder("cookies", true, true, "Disabled").build().defaults().sameSite()).isNull();
	}

	@Test
	void refusals() {
		assertRefused(() -> CookieFlags.builder("cookies", true, true, "relaxed"), "cookies.same-site", "relaxed");
		assertRefused(() -> CookieFlags.builder("cookies", true, true, ""), "cookies.same-site", "");
		assertRefused(() -> CookieFlags.builder("cookies", false, true, "None"), "cookies.same-site", "None");
		CookieFlags.Builder secureNone = CookieFlags.builder("cookies", true, true, "None");
		assertRefused(() -> secureNone.exception(0, "a", false, null, null), "cookies.exceptions[0].secure", "false");
		CookieFlags.Builder builder = CookieFlags.builder("cookies", true, true, "Lax");
		assertRefused(() -> builder.exception(3, "b", false, null, "None"), "cookies.exceptions[3].same-site", "None");
		assertRefused(() -> builder.exception(0, null, null, null, null), "cookies.exceptions[0].name", null);
		assertRefused(() -> builder.exception(0, " ", null, null, null), "cookies.exceptions[0].name", " ");
		assertRefused(() -> builder.exception(0, "a b", null, null, null), "cookies.exceptions[0].name", "a b");
		assertRefused(() -> builder.exception(0, "a;b", null, null, null), "cookies.exceptions[0].name", "a;b");
		assertRefused(() -> builder.exception(0, "c", null, null, "sometimes"), "cookies.exceptions[0].same-site",
				"sometimes");
		builder.exception(0, "c", null, null, null);
		assertRefused(() -> builder.exception(1, "c", null, null, null), "cookies.exceptions[1].name", "c");
	}

	private static void assertRefused(Runnable build, String path, String value) {
		assertThatThrownBy(build::run).isInstanceOfSatisfying(InvalidPolicyException.class, (ex) -> {
			assertThat(ex.getPath()).isEqualTo(path);
			assertThat(ex.getValue()).isEqualTo(value);
		});
	}

	@Test
	void neverThrowsAndNeverChangesWhatIsThere() {
		Random random = new Random(23);
		String alphabet = "aZ=; ,\t\"\\\r\n\u0000é€SecureHttpOnlySameSite=NoneLax";
		for (int i = 0; i < 20_000; i++) {
			StringBuilder value = new StringBuilder();
			int length = random.nextInt(40);
			for (int j = 0; j < length; j++) {
				value.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			String setCookie = value.toString();
			for (boolean secure : new boolean[] { true, false }) {
				String amended = DEFAULTS.amend(setCookie, secure);
				String trimmed = setCookie.stripTrailing();
				String kept = trimmed.endsWith(";") ? trimmed : setCookie;
				assertThat(amended).as(setCookie).startsWith(kept);
				// Amending again adds nothing.
				assertThat(DEFAULTS.amend(amended, secure)).as(setCookie).isEqualTo(amended);
			}
		}
	}

}
