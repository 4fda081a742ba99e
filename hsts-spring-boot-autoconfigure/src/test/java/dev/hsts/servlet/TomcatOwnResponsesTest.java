package dev.hsts.servlet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tomcat's own {@code Host} rules as the host preview applies them, and the Tomcat
 * versions that refuse a port above 2147483647. (That the preview agrees with real Tomcat
 * responses: {@code HostPreviewAgreesWithTomcatTest}.)
 */
class TomcatOwnResponsesTest {

	@ParameterizedTest
	@ValueSource(strings = { "a..b", "a_b.example.test", "-a.example.test", "a-.example.test", ".example.test",
			"a@b.example.test", "[::1", "::1", "a b", "api.example.test:x", "api.example.test:-1", "[fe80::1%eth0]" })
	void hostsTomcatRefuses(String host) {
		assertThat(TomcatOwnResponses.refuses(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "api.example.test", "API.example.test.", "api.example.test:", "api.example.test:0",
			"api.example.test:99999", "1.2.3.4", "[::1]", "[::1]:8443",
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.test", "256.1.1.1" })
	void hostsTomcatAccepts(String host) {
		assertThat(TomcatOwnResponses.refuses(host)).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "11.0.24.0, true", "11.0.23.0, true", "11.0.22.0, false", "11.1.0.0, true", "12.0.0.0, true",
			"10.1.56.0, true", "10.1.50.0, false", "10.0.27.0, false", "9.0.119.0, false", "unknown, true" })
	void versionsThatRefuseAPortAboveTheIntRange(String version, boolean refuses) {
		assertThat(TomcatOwnResponses.refusesPortOverflow(version)).isEqualTo(refuses);
	}

}
