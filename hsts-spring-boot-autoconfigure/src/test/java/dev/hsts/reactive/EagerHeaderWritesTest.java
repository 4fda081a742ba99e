package dev.hsts.reactive;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.hsts.core.ContentSecurityPolicies;
import dev.hsts.core.ContentSecurityPolicy;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eager writers of {@link SecurityHeadersWebFilter}: on a response that has no header
 * yet, the fixed writers set their headers without looking for them first (a look-up by
 * name costs a hash of the name on Reactor Netty), but never where a writer before them
 * may have written the same header, and never over a header set before the filter. What
 * the response carries is the same as when every writer looks first: one value per
 * header, the first writer's or the earlier filter's.
 */
class EagerHeaderWritesTest {

	@Test
	void freshResponseGetsEveryFixedHeaderOnce() {
		HttpHeaders headers = filtered(null, new FixedHeaderExchangeWriter("X-Content-Type-Options", "nosniff"),
				new FixedHeaderExchangeWriter("X-Frame-Options", "DENY"));
		assertThat(ExchangeHeaders.lines(headers, "X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(ExchangeHeaders.lines(headers, "X-Frame-Options")).containsExactly("DENY");
	}

	@Test
	void headerSetBeforeTheFilterIsKept() {
		HttpHeaders headers = filtered("SAMEORIGIN", new FixedHeaderExchangeWriter("X-Content-Type-Options", "nosniff"),
				new FixedHeaderExchangeWriter("X-Frame-Options", "DENY"));
		assertThat(ExchangeHeaders.lines(headers, "X-Frame-Options")).containsExactly("SAMEORIGIN");
		assertThat(ExchangeHeaders.lines(headers, "X-Content-Type-Options")).containsExactly("nosniff");
	}

	@Test
	void secondFixedWriterOfTheSameHeaderLeavesTheFirstValue() {
		HttpHeaders headers = filtered(null, new FixedHeaderExchangeWriter("X-Frame-Options", "DENY"),
				new FixedHeaderExchangeWriter("x-frame-options", "SAMEORIGIN"));
		assertThat(ExchangeHeaders.lines(headers, "X-Frame-Options")).containsExactly("DENY");
	}

	@Test
	void fixedWriterAfterAnUnknownWriterLooksFirst() {
		ExchangeHeaderWriter own = (
				exchange) -> exchange.getResponse().getHeaders().set("X-Frame-Options", "SAMEORIGIN");
		HttpHeaders headers = filtered(null, own, new FixedHeaderExchangeWriter("X-Frame-Options", "DENY"));
		assertThat(ExchangeHeaders.lines(headers, "X-Frame-Options")).containsExactly("SAMEORIGIN");
	}

	@Test
	void fixedWriterOfACspHeaderAfterTheCspWriterLooksFirst() {
		ContentSecurityPolicy policy = ContentSecurityPolicy.parse("policy", "default-src 'none'");
		HttpHeaders headers = filtered(null, new FixedHeaderExchangeWriter("X-Frame-Options", "DENY"),
				new CspExchangeWriter(new ContentSecurityPolicies(policy, null, List.of())),
				new FixedHeaderExchangeWriter("Content-Security-Policy", "default-src *"),
				new FixedHeaderExchangeWriter("X-Content-Type-Options", "nosniff"));
		assertThat(ExchangeHeaders.lines(headers, "Content-Security-Policy")).containsExactly("default-src 'none'");
		assertThat(ExchangeHeaders.lines(headers, "X-Frame-Options")).containsExactly("DENY");
		assertThat(ExchangeHeaders.lines(headers, "X-Content-Type-Options")).containsExactly("nosniff");
	}

	/**
	 * The headers of a response that went through the filter with these writers and was
	 * completed; {@code frameOptions}, when not {@code null}, set before the filter.
	 */
	private static HttpHeaders filtered(String frameOptions, ExchangeHeaderWriter... writers) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("https://api.example.com/v1/health"));
		if (frameOptions != null) {
			exchange.getResponse().getHeaders().set("X-Frame-Options", frameOptions);
		}
		SecurityHeadersWebFilter filter = new SecurityHeadersWebFilter(List.of(writers));
		filter.filter(exchange, EagerHeaderWritesTest::complete).block();
		return exchange.getResponse().getHeaders();
	}

	private static Mono<Void> complete(ServerWebExchange exchange) {
		return exchange.getResponse().setComplete();
	}

}
