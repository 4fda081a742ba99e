package dev.hsts.servlet;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

import dev.hsts.test.Http;
import dev.hsts.test.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of response a real application sends, over real TLS to embedded Tomcat: each
 * carries exactly one Strict-Transport-Security header with the active stage's value, and
 * none goes to hosts that must not get it.
 */
@SpringBootTest(classes = ResponseKindsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "logging.level.org.apache.catalina.core=OFF" })
class ResponseKindsOverTlsTest {

	static final String HSTS = "Strict-Transport-Security";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		for (String property : TestTls.get().serverProperties()) {
			int eq = property.indexOf('=');
			registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
		}
	}

	static Stream<Arguments> responseKinds() {
		return Stream.of(Arguments.of("GET", "/ok", new String[0], 200),
				Arguments.of("HEAD", "/ok", new String[0], 200), Arguments.of("OPTIONS", "/ok", new String[0], 200),
				Arguments.of("POST", "/ok", new String[0], 200),
				Arguments.of("GET", "/send-redirect", new String[0], 302),
				Arguments.of("GET", "/redirect-view", new String[0], 302),
				Arguments.of("GET", "/forward", new String[0], 200), Arguments.of("GET", "/etag", new String[0], 200),
				Arguments.of("GET", "/etag", new String[] { "If-None-Match", "\"v1\"" }, 304),
				Arguments.of("DELETE", "/etag", new String[0], 405),
				Arguments.of("GET", "/missing", new String[0], 404), Arguments.of("GET", "/fail", new String[0], 500),
				Arguments.of("GET", "/html-error", new String[] { "Accept", "text/html" }, 500),
				Arguments.of("GET", "/status/400", new String[0], 400),
				Arguments.of("GET", "/status/418", new String[0], 418),
				Arguments.of("GET", "/status/503", new String[0], 503),
				Arguments.of("GET", "/send-error", new String[0], 403),
				Arguments.of("GET", "/filter-fail", new String[0], 500),
				Arguments.of("GET", "/deferred", new String[0], 200),
				Arguments.of("GET", "/deferred-error", new String[0], 500),
				Arguments.of("GET", "/callable", new String[0], 200),
				Arguments.of("GET", "/stream", new String[0], 200), Arguments.of("GET", "/sse", new String[0], 200),
				Arguments.of("GET", "/static.txt", new String[0], 200),
				Arguments.of("HEAD", "/static.txt", new String[0], 200),
				Arguments.of("GET", "/reset", new String[0], 200),
				Arguments.of("GET", "/reset-flush", new String[0], 200),
				Arguments.of("GET", "/flush-early", new String[0], 200),
				Arguments.of("GET", "/big", new String[0], 200));
	}

	@Test
	void aBodyOfMultiByteCharactersOverTheBufferStillGetsTheCommitTimeDefault() {
		// The starter counts what the writer is given in characters: Tomcat buffers the
		// writer's output as characters too (a buffer of the response's buffer size) and
		// commits when that is full, so the count reaches the buffer size first, also
		// when
		// each character takes two bytes.
		HttpResponse<String> response = Http.https(this.port).send("GET", "api.example.test", "/big-multibyte");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).hasSize(10_000);
		assertThat(Http.values(response, HSTS)).containsExactly("max-age=300");
		assertThat(Http.values(response, "Cache-Control")).containsExactly("no-store");
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@MethodSource("responseKinds")
	void everySecureResponseCarriesExactlyOneHeader(String method, String path, String[] headers, int status) {
		HttpResponse<String> response = Http.https(this.port).send(method, "api.example.test", path, headers);
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(Http.values(response, HSTS)).containsExactly("max-age=300");
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@MethodSource("responseKinds")
	void hostsThatMustNotGetTheHeaderGetNone(String method, String path, String[] headers, int status) {
		for (String host : new String[] { "localhost", "127.0.0.1", "[::1]", "dev.localhost", "LOCALHOST.",
				"10.1.2.3" }) {
			HttpResponse<String> response = Http.https(this.port).send(method, host, path, headers);
			assertThat(response.statusCode()).as(host).isEqualTo(status);
			assertThat(Http.values(response, HSTS)).as(host).isEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("hostNamesThatGetTheHeader")
	void hostNamesGetTheHeaderWhateverTheirSpelling(String host) {
		HttpResponse<String> response = Http.https(this.port).get(host, "/ok");
		assertThat(Http.values(response, HSTS)).containsExactly("max-age=300");
	}

	static Stream<String> hostNamesThatGetTheHeader() {
		return Stream.of("api.example.test", "API.Example.TEST", "api.example.test.", "localhost.example.test",
				"example.com");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("applicationValues")
	void theApplicationsOwnValueWinsAndIsNotDuplicated(String path, String value) {
		HttpResponse<String> response = Http.https(this.port).get("api.example.test", path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Http.values(response, HSTS)).containsExactly(value);
	}

	static Stream<Arguments> applicationValues() {
		return Stream.of(Arguments.of("/own-hsts-set", "max-age=5"), Arguments.of("/own-hsts-added", "max-age=6"),
				Arguments.of("/own-hsts-entity", "max-age=7"));
	}

	@org.junit.jupiter.api.Test
	void resetResponseKeepsItsBodyAndGetsTheHeaderBack() {
		HttpResponse<String> response = Http.https(this.port).get("api.example.test", "/reset");
		assertThat(response.body()).isEqualTo("after reset");
		assertThat(response.headers().firstValue("X-Before-Reset")).isEmpty();
		assertThat(Http.values(response, HSTS)).containsExactly("max-age=300");
	}

	/**
	 * A response the chain completes without an error, not committed yet when the chain
	 * returns (a body of unknown length, not flushed), gets its commit-time default
	 * without a request attribute: no error page can follow. After an error, the
	 * provisional value is kept for the error dispatch, which replaces it with the page's
	 * own.
	 */
	@Test
	void onlyAnErrorLeavesTheProvisionalValuesInRequestAttributes() {
		HttpResponse<String> unsized = Http.https(this.port).get("api.example.test", "/unsized");
		assertThat(unsized.statusCode()).isEqualTo(200);
		assertThat(unsized.body()).isEqualTo("unsized");
		assertThat(Http.values(unsized, "Cache-Control")).containsExactly("no-store");
		assertThat(ResponseKindsApplication.AFTER_CHAIN.get("/unsized")).isEqualTo("committed=false provisional=[]");

		HttpResponse<String> failed = Http.https(this.port).get("api.example.test", "/fail");
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(Http.values(failed, "Cache-Control")).containsExactly("no-store");
		assertThat(ResponseKindsApplication.AFTER_CHAIN.get("/fail")).endsWith("provisional=[cache-control=no-store]");

		HttpResponse<String> status = Http.https(this.port).get("api.example.test", "/status/503");
		assertThat(status.statusCode()).isEqualTo(503);
		assertThat(ResponseKindsApplication.AFTER_CHAIN.get("/status/503"))
			.endsWith("provisional=[cache-control=no-store]");
	}

}
