package dev.hsts.testkit;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.TestTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.hsts.testkit.SecurityHeadersAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The kit against a WebFlux application on Reactor Netty over real TLS, with
 * WebTestClient and the JDK's HttpClient; the application is named with
 * {@code withPolicyOf}, as a test that starts it itself does. A new client per request
 * (see {@link RunningReactiveApp#https()}).
 */
class ReactiveAssertionsOverTlsTest {

	private static RunningReactiveApp app;

	@BeforeAll
	static void start() {
		app = RunningReactiveApp.https(RunningReactiveApp.Server.NETTY, new Class<?>[] { TestApps.App.class },
				TestApps.POLICY);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	private static WebTestClient client() {
		return WebTestClient.bindToServer(new JdkClientHttpConnector(TestTls.get().client()))
			.baseUrl("https://localhost:" + app.port())
			.build();
	}

	private static HttpResponse<String> get(String path) throws Exception {
		return TestTls.get()
			.client()
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + app.port() + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void webTestClient() {
		EntityExchangeResult<String> home = client().get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		assertThat(home).withPolicyOf(app.context())
			.hasNoDuplicateSecurityHeaders()
			.hasSecurityHeadersFor("localhost")
			.hsts()
			.isEffective()
			.hasMaxAgeAtLeast(Duration.ofDays(1))
			.doesNotIncludeSubDomains()
			.isStage(2)
			.and()
			.csp()
			.directive("script-src")
			.usesNonce()
			.doesNotAllowUnsafeInline();
	}

	@Test
	void webTestClientFailures() {
		EntityExchangeResult<String> duplicates = client().get()
			.uri("/duplicates")
			.exchange()
			.expectBody(String.class)
			.returnResult();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(duplicates).hasNoDuplicateSecurityHeaders())
			.withMessage("Expecting the response to GET https://localhost:" + app.port()
					+ "/duplicates to carry each security header once, but"
					+ "\n  Cache-Control appears 2 times [no-store, public, max-age=60]: caches combine the"
					+ " directives of every field: no-store, public, max-age=60");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(duplicates).hsts().isStage(2))
			.withMessage("isStage(2) compares with the application's rollout plan, but no application is known: run"
					+ " the test as a @SpringBootTest (the kit finds its application), or name the application with"
					+ " assertThat(response).withPolicyOf(applicationContext)");
		EntityExchangeResult<String> legacy = client().get()
			.uri("/legacy/page")
			.exchange()
			.expectBody(String.class)
			.returnResult();
		assertThat(legacy).withPolicyOf(app.context()).hasSecurityHeadersFor("localhost");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(legacy).withPolicyOf(app.context()).hasSecurityHeadersFor("localhost", "/"))
			.withMessageContaining("Content-Security-Policy: the policy gives [default-src 'self'; script-src 'self'"
					+ " 'nonce-…'; object-src 'none'], the response has [default-src 'self' 'unsafe-inline']");
	}

	@Test
	void httpClient() throws Exception {
		HttpResponse<String> broken = get("/broken-hsts");
		assertThat(broken).hsts().isIgnored();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(broken).hsts().hasMaxAgeAtLeast(Duration.ofDays(1)))
			.withMessage("Expecting Strict-Transport-Security on the response to GET https://localhost:" + app.port()
					+ "/broken-hsts to be effective, but a browser ignores it: max-age appears twice"
					+ "\n  sent: Strict-Transport-Security: max-age=300; max-age=600");
		assertThat(get("/")).withPolicyOf(app.context()).hsts().isStage(2);
	}

}
