package dev.hsts.starter;

import java.net.http.HttpResponse;

import java.util.Map;

import dev.hsts.test.Headers;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user gets from the one dependency: an application with this starter and the web
 * starter, and no configuration, sends the first rollout stage over HTTPS, and nothing
 * over plain HTTP.
 */
class StarterDependencyTest {

	@Test
	void oneDependencyGivesTheFirstStageOverHttps() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { App.class })) {
			HttpResponse<String> response = app.https().get("api.example.test", "/hello");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(Http.values(response, "Strict-Transport-Security")).containsExactly("max-age=300");
		}
	}

	/**
	 * Only spring-security-web is on this module's classpath (no Spring Security
	 * configuration): the same headers, with the same values, as with Spring Security.
	 */
	@Test
	void withoutSpringSecurityEveryResponseGetsTheWholeDefaultSet() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { App.class },
				"logging.level.org.apache.catalina.core=OFF")) {
			assertThat(app.context()
				.getClassLoader()
				.getResource("org/springframework/security/config/annotation/web/builders/HttpSecurity.class"))
				.isNull();
			for (String path : new String[] { "/hello", "/missing" }) {
				HttpResponse<String> response = app.https().get("api.example.test", path);
				for (Map.Entry<String, String> header : Headers.DEFAULTS.entrySet()) {
					Headers.assertExactlyOne(response, header.getKey(), header.getValue());
				}
				Headers.assertExactlyOne(response, Headers.CACHE_CONTROL, "no-store");
				for (String header : Headers.OFF_BY_DEFAULT) {
					Headers.assertNone(response, header);
				}
			}
		}
	}

	@Test
	void plainHttpGetsNoHeader() {
		try (RunningApp app = RunningApp.plain(new Class<?>[] { App.class })) {
			HttpResponse<String> response = app.plain().get("api.example.test", "/hello");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(Http.values(response, "Strict-Transport-Security")).isEmpty();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
