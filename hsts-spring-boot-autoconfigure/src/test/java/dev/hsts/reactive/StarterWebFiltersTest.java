package dev.hsts.reactive;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.hsts.core.HttpsRedirectRule;
import dev.hsts.core.TrustedHosts;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StarterWebFilters#combineAdjacent(List)} on filter lists as a
 * {@code WebHttpHandlerBuilder} holds them: each run of two or more of the starter's
 * filters becomes one entry, in the same place and order; anything else keeps them apart.
 */
class StarterWebFiltersTest {

	private final SecurityHeadersWebFilter headers = new SecurityHeadersWebFilter(List.of());

	private final TrustedHostWebFilter hosts = new TrustedHostWebFilter(
			new TrustedHostExchangeCheck(TrustedHosts.of(List.of("api.example.test"), List.of())), List.of(),
			Clock.systemUTC());

	private final HttpsRedirectWebFilter redirect = new HttpsRedirectWebFilter(
			new HttpsRedirectRule(443, 301, 308, List.of()));

	private final WebFilter application = new ApplicationFilter();

	@Test
	void aRunOfTheStartersFiltersBecomesOneEntryInItsPlace() {
		List<WebFilter> filters = new ArrayList<>(List.of(this.application, this.headers, this.hosts, this.redirect));
		assertThat(StarterWebFilters.combineAdjacent(filters)).isTrue();
		assertThat(filters).hasSize(2);
		assertThat(filters.get(0)).isSameAs(this.application);
		StarterWebFilters entry = (StarterWebFilters) filters.get(1);
		assertThat(entry.getFilters()).containsExactly(this.headers, this.hosts, this.redirect);
		assertThat(entry.getOrder()).isEqualTo(SecurityHeadersWebFilter.DEFAULT_ORDER);
		assertThat(entry)
			.hasToString("dev.hsts.reactive.StarterWebFilters [dev.hsts.reactive.SecurityHeadersWebFilter, "
					+ "dev.hsts.reactive.TrustedHostWebFilter, dev.hsts.reactive.HttpsRedirectWebFilter]");
	}

	@Test
	void aFilterBetweenKeepsThemApartAndALoneOneStaysAsItIs() {
		List<WebFilter> filters = new ArrayList<>(List.of(this.headers, this.application, this.hosts, this.redirect));
		assertThat(StarterWebFilters.combineAdjacent(filters)).isTrue();
		assertThat(filters).hasSize(3);
		assertThat(filters.get(0)).isSameAs(this.headers);
		assertThat(filters.get(1)).isSameAs(this.application);
		assertThat(((StarterWebFilters) filters.get(2)).getFilters()).containsExactly(this.hosts, this.redirect);

		List<WebFilter> apart = new ArrayList<>(List.of(this.headers, this.application, this.hosts));
		assertThat(StarterWebFilters.combineAdjacent(apart)).isFalse();
		assertThat(apart).containsExactly(this.headers, this.application, this.hosts);
	}

	@Test
	void aSubclassThatOverridesFilterStaysAnEntryOfItsOwnOneThatDoesNotIsCombined() {
		TrustedHostWebFilter ownFilter = new TrustedHostWebFilter(this.hosts.getCheck(), List.of(), Clock.systemUTC()) {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
				return super.filter(exchange, chain);
			}

		};
		List<WebFilter> filters = new ArrayList<>(List.of(this.headers, ownFilter, this.redirect));
		assertThat(StarterWebFilters.combineAdjacent(filters)).isFalse();
		assertThat(filters).containsExactly(this.headers, ownFilter, this.redirect);

		TrustedHostWebFilter ownOrder = new TrustedHostWebFilter(this.hosts.getCheck(), List.of(), Clock.systemUTC()) {

			@Override
			public int getOrder() {
				return 7;
			}

		};
		List<WebFilter> combined = new ArrayList<>(List.of(ownOrder, this.redirect));
		assertThat(StarterWebFilters.combineAdjacent(combined)).isTrue();
		assertThat(combined).singleElement()
			.satisfies((entry) -> assertThat(((Ordered) entry).getOrder()).isEqualTo(7));
	}

	static final class ApplicationFilter implements WebFilter {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			return chain.filter(exchange);
		}

	}

}
