package dev.hsts.servlet;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.autoconfigure.SecurityHeadersFindings;
import dev.hsts.core.Finding;
import dev.hsts.core.HstsHeaderParser;
import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Strict-Transport-Security value the application sets itself, which browsers ignore,
 * (in a handler, or in a filter before the starter's) is a warning finding naming why,
 * and a rate-limited log line (over TLS, Tomcat).
 */
@ExtendWith(OutputCaptureExtension.class)
class BrowserIgnoredHstsOverTlsTest {

	@Test
	void anApplicationValueBrowsersIgnoreIsAWarningNamingWhy(CapturedOutput output) {
		try (RunningApp app = RunningApp.https(new Class<?>[] { OwnHstsApplication.class })) {
			HttpResponse<String> valid = app.https().get("api.example.test", "/own-hsts?v=" + encode("max-age=600"));
			assertThat(Http.values(valid, "Strict-Transport-Security")).containsExactly("max-age=600");
			assertThat(app.findingCodes()).contains("header.application-value")
				.doesNotContain(SecurityHeadersFindings.APPLICATION_HSTS_IGNORED);
			for (int i = 0; i < 2; i++) {
				HttpResponse<String> twice = app.https()
					.get("api.example.test", "/own-hsts?v=" + encode("max-age=600; max-age=600"));
				assertThat(HstsHeaderParser.parse(Http.values(twice, "Strict-Transport-Security")).summary())
					.isEqualTo("ignored: max-age appears twice");
			}
			Finding finding = app.context()
				.getBean(SecurityHeadersFindings.class)
				.findings()
				.stream()
				.filter((candidate) -> candidate.code().equals(SecurityHeadersFindings.APPLICATION_HSTS_IGNORED))
				.findFirst()
				.orElseThrow();
			assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
			assertThat(finding.message()).isEqualTo("The application sets Strict-Transport-Security itself, and "
					+ "browsers ignore its value 'max-age=600; max-age=600' (2 time(s)): ignored: max-age appears "
					+ "twice. A browser that ignores it gets no HSTS from those responses. Fix the value, or remove it "
					+ "and let the starter send its policy.");
			assertThat(StringUtils.countOccurrencesOf(output.getAll(),
					"The application set Strict-Transport-Security: 'max-age=600; max-age=600' - ignored: max-age "
							+ "appears twice."))
				.isOne();
			// set by a filter before the starter's: the HSTS writer leaves it, and it is
			// read too
			HttpResponse<String> early = app.https().get("api.example.test", "/early");
			assertThat(Http.values(early, "Strict-Transport-Security")).containsExactly("max-age=1, max-age=1");
			assertThat(app.context().getBean(SecurityHeadersFindings.class).findings())
				.filteredOn((candidate) -> candidate.code().equals(SecurityHeadersFindings.APPLICATION_HSTS_IGNORED))
				.singleElement()
				.extracting(Finding::message)
				.asString()
				.contains("'max-age=1, max-age=1' (3 time(s)): ignored by Chromium: max-age is not a whole number of "
						+ "seconds: \\u00221, max-age=1\\u0022; ignored by Firefox: the header does not parse at "
						+ "\\u0022, max-age=1\\u0022. A browser that ignores it gets no HSTS");
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	@Import(OwnHstsApplication.Endpoints.class)
	static class OwnHstsApplication {

		/**
		 * A filter before the starter's that sets HSTS itself, as a merging proxy would
		 * leave it.
		 */
		@Bean
		FilterRegistrationBean<Filter> earlyHsts() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				if (((HttpServletRequest) request).getRequestURI().equals("/early")) {
					((HttpServletResponse) response).setHeader("Strict-Transport-Security", "max-age=1, max-age=1");
				}
				chain.doFilter(request, response);
			});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		@RestController
		static class Endpoints {

			@GetMapping("/early")
			String early() {
				return "early";
			}

			@GetMapping("/own-hsts")
			String ownHsts(@RequestParam("v") String value, HttpServletResponse response) {
				response.setHeader("Strict-Transport-Security", value);
				return "own";
			}

		}

	}

}
