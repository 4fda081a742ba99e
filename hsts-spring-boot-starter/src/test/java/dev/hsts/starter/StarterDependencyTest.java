package dev.hsts.starter;

import java.net.http.HttpResponse;

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
 * over plain HTTP. (Every other header, on every kind of response, without Spring
 * Security: {@link WithoutSpringSecurityTest}.)
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
