package dev.hsts.servlet;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.hsts.test.Headers;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named policies behind Spring Security's default chain, over real TLS: an authenticated
 * request gets its handler's policy once (Spring Security's own header writers stay out
 * of the headers the starter manages), a request Spring Security refuses before any
 * handler gets the defaults, and an error page keeps the handler's policy.
 */
class NamedPoliciesWithSpringSecurityOverTlsTest {

	static final String EMBED_CSP = "frame-ancestors https://partner.example; script-src 'nonce-{nonce}'";

	static final String USER = "Basic "
			+ Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.UTF_8));

	static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.https(new Class<?>[] { SecuredPoliciesApplication.class },
				"logging.level.org.apache.catalina.core=OFF", "logging.level.org.springframework.security=OFF",
				"spring.security.user.name=user", "spring.security.user.password=secret",
				"security.headers.content-security-policy.policy=default-src 'self'",
				"security.headers.policies.embeddable.frame-options=disabled",
				"security.headers.policies.embeddable.content-security-policy.policy=" + EMBED_CSP,
				"security.headers.policies.embeddable.cache-control.value=private, max-age=60",
				"security.headers.policies.strict.referrer-policy=same-origin",
				"security.headers.policies.strict.hsts.enabled=false");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void anAuthenticatedRequestGetsItsHandlersPolicyOnce() {
		HttpResponse<String> response = app.https().get("api.example.test", "/embed/class", "Authorization", USER);
		assertThat(response.statusCode()).isEqualTo(200);
		Headers.assertNone(response, Headers.FRAME_OPTIONS);
		String nonce = ContentSecurityPolicyOverTlsTest.nonce(Http.values(response, Headers.CSP));
		Headers.assertExactlyOne(response, Headers.CSP, EMBED_CSP.replace("{nonce}", nonce));
		Headers.assertExactlyOne(response, Headers.CONTENT_TYPE_OPTIONS, "nosniff");
		Headers.assertExactlyOne(response, Headers.HSTS, "max-age=300");
		Headers.assertCacheControl(response, "private, max-age=60");
	}

	@Test
	void theMethodPolicyWinsBehindSpringSecurityToo() {
		HttpResponse<String> response = app.https().get("api.example.test", "/embed/method", "Authorization", USER);
		Headers.assertExactlyOne(response, Headers.REFERRER_POLICY, "same-origin");
		Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
		Headers.assertNone(response, Headers.HSTS);
	}

	@Test
	void aRequestRefusedBeforeAnyHandlerGetsTheDefaults() {
		HttpResponse<String> response = app.https().get("api.example.test", "/embed/class");
		assertThat(response.statusCode()).isEqualTo(401);
		Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
		Headers.assertExactlyOne(response, Headers.CSP, "default-src 'self'");
		Headers.assertExactlyOne(response, Headers.HSTS, "max-age=300");
		Headers.assertCacheControl(response, "no-store");
	}

	@Test
	void anErrorPageKeepsTheHandlersPolicy() {
		HttpResponse<String> response = app.https().get("api.example.test", "/embed/fail", "Authorization", USER);
		assertThat(response.statusCode()).isEqualTo(500);
		Headers.assertNone(response, Headers.FRAME_OPTIONS);
		String nonce = ContentSecurityPolicyOverTlsTest.nonce(Http.values(response, Headers.CSP));
		Headers.assertExactlyOne(response, Headers.CSP, EMBED_CSP.replace("{nonce}", nonce));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ PoliciesApplication.EmbedController.class, PoliciesApplication.PlainController.class })
	static class SecuredPoliciesApplication {

	}

}
