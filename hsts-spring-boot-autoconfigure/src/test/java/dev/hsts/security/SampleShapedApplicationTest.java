package dev.hsts.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hsts.test.Headers;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application's shape, with the configuration handed over for its
 * application.yml.
 */
class SampleShapedApplicationTest {

	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	static final String DOCS_POLICY = "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.https(new Class<?>[] { SampleShapedApplication.class },
				"logging.level.org.apache.catalina.core=OFF", "sample.user.password=demo-password",
				"security.headers.content-security-policy.policy=" + API_POLICY,
				"security.headers.content-security-policy.path-policies[0].paths=/docs,/docs/**",
				"security.headers.content-security-policy.path-policies[0].policy=" + DOCS_POLICY);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	HttpResponse<String> get(String path, String... headers) {
		return app.https().send("GET", "api.example.test", path, headers);
	}

	@Test
	void publicAndProtectedEndpointsCarryTheHeaderSetOnce() {
		String user = "Basic "
				+ Base64.getEncoder().encodeToString("demo:demo-password".getBytes(StandardCharsets.UTF_8));
		for (HttpResponse<String> response : List.of(get("/"), get("/v1/health"), get("/v1/users/me"),
				get("/v1/users/me", "Authorization", user), get("/v1/missing", "Authorization", user))) {
			Headers.DEFAULTS.forEach((name, value) -> Headers.assertExactlyOne(response, name, value));
			Headers.assertExactlyOne(response, Headers.CSP, API_POLICY);
			Headers.assertExactlyOne(response, Headers.CACHE_CONTROL, "no-store");
			Headers.assertNone(response, "Pragma");
		}
		assertThat(get("/v1/users/me").statusCode()).isEqualTo(401);
		HttpResponse<String> me = get("/v1/users/me", "Authorization", user);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"demo\"");
	}

	@Test
	void theCatalogKeepsItsOwnCaching() {
		HttpResponse<String> response = get("/v1/catalog");
		assertThat(response.statusCode()).isEqualTo(200);
		Headers.assertExactlyOne(response, Headers.CACHE_CONTROL, "max-age=60, public");
		Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
	}

	@Test
	void theDocsPageRunsUnderTheStrictPolicyWithItsNonce() {
		HttpResponse<String> response = get("/docs");
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> csp = Http.values(response, Headers.CSP);
		assertThat(csp).hasSize(1);
		Matcher nonce = Pattern.compile("'nonce-([A-Za-z0-9_-]+)'").matcher(csp.get(0));
		assertThat(nonce.find()).isTrue();
		assertThat(csp.get(0)).isEqualTo(DOCS_POLICY.replace("{nonce}", nonce.group(1)));
		assertThat(response.body()).contains("<script nonce=\"" + nonce.group(1) + "\">");
	}

}
