package dev.hsts.servlet;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application for the trusted-host tests: its endpoints say which host they saw, and
 * an application filter that runs right after the trusted-host filter (as Spring Security
 * would) marks every response it touches, so a test can tell that no application code ran
 * for a refused request.
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@Import(TrustedHostsApplication.Endpoints.class)
public class TrustedHostsApplication {

	/** How many requests reached a controller. */
	static final AtomicInteger controllerCalls = new AtomicInteger();

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	FilterRegistrationBean<Filter> applicationFilter() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			((HttpServletResponse) response).setHeader("X-App-Filter", "ran");
			chain.doFilter(request, response);
		});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
		return registration;
	}

	@RestController
	static class Endpoints {

		@GetMapping({ "/host", "/health/live", "/healthy", "/private" })
		String host(HttpServletRequest request) {
			controllerCalls.incrementAndGet();
			return "serverName=" + request.getServerName();
		}

	}

}
