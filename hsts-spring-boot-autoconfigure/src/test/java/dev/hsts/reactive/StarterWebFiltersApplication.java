package dev.hsts.reactive;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.hsts.core.RejectionReason;
import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A WebFlux application for {@link StarterWebFiltersOverTlsTest}: a handler that fails,
 * and an exception handler that keeps the last error, whose Reactor checkpoints name the
 * entries of the filter chain it passed (as an application's error log shows them). By
 * property: an application filter between the starter's header filter and its
 * trusted-host check ({@code test.filter-between}), or the application's own trusted-host
 * filter, one that overrides {@code filter} ({@code test.own-filter-method}) or one that
 * overrides only the problem ({@code test.own-problem}).
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@Import(StarterWebFiltersApplication.Endpoints.class)
public class StarterWebFiltersApplication {

	/** The last error an exchange ended with. */
	static final AtomicReference<Throwable> lastError = new AtomicReference<>();

	/**
	 * The filter-chain entries in the application's packages and the starter's that the
	 * last error passed, as its checkpoints name them, the innermost first.
	 */
	static List<String> checkpointsOfLastError() {
		Throwable error = lastError.get();
		return Arrays.stream(error.getSuppressed())
			.flatMap((suppressed) -> suppressed.getMessage().lines())
			.filter((line) -> line.contains("checkpoint") && line.contains("dev.hsts."))
			.map(String::strip)
			.toList();
	}

	@Bean
	@Order(-2)
	WebExceptionHandler lastErrorRecorder() {
		return (exchange, ex) -> {
			lastError.set(ex);
			return Mono.error(ex);
		};
	}

	/** A bean with the name of the starter's customizer: its filters stay apart. */
	@Bean("securityHeadersWebFilterChainCustomizer")
	@ConditionalOnBooleanProperty("test.own-customizer-name")
	Object ownCustomizerName() {
		return "the application's";
	}

	@Bean
	@ConditionalOnBooleanProperty("test.filter-between")
	WebFilter filterBetween() {
		return new FilterBetween();
	}

	@Bean
	@ConditionalOnBooleanProperty("test.own-filter-method")
	TrustedHostWebFilter ownFilterMethod(TrustedHostExchangeCheck check) {
		return new OwnFilterMethod(check);
	}

	@Bean
	@ConditionalOnBooleanProperty("test.own-problem")
	TrustedHostWebFilter ownProblem(TrustedHostExchangeCheck check) {
		return new OwnProblem(check);
	}

	/** Between the header filter and the trusted-host check: marks every response. */
	static final class FilterBetween implements WebFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			exchange.getResponse().getHeaders().set("X-Filter-Between", "ran");
			return chain.filter(exchange);
		}

		@Override
		public int getOrder() {
			return SecurityHeadersWebFilter.DEFAULT_ORDER + 5;
		}

	}

	/** A trusted-host filter whose {@code filter} marks every response first. */
	static final class OwnFilterMethod extends TrustedHostWebFilter {

		OwnFilterMethod(TrustedHostExchangeCheck check) {
			super(check, List.of(), Clock.systemUTC());
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			exchange.getResponse().getHeaders().set("X-Own-Filter-Method", "ran");
			return super.filter(exchange, chain);
		}

	}

	/** A trusted-host filter with a problem of its own. */
	static final class OwnProblem extends TrustedHostWebFilter {

		OwnProblem(TrustedHostExchangeCheck check) {
			super(check, List.of(), Clock.systemUTC());
		}

		@Override
		protected ProblemDetail problemFor(ServerWebExchange exchange, RejectionReason reason) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "This host is not ours.");
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("boom");
		}

		@GetMapping("/cookie")
		String cookie(ServerHttpResponse response) {
			response.addCookie(ResponseCookie.from("pref", "1").build());
			return "cookie";
		}

	}

}
