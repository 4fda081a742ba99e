package dev.hsts.servlet;

import java.util.List;

import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two settings that are findings, over real TLS: no entries (the check is off, every
 * request passes as before) and {@code *} (every well-formed host passes, malformed ones
 * are still refused).
 */
class TrustedHostsOffAndAnyTest {

	@Test
	void offByDefaultEveryHostPassesAndGetsHstsAsBefore() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { TrustedHostsApplication.class })) {
			for (String host : List.of("api.example.test", "evil.com", "example.test")) {
				RawHttp.Response response = RawHttp.https(app.port()).getWithHost("/host", host);
				assertThat(response.status()).as(host).isEqualTo(200);
				assertThat(response.header("X-App-Filter")).isEqualTo("ran");
				assertThat(response.headers("Strict-Transport-Security")).containsExactly("max-age=300");
			}
		}
	}

	@Test
	void starAllowsEveryWellFormedHostButNotMalformedOnes() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { TrustedHostsApplication.class },
				"security.headers.trusted-hosts.allowed=*", "logging.level.org.apache=OFF")) {
			RawHttp http = RawHttp.https(app.port());
			for (String host : List.of("api.example.test", "evil.com:443", "example.test.", "[::1]:8443", "10.1.2.3")) {
				assertThat(http.getWithHost("/host", host).status()).as(host).isEqualTo(200);
			}
			for (String host : List.of("api.example.test:0", "api.example.test:65536", "evil.com:443@api.example.test",
					"[::1", "a..b", "")) {
				TrustedHostsOverTlsTest.assertMalformed(http.getWithHost("/host", host));
			}
		}
	}

}
