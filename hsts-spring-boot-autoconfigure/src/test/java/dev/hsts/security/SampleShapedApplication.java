package dev.hsts.security;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The shape the sample application takes for issue 3 (kept here so that the code handed
 * over is tested on both Boot lines): Spring Security with a realistic chain, a catalog
 * that sets its own Cache-Control, and a docs page under a strict CSP with a nonce.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ SampleShapedApplication.Security.class, SampleShapedApplication.Api.class })
public class SampleShapedApplication {

	static class Security {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/", "/v1/health", "/v1/catalog", "/docs", "/docs/**", "/error")
				.permitAll()
				.anyRequest()
				.authenticated())
				.httpBasic(Customizer.withDefaults())
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			return http.build();
		}

		@Bean
		UserDetailsService users(@Value("${sample.user.name:demo}") String name,
				@Value("${sample.user.password}") String password) {
			PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
			return new InMemoryUserDetailsManager(
					User.withUsername(name).password(encoder.encode(password)).roles("USER").build());
		}

	}

	@RestController
	static class Api {

		@GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
		String home() {
			return "hsts sample: see /docs";
		}

		@GetMapping("/v1/health")
		Map<String, String> health() {
			return Map.of("status", "UP");
		}

		@GetMapping("/v1/users/me")
		Map<String, String> me(Principal principal) {
			return Map.of("name", principal.getName());
		}

		/**
		 * Public data, identical for every client: the application chooses its own
		 * caching.
		 */
		@GetMapping("/v1/catalog")
		ResponseEntity<List<Map<String, String>>> catalog() {
			return ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
				.body(List.of(Map.of("id", "1", "name", "Tea"), Map.of("id", "2", "name", "Coffee")));
		}

		/** The API docs page; its inline script carries the request's CSP nonce. */
		@GetMapping(path = "/docs", produces = MediaType.TEXT_HTML_VALUE)
		String docs(HttpServletRequest request) {
			String nonce = HtmlUtils.htmlEscape(String.valueOf(request.getAttribute("cspNonce")));
			return "<!doctype html><html><head><title>API docs</title></head><body><h1>API docs</h1>"
					+ "<ul id=\"endpoints\"></ul><script nonce=\"" + nonce + "\">"
					+ "['GET /v1/health','GET /v1/catalog','GET /v1/users/me'].forEach(function (e) {"
					+ "var li = document.createElement('li'); li.textContent = e;"
					+ "document.getElementById('endpoints').appendChild(li); });</script></body></html>";
		}

	}

}
