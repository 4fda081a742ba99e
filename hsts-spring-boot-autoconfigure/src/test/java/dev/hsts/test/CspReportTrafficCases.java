package dev.hsts.test;

import java.net.http.HttpResponse;

import dev.hsts.annotation.SecurityHeadersPolicy;
import dev.hsts.core.CspReportStatistics;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With CSP reporting on, each response that carries a report-only policy is counted under
 * the policy it went out with (for the {@code csp.report-only.ready} finding): a named
 * path policy, a named policy an annotated handler asks for, and the defaults, each under
 * its own id, never under another's. Run by each stack's subclass over real TLS.
 */
public abstract class CspReportTrafficCases {

	/** The application's properties. */
	public static final String[] PROPERTIES = { "security.headers.trusted-hosts.allowed=api.example.test",
			"security.headers.content-security-policy.policy=default-src 'self'",
			"security.headers.content-security-policy.report-only-policy=default-src 'none'",
			"security.headers.content-security-policy.reporting.enabled=true",
			"security.headers.policies.embed.paths=/embed/**",
			"security.headers.policies.embed.content-security-policy.report-only-policy=default-src 'self'; img-src *" };

	/**
	 * @return the port of the running application
	 */
	protected abstract int port();

	/**
	 * @return the running application's context
	 */
	protected abstract ApplicationContext context();

	private HttpResponse<String> get(String path) {
		// A client per request: Reactor Netty and the JDK client's reuse of a connection
		// do not always agree (see FormLogin).
		HttpResponse<String> response = Http.https(port()).get("api.example.test", path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response;
	}

	@Test
	void eachResponseIsCountedUnderThePolicyItWentOutWith() {
		CspReportStatistics statistics = context().getBean(CspReportStatistics.class);
		long embed = statistics.traffic("embed").responses();
		long defaults = statistics.traffic("default").responses();
		for (int i = 0; i < 3; i++) {
			assertThat(get("/embed/widget").headers().firstValue("Content-Security-Policy-Report-Only"))
				.hasValueSatisfying((value) -> assertThat(value).startsWith("default-src 'self'; img-src *")
					.contains("report-uri /csp-reports?policy=embed"));
		}
		for (int i = 0; i < 2; i++) {
			assertThat(get("/annotated").headers().firstValue("Content-Security-Policy-Report-Only"))
				.hasValueSatisfying((value) -> assertThat(value).contains("report-uri /csp-reports?policy=embed"));
		}
		for (int i = 0; i < 4; i++) {
			assertThat(get("/other").headers().firstValue("Content-Security-Policy-Report-Only"))
				.hasValueSatisfying((value) -> assertThat(value).startsWith("default-src 'none'")
					.contains("report-uri /csp-reports?policy=default"));
		}
		assertThat(statistics.traffic("embed").responses() - embed).isEqualTo(5);
		assertThat(statistics.traffic("default").responses() - defaults).isEqualTo(4);
	}

	/** The handlers, the same on both stacks. */
	@RestController
	public static class Handlers {

		@GetMapping("/embed/widget")
		public String widget() {
			return "widget";
		}

		@GetMapping("/annotated")
		@SecurityHeadersPolicy("embed")
		public String annotated() {
			return "annotated";
		}

		@GetMapping("/other")
		public String other() {
			return "other";
		}

	}

}
