package dev.hsts.refresh;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.config.server.EnableConfigServer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A Spring Cloud Config Server as its users write it: {@link EnableConfigServer} and
 * properties ({@link FleetRefreshOverTlsTest} runs it with the native backend). Spring
 * Security is on this test's class path (the sample app needs it): the server answers
 * anyone, as a config server inside a private network does.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableConfigServer
class ConfigServerApplication {

	@Bean
	SecurityFilterChain configServerSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

}
