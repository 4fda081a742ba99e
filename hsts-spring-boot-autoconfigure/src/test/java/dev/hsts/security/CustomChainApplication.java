package dev.hsts.security;

import dev.hsts.servlet.HeadersEndpoints;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application with its own {@link SecurityFilterChain}: public paths, an admin area,
 * HTTP Basic and form login, in-memory users, and a headers section of its own that
 * states Spring Security's default (frame options DENY) explicitly, as a real application
 * might have before adding the starter. It changes nothing for the starter. (A value of
 * its own, such as SAMEORIGIN, would stop the application:
 * {@link ChainHeaderChoicesTest}.)
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HeadersEndpoints.class)
public class CustomChainApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**", "/docs/**", "/error")
			.permitAll()
			.requestMatchers("/admin/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated())
			.httpBasic(Customizer.withDefaults())
			.formLogin(Customizer.withDefaults())
			.headers((headers) -> headers.frameOptions((frameOptions) -> frameOptions.deny()));
		return http.build();
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(User.withUsername("user").password("{noop}secret").roles("USER").build(),
				User.withUsername("admin").password("{noop}secret").roles("ADMIN").build());
	}

}
