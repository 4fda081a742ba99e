package dev.hsts.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.hsts.test.Headers;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security's default chain (every request authenticated, CSRF on), the CSP
 * report collector still answers a browser's report, without credentials or a CSRF token,
 * because the starter's filter answers it before the chain; every other POST still meets
 * Spring Security. Over real TLS to embedded Tomcat.
 */
class CspReportsWithSpringSecurityOverTlsTest {

	static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.https(new Class<?>[] { DefaultChainApplication.class },
				"logging.level.org.apache.catalina.core=OFF", "logging.level.org.springframework.security=OFF",
				"spring.security.user.name=user", "spring.security.user.password=secret",
				"security.headers.content-security-policy.report-only-policy=default-src 'none'",
				"security.headers.content-security-policy.reporting.enabled=true");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void theCollectorNeedsNoAuthenticationNorCsrfToken() {
		HttpResponse<String> report = app.https()
			.send("POST", "localhost", "/csp-reports?policy=default",
					HttpRequest.BodyPublishers.ofString("{\"csp-report\":{\"effective-directive\":\"img-src\","
							+ "\"blocked-uri\":\"https://img.example/a.png\",\"document-uri\":\"https://localhost/\","
							+ "\"disposition\":\"report\"}}"),
					"Content-Type", "application/csp-report");
		assertThat(report.statusCode()).isEqualTo(204);
		HttpResponse<String> otherPost = app.https()
			.send("POST", "localhost", "/ok", HttpRequest.BodyPublishers.ofString("{}"), "Content-Type",
					"application/json");
		assertThat(otherPost.statusCode()).as("Spring Security still guards the rest").isIn(401, 403);
	}

	@Test
	void springSecuritysOwnResponsesNameTheCollectorToo() {
		HttpResponse<String> denied = app.https().get("localhost", "/ok");
		assertThat(denied.statusCode()).isEqualTo(401);
		Headers.assertExactlyOne(denied, Headers.CSP_REPORT_ONLY,
				"default-src 'none'; report-uri /csp-reports?policy=default; report-to csp-default");
	}

}
