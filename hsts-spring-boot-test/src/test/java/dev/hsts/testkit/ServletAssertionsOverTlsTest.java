package dev.hsts.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.hsts.test.TestTls;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.hsts.testkit.SecurityHeadersAssertions.assertThat;
import static dev.hsts.testkit.SecurityHeadersResultMatchers.cspDoesNotAllowUnsafeInline;
import static dev.hsts.testkit.SecurityHeadersResultMatchers.hstsEffective;
import static dev.hsts.testkit.SecurityHeadersResultMatchers.hstsStage;
import static dev.hsts.testkit.SecurityHeadersResultMatchers.noDuplicateSecurityHeaders;
import static dev.hsts.testkit.SecurityHeadersResultMatchers.securityHeadersFor;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The kit in a user's {@code @SpringBootTest} on Tomcat over real TLS, with each servlet
 * client kind: the JDK's HttpClient, TestRestTemplate, RestTestClient, MockMvcTester and
 * MockMvc's matchers. {@code isStage} and {@code hasSecurityHeadersFor} find the
 * application by themselves. Each failing example asserts the message a user reads.
 */
@SpringBootTest(classes = TestApps.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ServletAssertionsOverTlsTest {

	@DynamicPropertySource
	static void policyAndTls(DynamicPropertyRegistry registry) {
		TestSupport.register(registry, TestApps.POLICY);
		TestSupport.register(registry, TestTls.get().serverProperties().toArray(new String[0]));
		TestSupport.register(registry, "server.address=127.0.0.1");
	}

	@LocalServerPort
	int port;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MockMvc mockMvc;

	private HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
		return TestTls.get()
			.client()
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void httpClient() throws Exception {
		assertThat(fetch("/")).hsts()
			.isEffective()
			.hasMaxAgeAtLeast(Duration.ofDays(1))
			.doesNotIncludeSubDomains()
			.isStage(2)
			.and()
			.csp()
			.directive("script-src")
			.usesNonce()
			.and()
			.doesNotAllowUnsafeInline("script-src")
			.and()
			.hasNoDuplicateSecurityHeaders()
			.hasSecurityHeadersFor("localhost");
	}

	@Test
	void httpClientFailures() throws Exception {
		HttpResponse<String> broken = fetch("/broken-hsts");
		assertThat(broken).hsts().isIgnored().isIgnoredBecause("max-age appears twice");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(broken).hsts().isEffective())
			.withMessage("Expecting Strict-Transport-Security on the response to GET https://localhost:" + this.port
					+ "/broken-hsts to be effective, but a browser ignores it: max-age appears twice"
					+ "\n  sent: Strict-Transport-Security: max-age=300; max-age=600");
		HttpResponse<String> home = fetch("/");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(home).hsts().isStage(3))
			.withMessageStartingWith("Expecting Strict-Transport-Security on the response to GET https://localhost:"
					+ this.port + "/ to be stage 3 of 3 (max-age=31536000), but browsers record max-age=86400 (stage 2)"
					+ "\n  the plan: 1: max-age=300 → 2: max-age=86400 → 3: max-age=31536000");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(home).hsts().hasMaxAgeAtLeast(Duration.ofDays(365)))
			.withMessageContaining(
					"to have a max-age of at least 31536000 (365 days), but browsers keep" + " max-age=86400 (1 day)");
	}

	@Test
	void testRestTemplate() {
		TestRestTemplate rest = new TestRestTemplate(
				new RestTemplateBuilder().requestFactory(() -> new JdkClientHttpRequestFactory(TestTls.get().client()))
					.rootUri("https://localhost:" + this.port));
		ResponseEntity<String> home = rest.getForEntity("/", String.class);
		assertThat(home).hsts().isStage(2).and().hasNoDuplicateSecurityHeaders();
		ResponseEntity<String> duplicates = rest.getForEntity("/duplicates", String.class);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(duplicates).hasNoDuplicateSecurityHeaders())
			.withMessage("Expecting the response (200 OK) to carry each security header once, but"
					+ "\n  Cache-Control appears 2 times [no-store, public, max-age=60]: caches combine the"
					+ " directives of every field: no-store, public, max-age=60");
	}

	@Test
	void restTestClient() {
		RestTestClient client = RestTestClient.bindToServer(new JdkClientHttpRequestFactory(TestTls.get().client()))
			.baseUrl("https://localhost:" + this.port)
			.build();
		EntityExchangeResult<String> home = client.get().uri("/").exchange().expectBody(String.class).returnResult();
		assertThat(home).hsts().isStage(2).and().csp().directive("script-src").usesNonce();
		EntityExchangeResult<String> legacy = client.get()
			.uri("/legacy/page")
			.exchange()
			.expectBody(String.class)
			.returnResult();
		assertThat(legacy).hasSecurityHeadersFor("localhost");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(legacy).csp().doesNotAllowUnsafeInline("script-src"))
			.withMessage("Expecting script-src in Content-Security-Policy on the response to GET https://localhost:"
					+ this.port + "/legacy/page to block inline code, but a browser runs it: script-src is absent, so"
					+ " default-src 'self' 'unsafe-inline' applies"
					+ "\n  sent: Content-Security-Policy: default-src 'self' 'unsafe-inline'");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(legacy).csp().directive("script-src").usesNonce())
			.withMessageContaining("to use a nonce, but no policy has one in effect: script-src is absent, so"
					+ " default-src 'self' 'unsafe-inline' applies");
	}

	@Test
	void mockMvcTester() {
		MvcTestResult home = this.mvc.get().uri("/").secure(true).exchange();
		assertThat(home).hsts()
			.isStage(2)
			.and()
			.hasSecurityHeadersFor("localhost")
			.csp()
			.doesNotAllowUnsafeInline("script-src");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(home).hasSecurityHeadersFor("excluded.example.test"))
			.withMessage("Expecting the response to GET https://localhost/ to carry the security headers the policy of"
					+ " the application gives excluded.example.test (GET /, status 200), but"
					+ "\n  Strict-Transport-Security: the policy gives none, the response has [max-age=86400]");
		MvcTestResult api = this.mvc.get().uri("https://api.example.test/").exchange();
		assertThat(api).hsts().isEffective().isStage(2).and().hasSecurityHeadersFor("api.example.test");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(api).hsts().isIgnored())
			.withMessage("Expecting Strict-Transport-Security on the response to GET https://api.example.test/ to be"
					+ " ignored by browsers, but they record it: effective: max-age=86400"
					+ "\n  sent: Strict-Transport-Security: max-age=86400");
		MvcTestResult plain = this.mvc.get().uri("/").exchange();
		assertThat(plain).hsts().isAbsent();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(plain).hsts().isStage(2))
			.withMessage("Expecting Strict-Transport-Security on the response to GET http://localhost/ to be stage 2"
					+ " of 3 (max-age=86400), but the response has no Strict-Transport-Security header");
	}

	@Test
	void mockMvcResultMatchers() throws Exception {
		this.mockMvc.perform(get("/").secure(true))
			.andExpect(hstsEffective())
			.andExpect(hstsStage(2))
			.andExpect(noDuplicateSecurityHeaders())
			.andExpect(securityHeadersFor("localhost"))
			.andExpect(cspDoesNotAllowUnsafeInline("script-src"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.mockMvc.perform(get("/broken-hsts").secure(true)).andExpect(hstsEffective()))
			.withMessage("Expecting Strict-Transport-Security on the response to GET https://localhost/broken-hsts"
					+ " to be effective, but a browser ignores it: max-age appears twice"
					+ "\n  sent: Strict-Transport-Security: max-age=300; max-age=600");
	}

}
