package dev.hsts.security;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux application with Spring Security. Without {@code test.chain-headers} it has
 * Spring Boot's default chain (every request authenticated, HTTP Basic); with it, a chain
 * of its own that lets {@code /public/**} through and configures its headers as the
 * property says ({@code form}: form login, with Spring Security's login and logout
 * pages).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class ReactiveChainApplication {

	@GetMapping({ "/public/hello", "/private/hello" })
	Mono<String> hello() {
		return Mono.just("hello");
	}

	@Bean
	@ConditionalOnProperty("test.chain-headers")
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http,
			org.springframework.core.env.Environment environment) {
		http.authorizeExchange(
				(exchanges) -> exchanges.pathMatchers("/public/**").permitAll().anyExchange().authenticated())
			.httpBasic((basic) -> {
			});
		switch (environment.getRequiredProperty("test.chain-headers")) {
			case "defaults" -> {
			}
			case "same-origin" -> http.headers((headers) -> headers
				.frameOptions((frame) -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.SAMEORIGIN)));
			case "disabled" -> http.headers(ServerHttpSecurity.HeaderSpec::disable);
			case "form" -> http.formLogin((form) -> {
			});
			case "xss-block" -> http.headers((headers) -> headers.xssProtection(
					(xss) -> xss.headerValue(XXssProtectionServerHttpHeadersWriter.HeaderValue.ENABLED_MODE_BLOCK)));
			case "xss-disabled" -> http.headers((headers) -> headers.xssProtection((xss) -> xss.disable()));
			default -> throw new IllegalArgumentException(environment.getRequiredProperty("test.chain-headers"));
		}
		return http.build();
	}

}
