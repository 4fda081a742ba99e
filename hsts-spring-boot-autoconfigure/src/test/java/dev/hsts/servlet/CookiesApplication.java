package dev.hsts.servlet;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application without Spring Security that sets cookies in every way a servlet
 * application does: {@code addCookie}, {@code addHeader} and {@code setHeader} of
 * {@code Set-Cookie}, a {@code ResponseEntity} header, and the session.
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@Import(CookiesApplication.Endpoints.class)
public class CookiesApplication {

	@RestController
	static class Endpoints {

		/** One cookie object and one header, neither with a flag. */
		@GetMapping("/cookies/bare")
		String bare(HttpServletResponse response) {
			response.addCookie(new Cookie("obj", "1"));
			response.addHeader("Set-Cookie", "hdr=1; Path=/");
			return "bare";
		}

		@GetMapping("/cookies/set-header")
		String setHeader(HttpServletResponse response) {
			response.setHeader("Set-Cookie", "set=1");
			return "set";
		}

		/** Cookies that each carry one flag of their own (or all of them). */
		@GetMapping("/cookies/own-flags")
		String ownFlags(HttpServletResponse response) {
			response.addHeader("Set-Cookie", "own-secure=1; secure");
			response.addHeader("Set-Cookie", "own-httponly=1; HTTPONLY");
			response.addHeader("Set-Cookie", "own-none=1; SameSite=None; Secure");
			response.addHeader("Set-Cookie", "own-strict=1; samesite=Strict");
			Cookie secure = new Cookie("obj-secure", "1");
			secure.setSecure(true);
			response.addCookie(secure);
			Cookie httpOnly = new Cookie("obj-httponly", "1");
			httpOnly.setHttpOnly(true);
			response.addCookie(httpOnly);
			Cookie strict = new Cookie("obj-strict", "1");
			strict.setAttribute("SameSite", "Strict");
			response.addCookie(strict);
			return "own";
		}

		/** Five cookies, set three ways, on one response. */
		@GetMapping("/cookies/many")
		String many(HttpServletResponse response) {
			response.addCookie(new Cookie("a", "1"));
			response.addCookie(new Cookie("b", "2"));
			response.addHeader("Set-Cookie", "c=3; Max-Age=60");
			response.addHeader("Set-Cookie", "d=4; Expires=Wed, 21 Oct 2037 07:28:00 GMT");
			response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from("e", "5").path("/x").build().toString());
			return "many";
		}

		/** Cookies as response entity headers (which replace those added before). */
		@GetMapping("/cookies/entity")
		ResponseEntity<String> entity() {
			return ResponseEntity.ok()
				.header(HttpHeaders.SET_COOKIE, ResponseCookie.from("f", "6").build().toString(),
						ResponseCookie.from("g", "7").httpOnly(true).build().toString())
				.body("entity");
		}

		@GetMapping("/cookies/session")
		String session(HttpServletRequest request) {
			request.getSession(true).setAttribute("user", "u");
			return "session";
		}

		/** Spring Security's CSRF cookie as an SPA reads it, and one more cookie. */
		@GetMapping("/cookies/xsrf")
		String xsrf(HttpServletResponse response) {
			response.addCookie(new Cookie("XSRF-TOKEN", "t"));
			response.addHeader("Set-Cookie", "widget=w");
			response.addHeader("Set-Cookie", "legacy=l");
			return "xsrf";
		}

	}

}
