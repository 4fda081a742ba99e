package dev.hsts.reactive;

import java.util.concurrent.atomic.AtomicInteger;

import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A WebFlux application for the trusted-host tests: its endpoints say which host they saw
 * (the host of the request URI, as WebFlux builds it), and an application filter that
 * runs right after the trusted-host filter (as Spring Security would) marks every
 * response it touches, so a test can tell that no application code ran for a refused
 * request. The reactive counterpart of {@code dev.hsts.servlet.TrustedHostsApplication}.
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@Import(ReactiveTrustedHostsApplication.Endpoints.class)
public class ReactiveTrustedHostsApplication {

	/** How many requests reached a controller. */
	static final AtomicInteger controllerCalls = new AtomicInteger();

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	WebFilter applicationFilter() {
		return new ApplicationFilter();
	}

	static final class ApplicationFilter implements WebFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			exchange.getResponse().getHeaders().set("X-App-Filter", "ran");
			return chain.filter(exchange);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE + 21;
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping({ "/host", "/health/live", "/healthy", "/private" })
		String host(ServerHttpRequest request) {
			controllerCalls.incrementAndGet();
			return "serverName=" + request.getURI().getHost();
		}

		/**
		 * What an application handler finds in the exchange attribute the starter
		 * documents for the trusted-host verdict (on an exempt path, so a refused host
		 * reaches it).
		 */
		@GetMapping("/health/verdict")
		String verdict(ServerWebExchange exchange) {
			return "verdict=" + exchange.getAttribute(TrustedHostExchangeCheck.VERDICT_ATTRIBUTE);
		}

	}

}
