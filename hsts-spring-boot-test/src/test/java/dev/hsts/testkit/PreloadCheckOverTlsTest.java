package dev.hsts.testkit;

import java.net.URI;

import dev.hsts.test.RunningApp;
import dev.hsts.test.TestTls;
import org.junit.jupiter.api.Test;

import static dev.hsts.testkit.SecurityHeadersAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The preload check from live responses of a Tomcat application over TLS with the plain
 * HTTP redirect, at each stage of the default plan: 1 ({@code max-age=300}), 2
 * ({@code 86400}), 3 ({@code 31536000} with includeSubDomains and preload). The domain is
 * named in the Host header; the server listens on loopback.
 */
class PreloadCheckOverTlsTest {

	private static final String DOMAIN = "example.test";

	private static PreloadCheck checkAtStage(int stage, String... more) {
		int httpsPort = TestSupport.freePort();
		int httpPort = TestSupport.freePort();
		String[] properties = new String[5 + more.length];
		properties[0] = "server.port=" + httpsPort;
		properties[1] = "security.headers.hsts.rollout.stage=" + stage;
		properties[2] = "security.headers.https-redirect.enabled=true";
		properties[3] = "security.headers.https-redirect.http-port=" + httpPort;
		properties[4] = "security.headers.https-redirect.https-port=" + httpsPort;
		System.arraycopy(more, 0, properties, 5, more.length);
		try (RunningApp app = RunningApp.https(new Class<?>[] { TestApps.App.class }, properties)) {
			return PreloadCheck.run(TestTls.get().client(), DOMAIN, URI.create("https://localhost:" + httpsPort + "/"),
					URI.create("http://localhost:" + httpPort + "/"));
		}
	}

	@Test
	void stage1IsNotReady() {
		PreloadCheck check = checkAtStage(1);
		assertThat(check).isNotReady()
			.hasIssue("header.preloadable.include_sub_domains.missing")
			.hasIssue("header.preloadable.preload.missing");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(check).isReady())
			.withMessage("Expecting example.test to be ready for the HSTS preload list, but hstspreload.org would"
					+ " refuse it:"
					+ "\n  error header.preloadable.include_sub_domains.missing: The header must contain the"
					+ " `includeSubDomains` directive."
					+ "\n  error header.preloadable.preload.missing: The header must contain the `preload` directive."
					+ "\n  error header.preloadable.max_age.below_1_year: The max-age must be at least 31536000 seconds"
					+ " (\u2248 1 year), but the header currently only has max-age=300.");
	}

	@Test
	void stage2IsNotReady() {
		PreloadCheck check = checkAtStage(2);
		assertThat(check).isNotReady().hasIssue("header.preloadable.preload.missing");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(check).isReady())
			.withMessageContaining("error header.preloadable.max_age.below_1_year: The max-age must be at least"
					+ " 31536000 seconds (\u2248 1 year), but the header currently only has max-age=86400.");
	}

	@Test
	void stage3WithIncludeSubDomainsAndPreloadIsReady() {
		PreloadCheck check = checkAtStage(3, "security.headers.hsts.include-subdomains=true",
				"security.headers.hsts.preload=true");
		assertThat(check).isReady().hasNoIssues();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(check).isNotReady())
			.withMessage("Expecting example.test not to be ready for the HSTS preload list, but hstspreload.org would"
					+ " find no error");
	}

	@Test
	void aFirstRedirectToWwwIsRefusedEvenAtTheFinalStage() {
		PreloadCheck check = checkAtStage(3, "security.headers.hsts.include-subdomains=true",
				"security.headers.hsts.preload=true", "security.headers.https-redirect.host=www.example.test");
		assertThat(check).isNotReady().hasIssue("redirects.http.www_first");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(check).isReady())
			.withMessageStartingWith("Expecting example.test to be ready for the HSTS preload list, but"
					+ " hstspreload.org would refuse it:\n  error redirects.http.www_first: `http://example.test` (HTTP)"
					+ " should immediately redirect to `https://example.test` (HTTPS) before adding the www subdomain."
					+ " Right now, the first redirect is to `https://www.example.test:");
	}

}
