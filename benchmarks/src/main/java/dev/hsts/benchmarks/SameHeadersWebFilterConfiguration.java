package dev.hsts.benchmarks;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * For the end-to-end benchmark's third variant ({@code BENCH_WITHOUT_SAME_HEADERS=1}):
 * sample-webflux without the starter, but with a hand-written WebFilter that sets the
 * same nine headers the starter sends on {@code GET /v1/health}, each only where absent.
 * What sending these headers costs at all, whoever writes them: the difference to the
 * starter is the starter's own share. Loaded into the stripped jar with
 * {@code -Dloader.path=benchmarks/target/classes} and on only with
 * {@code --bench.same-headers=true}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty("bench.same-headers")
public class SameHeadersWebFilterConfiguration {

	@Bean
	WebFilter sameHeadersWebFilter() {
		return new SameHeadersWebFilter();
	}

	static final class SameHeadersWebFilter implements WebFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			set(headers, "X-Content-Type-Options", "nosniff");
			set(headers, "X-Frame-Options", "DENY");
			set(headers, "Referrer-Policy", "no-referrer");
			set(headers, "Permissions-Policy", "geolocation=(), microphone=(), camera=()");
			set(headers, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
			set(headers, "X-Permitted-Cross-Domain-Policies", "none");
			set(headers, "X-XSS-Protection", "0");
			if ("https".equals(exchange.getRequest().getURI().getScheme())) {
				set(headers, "Strict-Transport-Security", "max-age=300");
			}
			set(headers, "Cache-Control", "no-store");
			return chain.filter(exchange);
		}

		private static void set(HttpHeaders headers, String name, String value) {
			if (!headers.containsHeader(name)) {
				headers.set(name, value);
			}
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE + 10;
		}

	}

}
