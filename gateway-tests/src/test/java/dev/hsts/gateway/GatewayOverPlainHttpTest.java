package dev.hsts.gateway;

import java.net.http.HttpResponse;

import dev.hsts.test.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.hsts.test.Headers.HSTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gateways over plain HTTP: one that serves plain HTTP (never HSTS, the other headers as
 * over HTTPS) and one with the HTTPS redirect on (every request redirected, before any
 * route).
 */
class GatewayOverPlainHttpTest {

	private static Backend backend;

	private static GatewayApp plain;

	private static GatewayApp redirecting;

	@BeforeAll
	static void start() {
		backend = Backend.start();
		plain = GatewayApp.plain(backend);
		redirecting = GatewayApp.plain(backend, "security.headers.https-redirect.enabled=true");
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { redirecting, plain, backend }) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/backend/ok, 200", "/backend/fail, 500", "/no-route, 404" })
	void plainHttpNeverGetsTheGatewaysHsts(String path, int status) {
		HttpResponse<String> response = plain.plain().get(GatewayApp.HOST, path);
		assertThat(response.statusCode()).isEqualTo(status);
		Headers.assertNone(response, HSTS);
		for (String header : new String[] { Headers.CONTENT_TYPE_OPTIONS, Headers.FRAME_OPTIONS,
				Headers.REFERRER_POLICY, Headers.PERMISSIONS_POLICY }) {
			Headers.assertExactlyOne(response, header, Headers.DEFAULTS.get(header));
		}
	}

	@Test
	void aClientThatSaysItCameOverHttpsGetsNoHsts() {
		HttpResponse<String> response = plain.plain()
			.get(GatewayApp.HOST, "/backend/ok", "X-Forwarded-Proto", "https", "Forwarded", "proto=https");
		assertThat(response.statusCode()).isEqualTo(200);
		Headers.assertNone(response, HSTS);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "GET, /backend/ok, 301", "HEAD, /backend/ok, 301", "POST, /backend/ok, 308", "PUT, /down/x, 308",
			"GET, /no-route?q=1, 301" })
	void theRedirectAnswersBeforeAnyRoute(String method, String path, int status) {
		int before = backend.requests();
		HttpResponse<String> response = redirecting.plain().send(method, GatewayApp.HOST, path);
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().allValues("Location")).containsExactly("https://" + GatewayApp.HOST + path);
		Headers.assertNone(response, HSTS);
		assertThat(backend.requests()).isEqualTo(before);
	}

	@Test
	void theRedirectRefusesAHostTheGatewayDoesNotServe() {
		int before = backend.requests();
		HttpResponse<String> response = redirecting.plain().get("evil.example", "/backend/ok");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().allValues("Location")).isEmpty();
		Headers.assertNone(response, HSTS);
		assertThat(backend.requests()).isEqualTo(before);
	}

}
