package dev.hsts.reactive;

import java.util.ArrayList;
import java.util.List;

import dev.hsts.actuate.TrustedHostRejectionMetrics;
import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.TrustedHostCases;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.hsts.test.TrustedHostCases.HSTS;
import static dev.hsts.test.TrustedHostCases.assertMalformed;
import static dev.hsts.test.TrustedHostCases.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trusted-host table of the servlet side ({@link TrustedHostCases}, the same cases)
 * against a WebFlux application on Reactor Netty, over real TLS, sent byte for byte by a
 * raw socket client: allowed hosts reach the application, well-formed hosts it does not
 * serve get the starter's 400 problem, and malformed values and requests get a 4xx
 * (Netty's or the starter's, whichever refuses first), never a 5xx and never the
 * application.
 */
class TrustedHostsOverTlsTest {

	static RunningReactiveApp app;

	@BeforeAll
	static void start() {
		List<String> properties = new ArrayList<>(TrustedHostCases.properties());
		properties.addAll(
				List.of("logging.level.reactor.netty=OFF", "logging.level.org.springframework.web.server.adapter=OFF"));
		app = RunningReactiveApp.https(new Class<?>[] { ReactiveTrustedHostsApplication.class },
				properties.toArray(new String[0]));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	RawHttp http() {
		return app.raw();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("dev.hsts.test.TrustedHostCases#allowedHosts")
	void allowedHostsReachTheApplication(String host) {
		RawHttp.Response response = http().getWithHost("/host", host);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).startsWith("serverName=");
		assertThat(response.header("X-App-Filter")).isEqualTo("ran");
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("dev.hsts.test.TrustedHostCases#hostsNotServed")
	void wellFormedHostsTheApplicationDoesNotServeGetTheProblem(String host) {
		int calls = ReactiveTrustedHostsApplication.controllerCalls.get();
		RawHttp.Response response = http().getWithHost("/host", host);
		assertRejected(response, "not-allowed");
		assertThat(ReactiveTrustedHostsApplication.controllerCalls.get()).isEqualTo(calls);
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
	void absoluteFormTargetForAHostNotServedIsRefusedOrNeverSeen() {
		assertThat(http().get("https://evil.com/host", "Host: evil.com").status()).isEqualTo(400);
		// Tomcat refuses a target whose host is not the Host header's; WebFlux on Netty
		// builds the request URI from the Host header and drops the target's authority,
		// so the application sees the served host, never evil.com.
		RawHttp.Response mismatch = http().get("https://evil.com/host", "Host: api.example.test");
		if (mismatch.status() == 200) {
			assertThat(mismatch.body()).isEqualTo("serverName=api.example.test");
		}
		else {
			assertThat(mismatch.status()).as(mismatch.body()).isBetween(400, 499);
			assertThat(mismatch.header("X-App-Filter")).isNull();
		}
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
	void theVerdictAttributeHoldsARefusalButNotAPass() {
		// A handler on an exempt path can tell why the host would have been refused.
		assertThat(http().getWithHost("/health/verdict", "evil.com").body()).isEqualTo("verdict=NOT_ALLOWED");
		// A pass is kept in the starter's own response for the exchange: no exchange
		// attribute is written for it (the HSTS header shows it was checked).
		RawHttp.Response served = http().getWithHost("/health/verdict", "api.example.test");
		assertThat(served.body()).isEqualTo("verdict=null");
		assertThat(served.header(HSTS)).isNotNull();
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
		assertThat(response.headers("X-Frame-Options")).containsExactly("DENY");
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

}
