package dev.hsts.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a user runs it: HTTPS with the development certificate it makes on first
 * start, and the first rollout stage on every response for a real host name, none for
 * localhost.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"sample.dev-certificate.path=target/test-dev-certificate/sample-app.p12", "server.address=127.0.0.1" })
class SampleApplicationTest {

	private static final int HTTP_PORT = freePort();

	@DynamicPropertySource
	static void plainPort(DynamicPropertyRegistry registry) {
		registry.add("security.headers.https-redirect.http-port", () -> HTTP_PORT);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final String HSTS = "Strict-Transport-Security";

	@LocalServerPort
	int port;

	@Value("${sample.dev-certificate.path}")
	Path keyStore;

	@Test
	void apiHealthOverHttpsCarriesTheFirstStage() throws Exception {
		HttpResponse<String> response = get("api.example.test", "/v1/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
		assertThat(response.headers().allValues(HSTS)).containsExactly("max-age=300");
	}

	@Test
	void everyEndpointCarriesExactlyOneOfEachHeader() throws Exception {
		Map<String, Integer> statuses = Map.of("/", 200, "/docs", 200, "/v1/health", 200, "/v1/catalog", 200,
				"/v1/users/me", 401, "/v1/fail", 500, "/docs/no-such-page", 404);
		for (Map.Entry<String, Integer> expected : statuses.entrySet()) {
			HttpResponse<String> response = get("api.example.test", expected.getKey());
			String path = expected.getKey();
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
			assertThat(response.headers().allValues("Content-Security-Policy")).as(path).hasSize(1);
			assertThat(response.headers().allValues("Cache-Control")).as(path)
				.containsExactly(path.equals("/v1/catalog") ? "max-age=60, public" : "no-store");
		}
	}

	@Test
	void usersMeNeedsHttpBasic() throws Exception {
		HttpResponse<String> response = send("api.example.test", "/v1/users/me", "Authorization",
				"Basic " + Base64.getEncoder().encodeToString("demo:demo-password".getBytes(StandardCharsets.UTF_8)));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"name\":\"demo\"");
		assertThat(response.headers().allValues(HSTS)).containsExactly("max-age=300");
	}

	@Test
	void operatorsSeeTheLivePolicyBehindHttpBasic() throws Exception {
		assertThat(get("api.example.test", "/actuator/securityheaders").statusCode()).isEqualTo(401);
		assertThat(get("api.example.test", "/actuator/health").statusCode()).isEqualTo(200);
		String ops = "Basic " + Base64.getEncoder().encodeToString("ops:ops-password".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> report = send("api.example.test", "/actuator/securityheaders", "Authorization", ops);
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.body()).contains("\"header\":\"max-age=300\"")
			.contains("\"mode\":\"pinned\"")
			.contains("\"allowed\":[\"api.example.test\",\"*.example.test\",\"localhost\"]");
		HttpResponse<String> preview = send("api.example.test", "/actuator/securityheaders/evil.example.com",
				"Authorization", ops);
		assertThat(preview.body()).contains("\"status\":400").contains("\"rejected\":\"not-allowed\"");
		HttpResponse<String> gauge = send("api.example.test", "/actuator/metrics/security.headers.hsts.max-age",
				"Authorization", ops);
		assertThat(gauge.body()).contains("\"value\":300.0");
		HttpResponse<String> demo = send("api.example.test", "/actuator/securityheaders", "Authorization",
				"Basic " + Base64.getEncoder().encodeToString("demo:demo-password".getBytes(StandardCharsets.UTF_8)));
		assertThat(demo.statusCode()).isEqualTo(403);
	}

	@Test
	void docsPageCarriesTheSameFreshNonceInTheHeaderAndThePage() throws Exception {
		HttpResponse<String> first = get("api.example.test", "/docs");
		HttpResponse<String> second = get("api.example.test", "/docs");
		Matcher header = Pattern.compile("script-src 'nonce-([^']+)'")
			.matcher(first.headers().firstValue("Content-Security-Policy").orElseThrow());
		assertThat(header.find()).isTrue();
		assertThat(first.body()).contains("<script nonce=\"" + header.group(1) + "\">");
		assertThat(second.headers().firstValue("Content-Security-Policy").orElseThrow())
			.doesNotContain(header.group(1));
		assertThat(get("api.example.test", "/v1/health").headers().firstValue("Content-Security-Policy"))
			.hasValue("default-src 'none'; frame-ancestors 'none'");
	}

	@Test
	void aHostTheAppDoesNotServeGetsA400WithoutHsts() throws Exception {
		HttpResponse<String> response = get("evil.example.com", "/v1/health");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().allValues(HSTS)).isEmpty();
		assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
		assertThat(response.body()).doesNotContain("evil.example.com");
	}

	@Test
	void localhostGetsNoHeader() throws Exception {
		HttpResponse<String> response = get("localhost", "/v1/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues(HSTS)).isEmpty();
	}

	@Test
	void plainHttpIsRedirectedToHttpsWithoutTheHeader() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/v1/health?verbose=1"))
			.header("Host", "api.example.test:" + HTTP_PORT)
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
		return send(host, path);
	}

	private HttpResponse<String> send(String host, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path))
			.header("Host", host + ":" + this.port);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
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
