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
			.withMessageStartingWith("Expecting example.test to be ready for the HSTS preload list, but"
					+ " hstspreload.org would refuse it:\n  error ")
			.withMessageContaining("The header must contain the `includeSubDomains` directive.")
			.withMessageContaining("The header must contain the `preload` directive.")
			.withMessageContaining("300");
	}

	@Test
	void stage2IsNotReady() {
		PreloadCheck check = checkAtStage(2);
		assertThat(check).isNotReady().hasIssue("header.preloadable.preload.missing");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(check).isReady())
			.withMessageContaining("86400");
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

}
