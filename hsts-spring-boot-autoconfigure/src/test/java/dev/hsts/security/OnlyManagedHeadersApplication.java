package dev.hsts.security;

import dev.hsts.servlet.HeadersEndpoints;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application whose chain configures no header but the ones the starter manages, each
 * with Spring Security's default (Spring Security's defaults off, then its Cache-Control,
 * X-Content-Type-Options, X-Frame-Options, HSTS and X-XSS-Protection on): every header
 * Spring Security writes is one the starter writes instead, so Spring Security's header
 * filter writes nothing.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HeadersEndpoints.class)
public class OnlyManagedHeadersApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.headers((headers) -> headers.defaultsDisabled()
				.cacheControl(Customizer.withDefaults())
				.contentTypeOptions(Customizer.withDefaults())
				.frameOptions(Customizer.withDefaults())
				.httpStrictTransportSecurity(Customizer.withDefaults())
				.xssProtection(Customizer.withDefaults()));
		return http.build();
	}

}
