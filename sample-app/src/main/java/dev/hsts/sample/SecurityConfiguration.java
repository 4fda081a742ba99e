package dev.hsts.sample;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A realistic chain: the health check, the docs, the catalog and the demo failure are
 * public; everything else, such as {@code /v1/users/me}, needs HTTP Basic; the actuator
 * (but health) needs the {@code ops} user. The starter's headers need nothing here: the
 * application keeps its own security configuration, and still gets exactly one of each
 * header with the starter's values.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/docs", "/docs/**", "/v1/health", "/v1/catalog", "/v1/fail", "/error",
					"/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasRole("OPS")
			.anyRequest()
			.authenticated())
			.httpBasic(Customizer.withDefaults())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/**
	 * Two in-memory users: {@code demo} (the API; password {@code sample.user.password},
	 * default {@code demo-password}) and {@code ops} (the actuator; password
	 * {@code sample.ops.password}, default {@code ops-password}).
	 */
	@Bean
	UserDetailsService users(@Value("${sample.user.name:demo}") String name,
			@Value("${sample.user.password:demo-password}") String password,
			@Value("${sample.ops.password:ops-password}") String opsPassword) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new InMemoryUserDetailsManager(
				User.withUsername(name).password(encoder.encode(password)).roles("USER").build(),
				User.withUsername("ops").password(encoder.encode(opsPassword)).roles("OPS").build());
	}

}
