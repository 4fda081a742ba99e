package dev.hsts.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The usual single-page-application setup: Spring Security's CSRF token in a cookie
 * scripts can read ({@code CookieCsrfTokenRepository.withHttpOnlyFalse()}), which Angular
 * sends back as {@code X-XSRF-TOKEN}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CsrfCookieApplication.Endpoints.class)
public class CsrfCookieApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()));
		return http.build();
	}

	@RestController
	static class Endpoints {

		/** Reads the token, which makes Spring Security write its cookie. */
		@GetMapping("/csrf")
		String csrf(HttpServletRequest request) {
			CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			return token.getToken();
		}

	}

}
