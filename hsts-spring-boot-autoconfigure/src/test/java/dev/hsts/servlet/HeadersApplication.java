package dev.hsts.servlet;

import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Import;

/** An application without Spring Security, with the {@link HeadersEndpoints}. */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@Import(HeadersEndpoints.class)
public class HeadersApplication {

}
