package dev.hsts.benchmarks;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

	/**
	 * With {@code --bench.pass-through-filters=true}: two more WebFilters, of two more
	 * classes, that only pass each exchange on, where the starter's trusted-host and
	 * HTTPS-redirect filters sit. The app then has as many filters of as many classes in
	 * its chain as the app with the starter (three, against one), so that a comparison
	 * can tell the starter's work from what any third filter class costs a chain (the
	 * chain's call of {@code WebFilter.filter} sees one, two, or more classes).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("bench.pass-through-filters")
	static class PassThroughFilters {

		@Bean
		WebFilter passThroughFilterOne() {
			return new PassThroughOne();
		}

		@Bean
		WebFilter passThroughFilterTwo() {
			return new PassThroughTwo();
		}

	}

	/**
	 * Passes every exchange on. Each place in the chain gets a class of its own (the
	 * subclasses), as each of the starter's filters is one.
	 */
	abstract static class PassThrough implements WebFilter, Ordered {

		private final int order;

		PassThrough(int order) {
			this.order = order;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			return chain.filter(exchange);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	/** In the trusted-host filter's place. */
	static final class PassThroughOne extends PassThrough {

		PassThroughOne() {
			super(Ordered.HIGHEST_PRECEDENCE + 20);
		}

	}

	/** In the HTTPS-redirect filter's place. */
	static final class PassThroughTwo extends PassThrough {

		PassThroughTwo() {
			super(Ordered.HIGHEST_PRECEDENCE + 30);
		}

	}

	/**
	 * The per-request benchmarks' {@link NaiveHeadersWebFilter} (set-if-absent), plus the
	 * {@code Content-Security-Policy} that sample-webflux's configuration adds to the
	 * starter's defaults.
	 */
	static final class SameHeadersWebFilter implements WebFilter, Ordered {

		private final NaiveHeadersWebFilter naive = new NaiveHeadersWebFilter(true);

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			if (!headers.containsHeader("Content-Security-Policy")) {
				headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
			}
			return this.naive.filter(exchange, chain);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE + 10;
		}

	}

}
