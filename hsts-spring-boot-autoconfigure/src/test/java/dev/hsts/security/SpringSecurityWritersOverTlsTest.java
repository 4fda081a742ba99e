package dev.hsts.security;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.hsts.test.Headers;
import dev.hsts.test.RunningApp;
import dev.hsts.servlet.HeadersEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.hsts.security.SpringSecurityWritersApplication.SEEN;
import static dev.hsts.security.SpringSecurityWritersApplication.STATIC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real TLS to embedded Tomcat, with header writers the application configured in
 * Spring Security itself: the starter takes Spring Security's header filter over (one
 * response wrapper instead of two), and every response still carries exactly one of each
 * of Spring Security's headers and of the starter's, written when Spring Security would
 * write them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringSecurityWritersOverTlsTest {

	static final String[] PROPERTIES = { "logging.level.org.apache.catalina.core=OFF",
			"logging.level.org.springframework.security=OFF" };

	RunningApp app;

	@BeforeAll
	void start() {
		this.app = RunningApp.https(new Class<?>[] { SpringSecurityWritersApplication.class }, PROPERTIES);
	}

	@AfterAll
	void stop() {
		this.app.close();
	}

	/** Method, path, request headers, status, the Cache-Control expected (null: none). */
	static Stream<Arguments> responses() {
		String[] none = new String[0];
		return Stream.concat(Stream.of(Arguments.of("GET", "/ok", none, 200, "no-store"),
				Arguments.of("GET", "/ok", new String[] { "Authorization", SpringSecurityOverTlsTest.USER }, 200,
						"no-store"),
				Arguments.of("GET", "/ok", new String[] { "Authorization", SpringSecurityOverTlsTest.basic("x") }, 401,
						"no-store"),
				Arguments.of("POST", "/ok", none, 403, "no-store"),
				Arguments.of("GET", "/reset", none, 200, "no-store")), HeadersEndpoints.responseKinds());
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@MethodSource("responses")
	void everyResponseCarriesExactlyOneOfSpringSecuritysHeadersAndOfTheStarters(String method, String path,
			String[] headers, int status, String cacheControl) {
		HttpResponse<String> response = this.app.https().send(method, "api.example.test", path, headers);
		assertThat(response.statusCode()).isEqualTo(status);
		Headers.assertExactlyOne(response, STATIC, "one");
		Headers.assertExactlyOne(response, "X-XSS-Protection", "0");
		assertThat(response.headers().allValues(SEEN)).hasSize(1);
		for (Map.Entry<String, String> header : Headers.DEFAULTS.entrySet()) {
			Headers.assertExactlyOne(response, header.getKey(), header.getValue());
		}
		Headers.assertCacheControl(response, cacheControl);
	}

	@Test
	void springSecuritysWritersRunWhenTheResponseCommitsInsideSpringSecuritysChain() {
		HttpResponse<String> response = this.app.https()
			.get("api.example.test", "/ok", "Authorization", SpringSecurityOverTlsTest.USER);
		Headers.assertExactlyOne(response, SEEN, "200 text/plain;charset=UTF-8 user");
		Headers.assertExactlyOne(this.app.https().get("api.example.test", "/ok"), SEEN,
				"200 text/plain;charset=UTF-8 anonymousUser");
	}

	@Test
	void springSecuritysWritersRunAfterAReset() {
		HttpResponse<String> response = this.app.https().get("api.example.test", "/reset");
		assertThat(response.body()).isEqualTo("after reset");
		Headers.assertExactlyOne(response, SEEN, "200 text/plain;charset=ISO-8859-1 anonymousUser");
	}

	@Test
	void springSecuritysWritersRunBeforeAnIncludeThatCommits() {
		HttpResponse<String> response = this.app.https().get("api.example.test", "/include");
		assertThat(response.body()).isEqualTo("committed early");
		// The content type the application set before the include: the writers ran before
		// it.
		Headers.assertExactlyOne(response, SEEN, "200 text/plain anonymousUser");
		Headers.assertExactlyOne(response, STATIC, "one");
		Headers.assertExactlyOne(response, "X-XSS-Protection", "0");
		for (Map.Entry<String, String> header : Headers.DEFAULTS.entrySet()) {
			Headers.assertExactlyOne(response, header.getKey(), header.getValue());
		}
	}

	@Test
	void theApplicationSeesOneHeaderWritingWrapperTheStarters() {
		List<String> wrappers = this.app.https().get("api.example.test", "/wrappers").body().lines().toList();
		assertThat(wrappers).containsOnlyOnce("dev.hsts.servlet.SecurityHeadersResponse")
			.noneMatch((wrapper) -> wrapper.startsWith("org.springframework.security.web.header."));
	}

	@Test
	void aChainWithOnlyHeadersTheStarterTookOverStartsAndSendsTheStartersHeaders() {
		try (RunningApp onlyManaged = RunningApp.https(new Class<?>[] { OnlyManagedHeadersApplication.class },
				PROPERTIES)) {
			HttpResponse<String> response = onlyManaged.https().get("api.example.test", "/ok");
			assertThat(response.statusCode()).isEqualTo(200);
			for (Map.Entry<String, String> header : Headers.DEFAULTS.entrySet()) {
				Headers.assertExactlyOne(response, header.getKey(), header.getValue());
			}
			Headers.assertCacheControl(response, "no-store");
			Headers.assertNone(response, "Pragma");
			// The starter's X-XSS-Protection (in the defaults), once.
		}
	}

}
