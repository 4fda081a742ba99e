package dev.hsts.sample.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.hsts.core.CspReportListener;
import dev.hsts.core.CspViolationReport;
import dev.hsts.sample.SampleApplication;
import dev.hsts.test.ExternalTools;
import dev.hsts.test.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSP violation reports from a real browser (issue 24), on sample-app (Tomcat, with
 * Spring Security: the collector answers before it, without a login or a CSRF token; the
 * test page is under {@code /docs/}, which the sample lets anyone see): Debian's
 * Chromium, headless, with a fresh profile and a throwaway CA trusted in its NSS database
 * (the Reporting API sends only from and to a secure origin without certificate errors),
 * loads a page that breaks the enforced policy (an inline script) and the report-only one
 * (an image). What Chromium 156 sends:
 * <ul>
 * <li>for the enforced policy, to which the starter added {@code report-uri} and
 * {@code report-to}: only the Reporting API format, {@code application/reports+json}
 * (CSP3: report-to wins, report-uri is then ignored), after the Reporting API's delivery
 * delay ({@code --short-reporting-delay} makes it 100 ms instead of a minute);</li>
 * <li>for the report-only policy, which already has its own {@code report-uri} to the
 * collector (left as it is): {@code application/csp-report}, at once.</li>
 * </ul>
 * Both reach the starter's collector, are answered 204, passed to the listeners, counted
 * ({@code /actuator/metrics/security.headers.csp.reports}) and shown by
 * {@code /actuator/securityheaders} (as the sample's ops user). The app listens on
 * 127.0.0.6 (not the HSTS tests' addresses) on a free port.
 */
class ChromiumCspReportsEndToEndTest {

	private static final String ADDRESS = "127.0.0.6";

	private static final String HOST = "api.example.test";

	/** The enforced policy: no script at all, images from data: URLs. */
	private static final String ENFORCED = "default-src 'none'; img-src data:; frame-ancestors 'none'";

	/**
	 * The report-only policy: inline scripts allowed, no images; its own report-uri to
	 * the collector.
	 */
	private static final String REPORT_ONLY = "default-src 'none'; script-src 'unsafe-inline'; "
			+ "report-uri /csp-reports?policy=default";

	private static final String PAGE = """
			<!doctype html>
			<html lang="en">
			<head><meta charset="utf-8"><title>CSP reports</title></head>
			<body>
			<p id="inline">The inline script did not run.</p>
			<script>document.getElementById('inline').textContent = 'The inline script ran.';</script>
			<img id="pixel" alt="pixel" src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==">
			</body>
			</html>
			""";

	/** What reached the collector's path: the Content-Type and the status answered. */
	static final Queue<String> received = new ConcurrentLinkedQueue<>();

	/** What the listener was told. */
	static final Queue<CspViolationReport> reports = new ConcurrentLinkedQueue<>();

	@TempDir
	static Path work;

	private static TestPki pki;

	private static ConfigurableApplicationContext app;

	private static WebDriver browser;

	private static int port;

	@BeforeAll
	static void start() throws Exception {
		Path chromium = ExternalTools.require("chromium", "chromium");
		Path chromedriver = ExternalTools.require("chromedriver", "chromium-driver");
		Path certutil = ExternalTools.require("certutil", "libnss3-tools");
		pki = TestPki.create(work, "DNS:" + HOST + ",IP:" + ADDRESS);
		Path home = Files.createDirectories(work.resolve("home"));
		Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
		ExternalTools.run(Map.of("HOME", home.toString()), certutil.toString(), "-d", "sql:" + nssdb, "-N",
				"--empty-password");
		ExternalTools.run(Map.of("HOME", home.toString()), certutil.toString(), "-d", "sql:" + nssdb, "-A", "-t", "C,,",
				"-n", "csp-e2e-ca", "-i", pki.caCertificate.toString());
		app = new SpringApplicationBuilder(SampleApplication.class, CspTestConfiguration.class).run(
				"--server.address=" + ADDRESS, "--server.port=0", "--server.ssl.certificate=" + pki.certificate.toUri(),
				"--server.ssl.certificate-private-key=" + pki.privateKey.toUri(),
				"--security.headers.https-redirect.http-port=", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN", "--security.headers.content-security-policy.reporting.enabled=true",
				"--security.headers.content-security-policy.policy=" + ENFORCED,
				"--security.headers.content-security-policy.report-only-policy=" + REPORT_ONLY,
				// The sample's docs policy stays on /docs only: the test page (under
				// /docs/, which Spring Security lets anyone see) gets the top-level
				// policies.
				"--security.headers.content-security-policy.path-policies[0].paths=/docs",
				"--security.headers.content-security-policy.path-policies[0].policy=default-src 'none'");
		port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));

		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--short-reporting-delay",
				"--user-data-dir=" + Files.createDirectories(work.resolve("profile")),
				"--host-resolver-rules=MAP " + HOST + " " + ADDRESS);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.withEnvironment(Map.of("HOME", home.toString()))
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (app != null) {
			app.close();
		}
	}

	@Test
	void chromiumReportsBothPoliciesInTheFormatsItUsesAndTheStarterCountsAndShowsThem() throws Exception {
		browser.get("https://" + HOST + ":" + port + "/docs/csp-demo");
		assertThat(browser.getTitle()).isEqualTo("CSP reports");
		// The enforced policy blocked the inline script; the report-only one let it be.
		assertThat(browser.findElement(By.id("inline")).getText()).isEqualTo("The inline script did not run.");

		awaitReports();
		// Chromium sent the enforced policy's report in the Reporting API format (and not
		// also to its report-uri), the report-only policy's in the report-uri format; the
		// collector answered both 204, before any handler.
		assertThat(received).contains("application/reports+json 204", "application/csp-report 204");
		assertThat(received).allSatisfy((line) -> assertThat(line).endsWith(" 204"));
		assertThat(reports).anySatisfy((report) -> {
			assertThat(report.reportOnly()).isFalse();
			assertThat(report.policyId()).isEqualTo("default");
			assertThat(report.effectiveDirective()).isEqualTo("script-src-elem");
			assertThat(report.blockedUri()).isEqualTo("inline");
			assertThat(report.documentUri()).isEqualTo("https://" + HOST + ":" + port + "/docs/csp-demo");
			assertThat(report.userAgent()).contains("HeadlessChrome/");
		});
		assertThat(reports).anySatisfy((report) -> {
			assertThat(report.reportOnly()).isTrue();
			assertThat(report.policyId()).isEqualTo("default");
			assertThat(report.effectiveDirective()).isEqualTo("img-src");
			assertThat(report.blockedUri()).isEqualTo("data");
			assertThat(report.documentUri()).isEqualTo("https://" + HOST + ":" + port + "/docs/csp-demo");
		});

		String enforced = management(
				"/actuator/metrics/security.headers.csp.reports?tag=disposition:enforce&tag=directive:script-src-elem"
						+ "&tag=policy:default");
		assertThat(enforced).contains("\"COUNT\"").doesNotContain("\"value\":0.0");
		String reportOnly = management(
				"/actuator/metrics/security.headers.csp.reports?tag=disposition:report&tag=directive:img-src"
						+ "&tag=policy:default");
		assertThat(reportOnly).contains("\"COUNT\"").doesNotContain("\"value\":0.0");

		String endpoint = management("/actuator/securityheaders");
		assertThat(endpoint).contains("\"cspReports\"");
		String cspReports = endpoint.substring(endpoint.indexOf("\"cspReports\""));
		assertThat(cspReports).contains("\"default\"").contains("script-src-elem").contains("img-src");
	}

	/** Waits (up to a minute) until both reports have reached the listener. */
	private static void awaitReports() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			boolean enforce = reports.stream().anyMatch((report) -> !report.reportOnly());
			boolean reportOnly = reports.stream().anyMatch(CspViolationReport::reportOnly);
			if (enforce && reportOnly) {
				return;
			}
			Thread.sleep(100);
		}
	}

	/** GET on the actuator as the sample's ops user (HTTPS with the test's CA). */
	private static String management(String path) throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(pki.clientContext())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		HttpResponse<String> response = client.send(HttpRequest
			.newBuilder(URI.create("https://" + ADDRESS + ":" + port + path))
			.header("Host", HOST + ":" + port)
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("ops:ops-password".getBytes(StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	/** The test page, a listener, and a recorder of what reaches the collector's path. */
	@Configuration(proxyBeanMethods = false)
	static class CspTestConfiguration {

		@Bean
		CspReportListener testReportListener() {
			return reports::add;
		}

		@Bean
		FilterRegistrationBean<Filter> reportRecorder() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				HttpServletRequest http = (HttpServletRequest) request;
				chain.doFilter(request, response);
				if (http.getRequestURI().equals("/csp-reports")) {
					received.add(http.getContentType() + " " + ((HttpServletResponse) response).getStatus());
				}
			});
			registration.setOrder(Integer.MIN_VALUE);
			return registration;
		}

		@Bean
		DemoPage cspDemoPage() {
			return new DemoPage();
		}

	}

	@RestController
	static class DemoPage {

		@GetMapping(path = "/docs/csp-demo", produces = MediaType.TEXT_HTML_VALUE)
		String page() {
			return PAGE;
		}

	}

}
