package dev.hsts.reactive;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningReactiveApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/securityheaders/{host}} on a WebFlux application says what a real
 * request for that host gets from Netty: each host is sent raw over TLS to the same
 * application and asked of the preview, and the two must agree on the status, who refused
 * it, {@code Strict-Transport-Security} and every other header the starter writes. With
 * the trusted-host check on and off. The hosts are those of
 * {@code dev.hsts.actuate.HostPreviewAgreesWithTomcatTest}.
 */
class HostPreviewAgreesWithNettyTest {

	static final List<String> HEADERS = List.of("Strict-Transport-Security", "X-Content-Type-Options",
			"X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Cache-Control");

	static RunningReactiveApp checkOn;

	static RunningReactiveApp checkOff;

	@BeforeAll
	static void start() {
		String[] common = { "management.endpoints.web.exposure.include=securityheaders", "logging.level.reactor=OFF",
				"logging.level.dev.hsts=OFF" };
		checkOn = RunningReactiveApp.https(new Class<?>[] { ReactiveResponseKindsApplication.class },
				Stream
					.concat(Stream.of(common),
							Stream
								.of("security.headers.trusted-hosts.allowed=api.example.test,*.example.test,localhost"))
					.toArray(String[]::new));
		checkOff = RunningReactiveApp.https(new Class<?>[] { ReactiveResponseKindsApplication.class }, common);
	}

	@AfterAll
	static void stop() {
		for (RunningReactiveApp app : new RunningReactiveApp[] { checkOn, checkOff }) {
			if (app != null) {
				app.close();
			}
		}
	}

	static Stream<String> hosts() {
		return Stream.of("api.example.test", "www.example.test", "API.Example.Test.", "localhost", "127.0.0.1", "[::1]",
				"evil.example.com", "a..b", "a..b.example.test", "a_b.example.test", "-a.example.test",
				"a-.example.test", ".example.test", "a@api.example.test", "[::1", "::1", "[fe80::1%eth0]",
				"a%41.example.test", "a b", "api.example.test:99999", "api.example.test:0", "api.example.test:x",
				"api.example.test:99999999999", "a".repeat(64) + ".example.test");
	}

	static Stream<Arguments> cases() {
		return Stream.concat(hosts().map((host) -> Arguments.of("on", host)),
				hosts().map((host) -> Arguments.of("off", host)));
	}

	@ParameterizedTest(name = "check {0}: {1}")
	@MethodSource("cases")
	@SuppressWarnings("unchecked")
	void thePreviewSaysWhatARealRequestGets(String check, String host) {
		RunningReactiveApp app = check.equals("on") ? checkOn : checkOff;
		RawHttp.Response real = app.raw().get("/ok", "Host: " + host);
		HttpResponse<String> previewResponse = app.https()
			.get("localhost", "/actuator/securityheaders/" + pathSegment(host));
		assertThat(previewResponse.statusCode()).as(previewResponse.body()).isEqualTo(200);
		Map<String, Object> preview = JsonParserFactory.getJsonParser().parseMap(previewResponse.body());
		Map<String, Object> headers = (Map<String, Object>) preview.get("headers");

		assertThat(preview.get("host")).isEqualTo(host);
		assertThat(preview.get("status")).as("status, real: %s %s %s", real.status(), real.headers(), real.body())
			.isEqualTo(real.status());
		String contentType = real.header("Content-Type");
		Object refusedBy = preview.get("refusedBy");
		if (real.status() == 200) {
			assertThat(refusedBy).isNull();
			assertThat(preview.get("rejected")).isNull();
		}
		else if (contentType != null && contentType.startsWith("application/problem+json")) {
			assertThat(refusedBy).isEqualTo("trusted-hosts");
			assertThat(real.body()).contains("\"reason\":\"" + preview.get("rejected") + "\"");
		}
		else {
			assertThat(refusedBy).as("the server's own answer: %s %s %s", real.status(), real.headers(), real.body())
				.isEqualTo("server");
			assertThat(preview.get("rejected")).isEqualTo("malformed");
		}
		for (String name : HEADERS) {
			assertThat(headers.get(name)).as(name).isEqualTo(real.header(name));
			assertThat(real.headers(name)).as(name + " once at most").hasSizeLessThanOrEqualTo(1);
		}
	}

	/** The host as one path segment: every byte but unreserved characters encoded. */
	static String pathSegment(String host) {
		StringBuilder segment = new StringBuilder();
		for (byte b : host.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~' || c == ':' || c == '@') {
				segment.append(c);
			}
			else {
				segment.append('%').append(String.format("%02X", b & 0xff));
			}
		}
		return segment.toString();
	}

}
