package dev.hsts.benchmarks;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For the end-to-end benchmark's third variant on servlet
 * ({@code BENCH_WITHOUT_SAME_HEADERS=1}): sample-app without the starter, but with a
 * hand-written filter, ahead of Spring Security's, that sets the same nine headers the
 * starter sends on {@code GET /v1/health}, each only where absent. Spring Security's own
 * header writers still run and find their headers there. What sending these headers costs
 * at all, whoever writes them: the difference to the starter is the starter's own share.
 * Loaded into the stripped jar with {@code -Dloader.path=benchmarks/target/classes} and
 * on only with {@code --bench.same-headers=true}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("bench.same-headers")
public class SameHeadersServletFilterConfiguration {

	@Bean
	SameHeadersFilter sameHeadersFilter() {
		return new SameHeadersFilter();
	}

	/**
	 * The per-request benchmarks' {@link NaiveHeadersFilter} (set-if-absent), plus the
	 * {@code Content-Security-Policy} that sample-app's configuration adds to the
	 * starter's defaults. Boot registers it as a servlet filter of this order, before
	 * Spring Security's filter chain (-100).
	 */
	static final class SameHeadersFilter extends OncePerRequestFilter implements Ordered {

		private final NaiveHeadersFilter naive = new NaiveHeadersFilter(true);

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (!response.containsHeader("Content-Security-Policy")) {
				response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
			}
			this.naive.doFilter(request, response, chain);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE + 10;
		}

	}

}
