package dev.hsts.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.hsts.actuate.TrustedHostRejectionMetrics;
import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningApp;
import dev.hsts.test.TrustedHostCases;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of Host values over real TLS to embedded Tomcat, sent byte for byte by a raw
 * socket client (the table is {@link TrustedHostCases}, shared with the WebFlux test):
 * allowed hosts reach the application, well-formed hosts it does not serve get our 400
 * problem, and malformed values get a 4xx (ours or Tomcat's, whichever refuses first),
 * never a 5xx and never the application.
 */
class TrustedHostsOverTlsTest {

	static final String HSTS = "Strict-Transport-Security";

	static RunningApp app;

	@BeforeAll
	static void start() {
		List<String> properties = new ArrayList<>(TrustedHostCases.properties());
		properties.addAll(List.of("logging.level.org.apache.coyote=OFF", "logging.level.org.apache.tomcat=OFF",
				"logging.level.org.apache.catalina=OFF"));
		app = RunningApp.https(new Class<?>[] { TrustedHostsApplication.class }, properties.toArray(new String[0]));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	RawHttp http() {
		return RawHttp.https(app.port());
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("dev.hsts.test.TrustedHostCases#allowedHosts")
	void allowedHostsReachTheApplication(String host) {
		RawHttp.Response response = http().getWithHost("/host", host);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).startsWith("serverName=");
		assertThat(response.header("X-App-Filter")).isEqualTo("ran");
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("dev.hsts.test.TrustedHostCases#hostsNotServed")
	void wellFormedHostsTheApplicationDoesNotServeGetTheProblem(String host) {
		int calls = TrustedHostsApplication.controllerCalls.get();
		RawHttp.Response response = http().getWithHost("/host", host);
		assertRejected(response, "not-allowed");
		assertThat(TrustedHostsApplication.controllerCalls.get()).isEqualTo(calls);
	}

	@ParameterizedTest(name = "[{index}] Host: {0}")
	@MethodSource("dev.hsts.test.TrustedHostCases#malformedHosts")
	void malformedHostsGetA4xxAndNeverReachTheApplication(String value, String[] headerLines) {
		assertMalformed(http().get("/host", headerLines));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("dev.hsts.test.TrustedHostCases#malformedRequests")
	void malformedRequestsGetA4xxAndNeverReachTheApplication(String description, String[] headerLines) {
		assertMalformed(http().get("/host", headerLines));
	}

	@Test
	void http10RequestWithoutHostIsRefused() {
		RawHttp.Response response = http().send("GET /host HTTP/1.0\r\n\r\n".getBytes());
		assertMalformed(response);
	}

	@Test
	void absoluteFormTargetForAHostNotServedIsRefused() {
		assertThat(http().get("https://evil.com/host", "Host: evil.com").status()).isEqualTo(400);
		RawHttp.Response mismatch = http().get("https://evil.com/host", "Host: api.example.test");
		assertThat(mismatch.status()).isBetween(400, 499);
		assertThat(mismatch.header("X-App-Filter")).isNull();
	}

	@Test
	void exemptPathsPassWhateverTheHost() {
		for (String host : TrustedHostCases.HOSTS_FOR_EXEMPT_PATHS) {
			RawHttp.Response response = http().getWithHost("/health/live", host);
			assertThat(response.status()).as(host).isEqualTo(200);
			assertThat(response.header(HSTS)).as("no HSTS for a host not served").isNull();
		}
	}

	@Test
	void exemptPathsDoNotExemptOtherPaths() {
		for (String path : TrustedHostCases.NOT_EXEMPT_PATHS) {
			RawHttp.Response response = http().getWithHost(path, "evil.com");
			assertThat(response.status()).as(path).isBetween(400, 499);
			assertThat(response.header("X-App-Filter")).as(path).isNull();
		}
	}

	@Test
	void exemptPathsStillGetEncodedAndParameterisedSpellingsOfTheSamePath() {
		for (String path : TrustedHostCases.EXEMPT_PATH_SPELLINGS) {
			RawHttp.Response response = http().getWithHost(path, "evil.com");
			assertThat(response.header("X-App-Filter")).as(path).isEqualTo("ran");
			assertThat(response.status()).as(path).isIn(200, 404);
		}
	}

	@Test
	void rejectionIsAProblemWithTheSecurityHeadersAndNoHsts() {
		RawHttp.Response response = http().getWithHost("/host", "evil.com");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.headers("Cache-Control")).containsExactly("no-store");
		assertThat(response.headers("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(response.headers(HSTS)).isEmpty();
		assertThat(response.body()).isEqualTo(TrustedHostCases.NOT_ALLOWED_BODY);
		assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.body().length()));
	}

	@Test
	void rejectionNeverEchoesTheHost() {
		RawHttp.Response response = http().getWithHost("/host", "xss-marker-\"-script.example.com");
		assertThat(response.status()).isBetween(400, 499);
		assertThat(response.body()).doesNotContain("xss-marker");
		RawHttp.Response notAllowed = http().getWithHost("/host", "xss-marker.example.com");
		assertThat(notAllowed.body()).doesNotContain("xss-marker");
	}

	@Test
	void servedHostsGetHstsAndRefusedOnesDoNot() {
		assertThat(http().getWithHost("/host", "api.example.test").headers(HSTS)).containsExactly("max-age=300");
		assertThat(http().getWithHost("/host", "evil.com").headers(HSTS)).isEmpty();
		assertThat(http().getWithHost("/host", "example.test").headers(HSTS)).isEmpty();
	}

	@Test
	void rejectionsAreCountedByReasonWithoutTheHost() {
		MeterRegistry registry = app.context().getBean(MeterRegistry.class);
		double notAllowed = count(registry, "not-allowed");
		double malformed = count(registry, "malformed");
		http().getWithHost("/host", "evil.com");
		http().getWithHost("/host", "other-evil.com");
		http().getWithHost("/host", "api.example.test:0");
		http().getWithHost("/host", "api.example.test");
		assertThat(count(registry, "not-allowed")).isEqualTo(notAllowed + 2);
		assertThat(count(registry, "malformed")).isEqualTo(malformed + 1);
		assertThat(registry.find(TrustedHostRejectionMetrics.METRIC_NAME).counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTags()).hasSize(1)
				.allSatisfy((tag) -> assertThat(tag.getKey()).isEqualTo("reason")));
	}

	static double count(MeterRegistry registry, String reason) {
		return registry.get(TrustedHostRejectionMetrics.METRIC_NAME).tag("reason", reason).counter().count();
	}

	static void assertRejected(RawHttp.Response response, String reason) {
		TrustedHostCases.assertRejected(response, reason);
	}

	static void assertMalformed(RawHttp.Response response) {
		TrustedHostCases.assertMalformed(response);
	}

}
