package dev.hsts.starter;

import java.net.http.HttpResponse;

import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's dependencies do not include Micrometer (it is optional in the
 * autoconfigure module): the trusted-host check still works, it just counts nothing.
 */
class TrustedHostsWithoutMicrometerTest {

	@Test
	void refusesHostsNotServedWithoutMicrometerOnTheClassPath() {
		assertThat(ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", null)).isFalse();
		try (RunningApp app = RunningApp.https(new Class<?>[] { App.class },
				"security.headers.trusted-hosts.allowed=api.example.test")) {
			HttpResponse<String> served = app.https().get("api.example.test", "/hello");
			assertThat(served.statusCode()).isEqualTo(200);
			assertThat(Http.values(served, "Strict-Transport-Security")).containsExactly("max-age=300");
			HttpResponse<String> refused = app.https().get("evil.example.test", "/hello");
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(Http.values(refused, "Strict-Transport-Security")).isEmpty();
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
