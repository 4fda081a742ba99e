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
 * An application whose chain configures no header but ones the starter takes over from
 * Spring Security (Spring Security's defaults off, its Cache-Control and HSTS on): Spring
 * Security refuses to build a header filter with no writer, so this is what a user who
 * configured Spring Security's headers before adding the starter may have.
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
				.httpStrictTransportSecurity(Customizer.withDefaults()));
		return http.build();
	}

}
