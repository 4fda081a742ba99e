package dev.hsts.testkit;

import java.net.http.HttpResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Entry point of the test kit: assertions on the security headers of a response as a
 * browser reads them.
 *
 * <pre class="code">
 * assertThat(response).hsts().isEffective().hasMaxAgeAtLeast(Duration.ofDays(1)).doesNotIncludeSubDomains();
 * assertThat(response).hsts().isStage(2);
 * assertThat(response).csp().directive("script-src").usesNonce();
 * assertThat(response).hasNoDuplicateSecurityHeaders().hasSecurityHeadersFor("api.example.com");
 * </pre>
 *
 * Each client kind is read by a class of its own, loaded only when a test passes that
 * kind: a test with only Spring MVC, or only WebFlux, on its class path can use every
 * overload whose client it has.
 */
public final class SecurityHeadersAssertions {

	private SecurityHeadersAssertions() {
	}

	/**
	 * Assertions on a response of the JDK's {@link java.net.http.HttpClient}.
	 * @param response the response
	 * @return the assertions
	 */
	public static SecurityHeadersAssert assertThat(HttpResponse<?> response) {
		return new SecurityHeadersAssert(JdkResponses.headers(response));
	}

	/**
	 * Assertions on a {@link ResponseEntity}, as {@code TestRestTemplate} and
	 * {@code RestTemplate} return it.
	 * @param response the response
	 * @return the assertions
	 */
	public static SecurityHeadersAssert assertThat(ResponseEntity<?> response) {
		return new SecurityHeadersAssert(SpringResponses.headers(response));
	}

	/**
	 * Assertions on a {@code MockMvcTester} result. The application's policy (for
	 * {@code isStage} and {@code hasSecurityHeadersFor}) is the one MockMvc runs.
	 * @param result the result
	 * @return the assertions
	 */
	public static SecurityHeadersAssert assertThat(MvcTestResult result) {
		return new SecurityHeadersAssert(MockMvcResponses.headers(result));
	}

	/**
	 * Assertions on a {@code MockMvc} result ({@code mockMvc.perform(...).andReturn()}).
	 * @param result the result
	 * @return the assertions
	 */
	public static SecurityHeadersAssert assertThat(MvcResult result) {
		return new SecurityHeadersAssert(MockMvcResponses.headers(result));
	}

	/**
	 * Assertions on a {@code WebTestClient} exchange: the {@code EntityExchangeResult} of
	 * {@code returnResult()} or {@code expectBody(...).returnResult()}.
	 * @param result the exchange
	 * @return the assertions
	 */
	public static SecurityHeadersAssert assertThat(org.springframework.test.web.reactive.server.ExchangeResult result) {
		return new SecurityHeadersAssert(WebTestClientResponses.headers(result));
	}

	/**
	 * Assertions on a {@code RestTestClient} exchange: the {@code EntityExchangeResult}
	 * of {@code returnResult()} or {@code expectBody(...).returnResult()}.
	 * @param result the exchange
	 * @return the assertions
	 */
	public static SecurityHeadersAssert assertThat(org.springframework.test.web.servlet.client.ExchangeResult result) {
		return new SecurityHeadersAssert(RestTestClientResponses.headers(result));
	}

	/**
	 * Assertions on the headers of a response of any other client.
	 * @param headers the headers
	 * @return the assertions
	 */
	public static SecurityHeadersAssert assertThat(ResponseHeaders headers) {
		return new SecurityHeadersAssert(headers);
	}

	/**
	 * Assertions on a preload readiness check.
	 * @param check the check
	 * @return the assertions
	 */
	public static PreloadCheckAssert assertThat(PreloadCheck check) {
		return new PreloadCheckAssert(check);
	}

}
