package dev.hsts.gateway;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway with stage 2 pinned: every response through it, whatever the backend did,
 * carries exactly one {@code max-age=86400}.
 */
class GatewayStageTwoTest {

	private static Backend backend;

	private static GatewayApp gateway;

	@BeforeAll
	static void start() {
		backend = Backend.start();
		gateway = GatewayApp.https(backend, "security.headers.hsts.rollout.stage=2");
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

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/backend/ok, 200", "/backend/fail, 500", "/backend/own-hsts, 200",
			"/backend-without-its-hsts/own-hsts, 200", "/backend/missing, 404", "/no-route, 404" })
	void everyResponseCarriesTheSecondStage(String path, int status) {
		HttpResponse<String> response = gateway.https().get(GatewayApp.HOST, path);
		assertThat(response.statusCode()).isEqualTo(status);
		GatewayOverTlsTest.assertSecurityHeaders(response, "max-age=86400");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/down/ok", "/slow/hang" })
	void aBackendThatIsDownOrTooSlowStillGetsTheSecondStage(String path) {
		HttpResponse<String> response = gateway.https().get(GatewayApp.HOST, path);
		assertThat(response.statusCode()).isIn(500, 502, 503, 504);
		GatewayOverTlsTest.assertSecurityHeaders(response, "max-age=86400");
	}

}
