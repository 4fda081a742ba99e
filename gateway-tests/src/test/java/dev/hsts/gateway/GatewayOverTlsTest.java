package dev.hsts.gateway;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.hsts.reactive.SecurityHeadersWebFilter;
import dev.hsts.reactive.TrustedHostWebFilter;
import dev.hsts.test.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;

import static dev.hsts.test.Headers.HSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A Spring Cloud Gateway with the starter, over HTTPS, in front of a backend over plain
 * HTTP: every response a client gets through the gateway carries exactly one
 * Strict-Transport-Security with the active stage (the default plan's first,
 * {@code max-age=300}) and one of each other header, whatever the backend answered or
 * failed to answer; hosts the gateway does not serve are refused before any route.
 */
class GatewayOverTlsTest {

	private static Backend backend;

	private static GatewayApp gateway;

	@BeforeAll
	static void start() {
		backend = Backend.start();
		gateway = GatewayApp.https(backend, "management.endpoints.web.exposure.include=securityheaders");
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
		if (backend != null) {
			backend.close();
		}
	}

	private static HttpResponse<String> get(String path) {
		return gateway.https().get(GatewayApp.HOST, path);
	}

	/** Exactly one of each default header, HSTS with {@code hsts}, and Cache-Control. */
	static void assertSecurityHeaders(HttpResponse<?> response, String hsts) {
		for (Map.Entry<String, String> header : Headers.DEFAULTS.entrySet()) {
			String expected = HSTS.equals(header.getKey()) ? hsts : header.getValue();
			Headers.assertExactlyOne(response, header.getKey(), expected);
		}
		Headers.assertCacheControl(response, "no-store");
	}

	@Test
	void backendOkGetsTheActiveStage() {
		HttpResponse<String> response = get("/backend/ok");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ok");
		assertSecurityHeaders(response, "max-age=300");
	}

	@Test
	void backendErrorGetsTheActiveStage() {
		HttpResponse<String> response = get("/backend/fail");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).isEqualTo("failed");
		assertSecurityHeaders(response, "max-age=300");
	}

	@Test
	void backendNotFoundGetsTheActiveStage() {
		HttpResponse<String> response = get("/backend/missing");
		assertThat(response.statusCode()).isEqualTo(404);
		assertSecurityHeaders(response, "max-age=300");
	}

	/**
	 * A backend that refuses the connection. Spring Cloud Gateway 5.0 gives a refused
	 * connection no status of its own: Boot's error handling answers it as an unhandled
	 * exception, 500 (a gateway that maps it to 502 or 503 passes too).
	 */
	@Test
	void backendDownGetsTheActiveStage() {
		int before = backend.requests();
		HttpResponse<String> response = get("/down/ok");
		assertThat(response.statusCode()).isIn(500, 502, 503, 504);
		assertSecurityHeaders(response, "max-age=300");
		assertThat(backend.requests()).isEqualTo(before);
	}

	@Test
	void backendTooSlowGetsTheActiveStage() {
		HttpResponse<String> response = get("/slow/hang");
		assertThat(response.statusCode()).isEqualTo(504);
		assertSecurityHeaders(response, "max-age=300");
	}

	@Test
	void noRouteGetsTheActiveStage() {
		int before = backend.requests();
		HttpResponse<String> response = get("/no-route");
		assertThat(response.statusCode()).isEqualTo(404);
		assertSecurityHeaders(response, "max-age=300");
		assertThat(backend.requests()).isEqualTo(before);
	}

	@Test
	void headRequestGetsTheActiveStage() {
		HttpResponse<String> response = gateway.https().send("HEAD", GatewayApp.HOST, "/backend/ok");
		assertThat(response.statusCode()).isEqualTo(200);
		assertSecurityHeaders(response, "max-age=300");
	}

	/**
	 * The gateway owns the policy: a backend's own Strict-Transport-Security is replaced
	 * by the gateway's active stage, never sent instead of it or beside it.
	 */
	@Test
	void theGatewaysPolicyReplacesTheBackendsOwnHsts() {
		HttpResponse<String> response = get("/backend/own-hsts");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("own hsts");
		assertSecurityHeaders(response, "max-age=300");
	}

	/**
	 * A route that drops the backend's Strict-Transport-Security with Spring Cloud
	 * Gateway's own {@code RemoveResponseHeader} filter sends the gateway's policy: the
	 * starter writes it again just before the response commits.
	 */
	@Test
	void aRouteThatDropsTheBackendsHstsSendsTheGatewaysPolicy() {
		HttpResponse<String> response = get("/backend-without-its-hsts/own-hsts");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("own hsts");
		assertSecurityHeaders(response, "max-age=300");
	}

	@Test
	void aHostTheGatewayDoesNotServeIsRefusedBeforeAnyRoute() {
		int before = backend.requests();
		for (String path : new String[] { "/backend/ok", "/backend/own-hsts", "/down/ok", "/no-route" }) {
			HttpResponse<String> response = gateway.https().get("evil.example", path);
			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).as(path)
				.isEqualTo("{\"type\":\"about:blank\",\"title\":\"Host not allowed\",\"status\":400,"
						+ "\"detail\":\"The host of this request is not one this application serves.\","
						+ "\"reason\":\"not-allowed\"}");
			Headers.assertNone(response, HSTS);
			Headers.assertExactlyOne(response, Headers.CONTENT_TYPE_OPTIONS, "nosniff");
			Headers.assertCacheControl(response, "no-store");
		}
		assertThat(backend.requests()).isEqualTo(before);
	}

	@Test
	void theEndpointAnswersAtTheGateway() {
		HttpResponse<String> response = get("/actuator/securityheaders");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"header\":\"max-age=300\"", "\"stage\":1", "\"app.example.com\"");
		assertSecurityHeaders(response, "max-age=300");
	}

	@Test
	void theGatewayRunsWithoutTheServletApi() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("jakarta.servlet.Filter", false, getClass().getClassLoader()));
		assertThat(gateway.context()).isInstanceOf(ReactiveWebServerApplicationContext.class);
		assertThat(gateway.context().getBeansOfType(SecurityHeadersWebFilter.class)).hasSize(1);
		assertThat(gateway.context().getBeansOfType(TrustedHostWebFilter.class)).hasSize(1);
	}

}
