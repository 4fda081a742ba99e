package dev.hsts.reactive;

import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * A WebFlux application without Spring Security that sets cookies in every way a reactive
 * application does: {@link ResponseCookie}s, raw {@code Set-Cookie} headers, response
 * entity headers, and the WebSession (no Spring Session).
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@Import(ReactiveCookiesApplication.Endpoints.class)
public class ReactiveCookiesApplication {

	/**
	 * The application's own session id resolver, which sends the {@code SESSION} cookie
	 * without a SameSite attribute (Spring's and Spring Boot's send {@code Lax}).
	 */
	@Configuration(proxyBeanMethods = false)
	static class SessionCookieWithoutSameSite {

		@Bean
		WebSessionIdResolver webSessionIdResolver() {
			CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
			resolver.addCookieInitializer((cookie) -> cookie.sameSite(null));
			return resolver;
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/cookies/bare")
		String bare(ServerHttpResponse response) {
			response.addCookie(ResponseCookie.from("obj", "1").build());
			response.getHeaders().add(HttpHeaders.SET_COOKIE, "hdr=1; Path=/");
			return "bare";
		}

		@GetMapping("/cookies/own-flags")
		String ownFlags(ServerHttpResponse response) {
			HttpHeaders headers = response.getHeaders();
			headers.add(HttpHeaders.SET_COOKIE, "own-secure=1; secure");
			headers.add(HttpHeaders.SET_COOKIE, "own-httponly=1; HTTPONLY");
			headers.add(HttpHeaders.SET_COOKIE, "own-none=1; SameSite=None; Secure");
			headers.add(HttpHeaders.SET_COOKIE, "own-strict=1; samesite=Strict");
			response.addCookie(ResponseCookie.from("obj-secure", "1").secure(true).build());
			response.addCookie(ResponseCookie.from("obj-httponly", "1").httpOnly(true).build());
			response.addCookie(ResponseCookie.from("obj-strict", "1").sameSite("Strict").build());
			return "own";
		}

		@GetMapping("/cookies/many")
		String many(ServerHttpResponse response) {
			response.addCookie(ResponseCookie.from("a", "1").build());
			response.addCookie(ResponseCookie.from("b", "2").build());
			response.getHeaders().add(HttpHeaders.SET_COOKIE, "c=3; Max-Age=60");
			response.getHeaders().add(HttpHeaders.SET_COOKIE, "d=4; Expires=Wed, 21 Oct 2037 07:28:00 GMT");
			// Two cookies of one name (different paths) stay two.
			response.addCookie(ResponseCookie.from("e", "5").path("/x").build());
			response.addCookie(ResponseCookie.from("e", "6").path("/y").build());
			return "many";
		}

		@GetMapping("/cookies/entity")
		ResponseEntity<String> entity() {
			return ResponseEntity.ok()
				.header(HttpHeaders.SET_COOKIE, ResponseCookie.from("f", "6").build().toString(),
						ResponseCookie.from("g", "7").httpOnly(true).build().toString())
				.body("entity");
		}

		@GetMapping("/cookies/session")
		Mono<String> session(WebSession session) {
			session.getAttributes().put("user", "u");
			return Mono.just("session");
		}

		@GetMapping("/cookies/xsrf")
		String xsrf(ServerHttpResponse response) {
			response.addCookie(ResponseCookie.from("XSRF-TOKEN", "t").path("/").build());
			response.getHeaders().add(HttpHeaders.SET_COOKIE, "widget=w");
			response.getHeaders().add(HttpHeaders.SET_COOKIE, "legacy=l");
			return "xsrf";
		}

	}

}
