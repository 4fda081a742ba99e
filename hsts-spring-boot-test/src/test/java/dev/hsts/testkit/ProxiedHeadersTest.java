package dev.hsts.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.hsts.testkit.SecurityHeadersAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a proxy in front of the application can do to the headers, which the starter
 * itself never sends (it keeps each security header single): a second field, or two
 * values merged into one field. Read from {@link ResponseHeaders} of any client.
 */
class ProxiedHeadersTest {

	private static ResponseHeaders proxied(Map<String, List<String>> fields) {
		return ResponseHeaders.of("the proxy's response", fields);
	}

	@Test
	void aSecondHstsFieldIsPassedOverButReported() {
		ResponseHeaders headers = proxied(
				Map.of("Strict-Transport-Security", List.of("max-age=31536000; includeSubDomains", "max-age=0")));
		assertThat(headers).hsts().isEffective().hasMaxAge(Duration.ofDays(365)).includesSubDomains();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(headers).hasNoDuplicateSecurityHeaders())
			.withMessageStartingWith("Expecting the proxy's response to carry each security header once, but"
					+ "\n  Strict-Transport-Security appears 2 times [max-age=31536000; includeSubDomains, max-age=0]:"
					+ " browsers process only the first field, and a field with a comma is invalid (RFC 6797"
					+ " section 8.1): effective: max-age=31536000; includeSubDomains");
	}

	@Test
	void hstsMergedIntoOneFieldIsIgnored() {
		ResponseHeaders headers = proxied(Map.of("Strict-Transport-Security", List.of("max-age=300, max-age=300")));
		assertThat(headers).hsts().isIgnored();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(headers).hsts().isEffective())
			.withMessageStartingWith("Expecting Strict-Transport-Security on the proxy's response to be effective,"
					+ " but a browser ignores it: ");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(headers).hasNoDuplicateSecurityHeaders())
			.withMessageContaining("Strict-Transport-Security has several values merged into one field"
					+ " [max-age=300, max-age=300]");
	}

	@Test
	void twoCspFieldsAreBothEnforced() {
		ResponseHeaders headers = proxied(Map.of("Content-Security-Policy",
				List.of("script-src 'self' 'unsafe-inline'", "script-src 'self' 'nonce-r4nd0m'")));
		assertThat(headers).csp().directive("script-src").usesNonce().doesNotAllowUnsafeInline();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(headers).hasNoDuplicateSecurityHeaders())
			.withMessageContaining("Content-Security-Policy appears 2 times [script-src 'self' 'unsafe-inline',"
					+ " script-src 'self' 'nonce-r4nd0m']: a browser enforces every policy, and a resource must pass"
					+ " each of them");
	}

	@Test
	void chromiumKeepsAtMostAYear() {
		ResponseHeaders headers = proxied(Map.of("Strict-Transport-Security", List.of("max-age=63072000")));
		assertThat(headers).hsts().isEffective().hasMaxAgeAtLeast(Duration.ofDays(365));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(headers).hsts().hasMaxAgeAtLeast(Duration.ofDays(730)))
			.withMessage("Expecting Strict-Transport-Security on the proxy's response to have a max-age of at least"
					+ " 63072000 (730 days), but browsers keep Chromium max-age=31536000 (365 days), Firefox"
					+ " max-age=63072000 (730 days)\n  sent: Strict-Transport-Security: max-age=63072000");
	}

}
