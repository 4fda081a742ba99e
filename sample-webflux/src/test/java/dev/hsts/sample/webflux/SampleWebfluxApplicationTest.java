package dev.hsts.sample.webflux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive sample as a user runs it: Reactor Netty with no servlet API, HTTPS with
 * the development certificate it makes on first start, the first rollout stage on every
 * response for a real host name (none for localhost), the plain-HTTP port redirecting,
 * and the actuator on its own loopback port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.dev-certificate.path=target/test-dev-certificate/sample-webflux.p12",
				"server.address=127.0.0.1", "sample.http-port=0", "management.server.port=0" })
class SampleWebfluxApplicationTest {

	private static final String HSTS = "Strict-Transport-Security";

	private static final String CSP = "Content-Security-Policy";

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	PlainHttpPort plainHttpPort;

	@Autowired
	ApplicationContext context;

	@Value("${sample.dev-certificate.path}")
	Path keyStore;

	@Test
	void runsOnReactorNettyWithoutTheServletApi() {
		assertThat(ClassUtils.isPresent("jakarta.servlet.Servlet", null)).isFalse();
		assertThat(this.context).isInstanceOf(ReactiveWebServerApplicationContext.class);
		assertThat(((ReactiveWebServerApplicationContext) this.context).getWebServer())
			.isInstanceOf(NettyWebServer.class);
	}

	@Test
	void apiHealthOverHttpsCarriesTheFirstStage() throws Exception {
		HttpResponse<String> response = get("api.example.test", "/v1/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
		assertThat(response.headers().allValues(HSTS)).containsExactly("max-age=300");
	}

	@Test
	void everyEndpointCarriesExactlyOneOfEachHeader() throws Exception {
		Map<String, Integer> statuses = new LinkedHashMap<>();
		statuses.put("/", 200);
		statuses.put("/docs", 200);
		statuses.put("/v1/health", 200);
		statuses.put("/v1/catalog", 200);
		statuses.put("/v1/events", 200);
		statuses.put("/v1/fail", 500);
		statuses.put("/docs/no-such-page", 404);
		for (Map.Entry<String, Integer> expected : statuses.entrySet()) {
			String path = expected.getKey();
			HttpResponse<String> response = get("api.example.test", path);
			assertThat(response.statusCode()).as(path).isEqualTo(expected.getValue());
			assertThat(response.headers().allValues(HSTS)).as(path).containsExactly("max-age=300");
			assertThat(response.headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
			assertThat(response.headers().allValues("X-Frame-Options")).as(path).containsExactly("DENY");
			assertThat(response.headers().allValues("Referrer-Policy")).as(path).containsExactly("no-referrer");
			assertThat(response.headers().allValues("Permissions-Policy")).as(path)
				.containsExactly("geolocation=(), microphone=(), camera=()");
			assertThat(response.headers().allValues("X-Permitted-Cross-Domain-Policies")).as(path)
				.containsExactly("none");
			assertThat(response.headers().allValues("X-XSS-Protection")).as(path).containsExactly("0");
			assertThat(response.headers().allValues(CSP)).as(path).hasSize(1);
			assertThat(response.headers().allValues("Cache-Control")).as(path)
				.containsExactly(path.equals("/v1/catalog") ? "max-age=60, public" : "no-store");
		}
	}

	@Test
	void theEventStreamCarriesTheHeadersBeforeItsFirstEventAndThenEveryEvent() throws Exception {
		HttpRequest request = request("api.example.test", "/v1/events").header("Accept", "text/event-stream").build();
		// ofInputStream: the response is here as soon as its headers are, with the
		// events still to come.
		HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.headers().allValues(HSTS)).containsExactly("max-age=300");
		assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
		List<String> data = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.startsWith("data:")) {
					data.add(line.substring("data:".length()));
				}
			}
		}
		assertThat(data).containsExactly("tick 1", "tick 2", "tick 3");
	}

	@Test
	void docsPageCarriesTheSameFreshNonceInTheHeaderAndThePage() throws Exception {
		HttpResponse<String> first = get("api.example.test", "/docs");
		HttpResponse<String> second = get("api.example.test", "/docs");
		Matcher header = Pattern.compile("script-src 'nonce-([^']+)'")
			.matcher(first.headers().firstValue(CSP).orElseThrow());
		assertThat(header.find()).isTrue();
		assertThat(first.body()).contains("<script nonce=\"" + header.group(1) + "\">");
		assertThat(second.headers().firstValue(CSP).orElseThrow()).doesNotContain(header.group(1));
		assertThat(second.body()).doesNotContain(header.group(1));
		assertThat(first.headers().firstValue(CSP).orElseThrow()).contains("connect-src 'self'");
		assertThat(get("api.example.test", "/v1/health").headers().firstValue(CSP))
			.hasValue("default-src 'none'; frame-ancestors 'none'");
	}

	@Test
	void operatorsSeeTheLivePolicyOnTheLoopbackManagementPort() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		HttpResponse<String> health = send(this.managementPort, "localhost", "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
		HttpResponse<String> report = send(this.managementPort, "localhost", "/actuator/securityheaders");
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("json"));
		assertThat(report.body()).contains("\"enabled\":true")
			.contains("\"header\":\"max-age=300\"")
			.contains("\"mode\":\"pinned\"")
			.contains("\"allowed\":[\"api.example.test\",\"*.example.test\",\"localhost\"]")
			.contains("\"exemptPaths\":[\"/actuator/health/**\"]")
			// the actuator has a port of its own on loopback: not exposed unprotected
			.doesNotContain("endpoint.unprotected");
		HttpResponse<String> allowed = send(this.managementPort, "localhost",
				"/actuator/securityheaders/api.example.test");
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.body()).contains("max-age=300");
		HttpResponse<String> preview = send(this.managementPort, "localhost",
				"/actuator/securityheaders/evil.example.com");
		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(preview.body()).contains("\"status\":400").contains("\"rejected\":\"not-allowed\"");
		HttpResponse<String> gauge = send(this.managementPort, "localhost",
				"/actuator/metrics/security.headers.hsts.max-age");
		assertThat(gauge.statusCode()).isEqualTo(200);
		assertThat(gauge.body()).contains("\"value\":300.0");
		HttpResponse<String> stage = send(this.managementPort, "localhost",
				"/actuator/metrics/security.headers.hsts.stage");
		assertThat(stage.body()).contains("\"value\":1.0");
		assertThat(get("api.example.test", "/actuator/securityheaders").statusCode()).isEqualTo(404);
	}

	@Test
	void aHostTheAppDoesNotServeGetsA400WithoutHsts() throws Exception {
		HttpResponse<String> response = get("evil.example.com", "/v1/health");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().allValues(HSTS)).isEmpty();
		assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
		assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(response.body()).contains("\"status\":400").doesNotContain("evil.example.com");
	}

	@Test
	void localhostGetsNoHeader() throws Exception {
		HttpResponse<String> response = get("localhost", "/v1/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues(HSTS)).isEmpty();
		assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
	}

	@Test
	void plainHttpIsRedirectedToHttpsWithoutTheHeader() throws Exception {
		int plainPort = this.plainHttpPort.getPort();
		assertThat(plainPort).isPositive().isNotEqualTo(this.port);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + plainPort + "/v1/health?verbose=1"))
			.header("Host", "api.example.test:" + plainPort)
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(301);
		assertThat(response.headers().firstValue("Location"))
			.hasValue("https://api.example.test:8443/v1/health?verbose=1");
		assertThat(response.headers().allValues(HSTS)).isEmpty();
	}

	@Test
	void theDevelopmentCertificateWasMade() {
		assertThat(this.keyStore).exists();
	}

	private HttpResponse<String> get(String host, String path) throws Exception {
		return send(this.port, host, path);
	}

	private HttpResponse<String> send(int port, String host, String path) throws Exception {
		return client().send(request(port, host, path).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String host, String path) {
		return request(this.port, host, path);
	}

	private HttpRequest.Builder request(int port, String host, String path) {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).header("Host", host + ":" + port);
	}

	private HttpClient client() throws IOException, GeneralSecurityException {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.keyStore)) {
			trusted.load(in, DevelopmentCertificate.PASSWORD.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext ssl = SSLContext.getInstance("TLS");
		ssl.init(null, trust.getTrustManagers(), null);
		return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
	}

}
