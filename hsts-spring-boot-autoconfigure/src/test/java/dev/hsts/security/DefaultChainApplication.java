package dev.hsts.security;

import dev.hsts.servlet.HeadersEndpoints;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * An application with Spring Security and Spring Boot's default chain (every request
 * authenticated, form login and HTTP Basic, the user from
 * {@code spring.security.user.*}), and no security configuration of its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HeadersEndpoints.class)
public class DefaultChainApplication {

}
