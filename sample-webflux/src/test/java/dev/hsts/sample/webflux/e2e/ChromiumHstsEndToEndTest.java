package dev.hsts.sample.webflux.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hsts.sample.webflux.SampleWebfluxApplication;
import dev.hsts.test.ExternalTools;
import dev.hsts.test.TestPki;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sample-app's browser test against the reactive sample: Debian's Chromium, headless,
 * with a fresh profile and a throwaway CA trusted in its NSS database (Chromium ignores
 * HSTS on any connection with a certificate error, for IP literals and for localhost, so
 * the test uses a real DNS name, api.example.test, mapped to 127.0.0.4: not sample-app's
 * 127.0.0.3, so the two never compete for a port). The sample serves HTTPS on
 * 127.0.0.4:443 and plain HTTP on 127.0.0.4:80 (its second Netty server), because
 * Chromium's upgrade rewrites port 80 to 443 and keeps any other port.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChromiumHstsEndToEndTest {

	private static final String ADDRESS = "127.0.0.4";

	private static final String HOST = "api.example.test";

	private static final long MAX_AGE = 31_536_000L;

	/** Plain-HTTP requests that reached the application. */
	static final AtomicInteger plainRequests = new AtomicInteger();

	@TempDir
	static Path work;

	private static TestPki pki;

	private static ConfigurableApplicationContext app;

	private static WebDriver browser;

	@BeforeAll
	static void start() throws Exception {
		Path chromium = ExternalTools.require("chromium", "chromium");
		Path chromedriver = ExternalTools.require("chromedriver", "chromium-driver");
		Path certutil = ExternalTools.require("certutil", "libnss3-tools");
		requireBindable(443);
		requireBindable(80);
		pki = TestPki.create(work, "DNS:" + HOST);
		Path home = Files.createDirectories(work.resolve("home"));
		Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
		ExternalTools.run(Map.of("HOME", home.toString()), certutil.toString(), "-d", "sql:" + nssdb, "-N",
				"--empty-password");
		ExternalTools.run(Map.of("HOME", home.toString()), certutil.toString(), "-d", "sql:" + nssdb, "-A", "-t", "C,,",
				"-n", "hsts-e2e-ca", "-i", pki.caCertificate.toString());
		startApp(false);

		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(work.resolve("profile")),
				"--host-resolver-rules=MAP " + HOST + " " + ADDRESS);
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.withEnvironment(Map.of("HOME", home.toString()))
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	private static void requireBindable(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(ADDRESS, port));
		}
		catch (IOException ex) {
			ExternalTools.unavailable("cannot listen on " + ADDRESS + ":" + port + " (" + ex.getMessage()
					+ "); the browser test needs ports 80 and 443, so run it as root");
		}
	}

	private static void startApp(boolean revoke) {
		if (app != null) {
			app.close();
		}
		List<String> args = new ArrayList<>(List.of("--server.address=" + ADDRESS, "--server.port=443",
				"--server.ssl.certificate=" + pki.certificate.toUri(),
				"--server.ssl.certificate-private-key=" + pki.privateKey.toUri(), "--sample.http-port=80",
				"--security.headers.https-redirect.https-port=443", "--management.server.port=0",
				"--security.headers.hsts.rollout.stage=3", "--security.headers.hsts.include-subdomains=true",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN"));
		if (revoke) {
			args.add("--security.headers.hsts.revoke=true");
		}
		app = new SpringApplicationBuilder(SampleWebfluxApplication.class, PlainRequestCounter.class)
			.run(args.toArray(new String[0]));
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
	@Order(1)
	void afterOneHttpsVisitChromiumHasStoredThePolicyWeSent() {
		assertThat(queryHsts()).contains("Not found");
		int before = plainRequests.get();
		// A first visit by plain HTTP: the plain Netty server redirects to HTTPS, and the
		// HTTPS response sets the policy.
		browser.get("http://" + HOST + "/docs");
		assertThat(browser.getCurrentUrl()).isEqualTo("https://" + HOST + "/docs");
		assertThat(browser.getTitle()).isEqualTo("hsts-spring-boot-starter sample");
		// The page's strict CSP let its nonce-carrying inline script run, and the script
		// read the whole event stream (connect-src 'self').
		assertThat(browser.findElement(By.id("script-ran")).getText()).isEqualTo("The nonce script ran.");
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until((driver) -> driver.findElements(By.cssSelector("#events li")).size() == 3);
		assertThat(browser.findElements(By.cssSelector("#events li"))).extracting((item) -> item.getText())
			.containsExactly("tick 1", "tick 2", "tick 3");
		assertThat(plainRequests.get()).isEqualTo(before + 1);

		String state = queryHsts();
		assertThat(state).contains("dynamic_upgrade_mode: FORCE_HTTPS")
			.contains("dynamic_sts_include_subdomains: true");
		double observed = number(state, "dynamic_sts_observed");
		double expiry = number(state, "dynamic_sts_expiry");
		assertThat(expiry - observed).isCloseTo(MAX_AGE, Offset.offset(2.0));
	}

	@Test
	@Order(2)
	void aLaterHttpNavigationIsUpgradedInsideTheBrowserAndNeverReachesThePlainPort() {
		browser.manage().logs().get(LogType.PERFORMANCE);
		int before = plainRequests.get();
		browser.get("http://" + HOST + "/v1/health");
		assertThat(browser.getCurrentUrl()).isEqualTo("https://" + HOST + "/v1/health");
		assertThat(plainRequests.get()).isEqualTo(before);
		List<String> events = new ArrayList<>();
		for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
			events.add(entry.getMessage());
		}
		assertThat(events).anySatisfy((event) -> assertThat(event).contains("Network.requestWillBeSent")
			.contains("\"url\":\"https://" + HOST + "/v1/health\"")
			.contains("\"status\":307")
			.contains("\"statusText\":\"Internal Redirect\"")
			.contains("\"Non-Authoritative-Reason\":\"HSTS\""));
	}

	@Test
	@Order(3)
	void afterTheAppSendsMaxAgeZeroThePolicyIsGone() {
		startApp(true);
		browser.get("https://" + HOST + "/docs");
		assertThat(browser.getTitle()).isEqualTo("hsts-spring-boot-starter sample");
		assertThat(queryHsts()).contains("Not found");
		int before = plainRequests.get();
		browser.get("http://" + HOST + "/v1/health");
		assertThat(plainRequests.get()).isEqualTo(before + 1);
		assertThat(browser.getCurrentUrl()).isEqualTo("https://" + HOST + "/v1/health");
	}

	/** Asks chrome://net-internals what Chromium knows about the host's HSTS policy. */
	private static String queryHsts() {
		browser.get("chrome://net-internals/#hsts");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		wait.until((driver) -> driver.findElement(By.id("hsts-view-query-input")).isDisplayed());
		browser.findElement(By.id("hsts-view-query-input")).clear();
		browser.findElement(By.id("hsts-view-query-input")).sendKeys(HOST);
		browser.findElement(By.id("hsts-view-query-submit")).click();
		wait.until((driver) -> {
			String text = driver.findElement(By.id("hsts-view-query-output")).getText();
			return text.contains("Found") || text.contains("Not found");
		});
		return browser.findElement(By.id("hsts-view-query-output")).getText();
	}

	private static double number(String state, String field) {
		Matcher matcher = Pattern.compile(field + ": ([0-9.]+)").matcher(state);
		assertThat(matcher.find()).as(field + " in " + state).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	/**
	 * Counts the plain-HTTP requests that reach the application, before any other filter.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PlainRequestCounter {

		@Bean
		@org.springframework.core.annotation.Order(Ordered.HIGHEST_PRECEDENCE)
		WebFilter plainRequestCounter() {
			return (exchange, chain) -> {
				if (exchange.getRequest().getSslInfo() == null) {
					plainRequests.incrementAndGet();
				}
				return chain.filter(exchange);
			};
		}

	}

}
