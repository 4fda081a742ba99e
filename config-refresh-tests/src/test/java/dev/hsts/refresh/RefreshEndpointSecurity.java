package dev.hsts.refresh;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What an operator adds to the sample app to refresh it over HTTP: the sample's own
 * filter chain protects the actuator with HTTP Basic as user {@code ops} but keeps Spring
 * Security's CSRF protection on, which refuses every {@code POST} without a CSRF token,
 * {@code POST /actuator/refresh} included (403). This chain, ordered before the sample's,
 * asks for the same user and role on {@code /actuator/refresh} and
 * {@code /actuator/busrefresh} without a CSRF token (HTTP Basic, no session, no cookie:
 * nothing for a cross-site request to ride on).
 */
@Configuration(proxyBeanMethods = false)
class RefreshEndpointSecurity {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain refreshEndpoints(HttpSecurity http) throws Exception {
		http.securityMatcher("/actuator/refresh", "/actuator/busrefresh")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("OPS"))
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
