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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

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
 * The sample as a user runs it: HTTPS with the development certificate it makes on first start, and the
 * first rollout stage on every response for a real host name, none for localhost.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.dev-certificate.path=target/test-dev-certificate/sample-app.p12",
				"server.address=127.0.0.1" })
class SampleApplicationTest {

	private static final int HTTP_PORT = freePort();

	@DynamicPropertySource
	static void plainPort(DynamicPropertyRegistry registry) {
		registry.add("sample.http-port", () -> HTTP_PORT);
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
	void everyEndpointCarriesTheHeaderExactlyOnce() throws Exception {
		for (String path : new String[] { "/", "/docs", "/v1/users/me", "/v1/fail", "/no-such-page" }) {
			HttpResponse<String> response = get("api.example.test", path);
			assertThat(response.headers().allValues(HSTS)).as(path).containsExactly("max-age=300");
		}
		assertThat(get("api.example.test", "/v1/fail").statusCode()).isEqualTo(500);
		assertThat(get("api.example.test", "/docs").body()).contains("<h1>hsts-spring-boot-starter sample</h1>");
	}

	@Test
	void localhostGetsNoHeader() throws Exception {
		HttpResponse<String> response = get("localhost", "/v1/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues(HSTS)).isEmpty();
	}

	@Test
	void plainHttpIsRedirectedToHttpsWithoutTheHeader() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/v1/health?verbose=1"))
			.header("Host", "api.example.test:" + HTTP_PORT)
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(301);
		assertThat(response.headers().firstValue("Location")).hasValue("https://api.example.test:8443/v1/health?verbose=1");
		assertThat(response.headers().allValues(HSTS)).isEmpty();
	}

	@Test
	void theDevelopmentCertificateWasMade() {
		assertThat(this.keyStore).exists();
	}

	private HttpResponse<String> get(String host, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path))
			.header("Host", host + ":" + this.port)
			.build();
		return client().send(request, HttpResponse.BodyHandlers.ofString());
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
