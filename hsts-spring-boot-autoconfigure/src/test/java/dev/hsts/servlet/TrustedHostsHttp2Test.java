package dev.hsts.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.hsts.test.RunningApp;
import dev.hsts.test.TestTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/2 over TLS: there is no Host header on the wire, the host comes from the
 * {@code :authority} pseudo-header, which the check reads exactly like a Host header.
 */
class TrustedHostsHttp2Test {

	static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.https(new Class<?>[] { TrustedHostsApplication.class }, "server.http2.enabled=true",
				"security.headers.trusted-hosts.allowed=localhost,api.example.test");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	/**
	 * GET /host with {@code :authority} {@code host:port} (the certificate covers
	 * localhost, 127.0.0.1 and ::1).
	 */
	static HttpResponse<String> get(String host) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(TestTls.get().sslContext())
			.version(HttpClient.Version.HTTP_2)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + host + ":" + app.port() + "/host"))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void allowedAuthorityPasses() throws Exception {
		HttpResponse<String> response = get("localhost");
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("serverName=localhost");
	}

	@Test
	void authorityNotServedIsRefused() throws Exception {
		HttpResponse<String> response = get("127.0.0.1");
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

}
