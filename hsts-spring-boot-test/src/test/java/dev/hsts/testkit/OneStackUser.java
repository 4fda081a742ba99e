package dev.hsts.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import static dev.hsts.testkit.SecurityHeadersAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a user's test with only the JDK client does, run by {@link OneWebStackTest} in a
 * class loader that hides the other clients.
 */
public class OneStackUser implements Runnable {

	@Override
	public void run() {
		HttpResponse<String> response = new Response(Map.of("Strict-Transport-Security", List.of("max-age=86400"),
				"Content-Security-Policy", List.of("script-src 'nonce-abc'")));
		assertThat(response).hasNoDuplicateSecurityHeaders()
			.hsts()
			.isEffective()
			.hasMaxAge(Duration.ofDays(1))
			.and()
			.csp()
			.directive("script-src")
			.usesNonce();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(response).hsts().isStage(2))
			.withMessageContaining("no application is known");
	}

	private record Response(Map<String, List<String>> fields) implements HttpResponse<String> {

		@Override
		public int statusCode() {
			return 200;
		}

		@Override
		public HttpRequest request() {
			return HttpRequest.newBuilder(URI.create("https://example.test/")).build();
		}

		@Override
		public Optional<HttpResponse<String>> previousResponse() {
			return Optional.empty();
		}

		@Override
		public HttpHeaders headers() {
			return HttpHeaders.of(this.fields, (name, value) -> true);
		}

		@Override
		public String body() {
			return "";
		}

		@Override
		public Optional<SSLSession> sslSession() {
			return Optional.empty();
		}

		@Override
		public URI uri() {
			return request().uri();
		}

		@Override
		public HttpClient.Version version() {
			return HttpClient.Version.HTTP_1_1;
		}

	}

}
