package dev.hsts.reactive;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.hsts.core.ContentSecurityPolicies;
import dev.hsts.core.ContentSecurityPolicy;
import dev.hsts.core.CspPathPolicy;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.PathPatterns;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eager writers of {@link SecurityHeadersWebFilter}: on a response that has no header
 * yet, the fixed writers set their headers without looking for them first (a look-up by
 * name costs a hash of the name on Reactor Netty), but never where a writer before them
 * may have written the same header, and never over a header set before the filter. What
 * the response carries is the same as when every writer looks first: one value per
 * header, the first writer's or the earlier filter's. The same for the HSTS writer and
 * the CSP writer on a fresh response, and at commit for the Cache-Control default and for
 * the CSP writer, which run again only where a header of theirs is missing.
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

	@Test
	void cspWriterAfterAFixedWriterOfTheCspHeaderLooksFirst() {
		HttpHeaders headers = filtered(null, new FixedHeaderExchangeWriter("Content-Security-Policy", "default-src *"),
				csp(CSP, null));
		assertThat(ExchangeHeaders.lines(headers, "Content-Security-Policy")).containsExactly("default-src *");
	}

	@Test
	void cspHeaderTheApplicationRemovedIsWrittenAgainAtCommit() {
		HttpHeaders headers = removedByApplication("Content-Security-Policy", csp(CSP, null));
		assertThat(ExchangeHeaders.lines(headers, "Content-Security-Policy")).containsExactly("default-src 'none'");
	}

	@Test
	void reportOnlyHeaderTheApplicationRemovedIsWrittenAgainAtCommit() {
		HttpHeaders headers = removedByApplication("Content-Security-Policy-Report-Only", csp(CSP, CSP_REPORT_ONLY));
		assertThat(ExchangeHeaders.lines(headers, "Content-Security-Policy")).containsExactly("default-src 'none'");
		assertThat(ExchangeHeaders.lines(headers, "Content-Security-Policy-Report-Only"))
			.containsExactly("default-src 'self'");
	}

	@Test
	void hstsOnAFreshSecureResponseOnce() {
		HttpHeaders headers = filtered(null, new StagedHstsExchangeWriter(HstsPolicy.builder().build(), CLOCK),
				new FixedHeaderExchangeWriter("X-Frame-Options", "DENY"));
		assertThat(ExchangeHeaders.lines(headers, "Strict-Transport-Security")).containsExactly("max-age=300");
	}

	@Test
	void hstsWriterSubclassWritesAsItSays() {
		StagedHstsExchangeWriter own = new StagedHstsExchangeWriter(HstsPolicy.builder().build(), CLOCK) {

			@Override
			public void writeHeaders(ServerWebExchange exchange) {
				exchange.getResponse().getHeaders().set("Strict-Transport-Security", "max-age=1");
			}

		};
		HttpHeaders headers = filtered(null, own);
		assertThat(ExchangeHeaders.lines(headers, "Strict-Transport-Security")).containsExactly("max-age=1");
	}

	@Test
	void cacheControlDefaultOnlyWhereTheApplicationChoseNone() {
		CacheControlDefaultExchangeWriter cacheControl = new CacheControlDefaultExchangeWriter("no-store",
				PathPatterns.none());
		assertThat(ExchangeHeaders.lines(filtered(null, cacheControl), "Cache-Control")).containsExactly("no-store");
		MockServerWebExchange chose = filter(null, (exchange) -> {
			exchange.getResponse().getHeaders().add("Cache-Control", "max-age=60");
			return exchange.getResponse().setComplete();
		}, cacheControl);
		assertThat(ExchangeHeaders.lines(chose.getResponse().getHeaders(), "Cache-Control"))
			.containsExactly("max-age=60");
		MockServerWebExchange notModified = filter(null, (exchange) -> {
			exchange.getResponse().setStatusCode(HttpStatus.NOT_MODIFIED);
			return exchange.getResponse().setComplete();
		}, cacheControl);
		assertThat(ExchangeHeaders.lines(notModified.getResponse().getHeaders(), "Cache-Control")).isEmpty();
	}

	@Test
	void cacheControlDefaultAfterAFixedWriterOfCacheControlWhichTheApplicationRemoved() {
		HttpHeaders headers = removedByApplication("Cache-Control",
				new FixedHeaderExchangeWriter("Cache-Control", "max-age=5"),
				new CacheControlDefaultExchangeWriter("no-store", PathPatterns.none()));
		assertThat(ExchangeHeaders.lines(headers, "Cache-Control")).containsExactly("max-age=5");
	}

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC);

	private static final ContentSecurityPolicy CSP = ContentSecurityPolicy.parse("policy", "default-src 'none'");

	private static final ContentSecurityPolicy CSP_REPORT_ONLY = ContentSecurityPolicy.parse("report-only-policy",
			"default-src 'self'");

	/** A CSP writer: the enforced policy everywhere, the report-only one on /v1/**. */
	private static CspExchangeWriter csp(ContentSecurityPolicy policy, ContentSecurityPolicy reportOnly) {
		List<CspPathPolicy> paths = (reportOnly != null)
				? List.of(new CspPathPolicy(PathPatterns.parse("paths", List.of("/v1/**")), policy, reportOnly))
				: List.of();
		return new CspExchangeWriter(new ContentSecurityPolicies(policy, null, paths));
	}

	/**
	 * The headers of a response that went through the filter with these writers and was
	 * completed; {@code frameOptions}, when not {@code null}, set before the filter.
	 */
	private static HttpHeaders filtered(String frameOptions, ExchangeHeaderWriter... writers) {
		return filter(frameOptions, EagerHeaderWritesTest::complete, writers).getResponse().getHeaders();
	}

	/**
	 * The same, where the application removes a header before the response commits.
	 */
	private static HttpHeaders removedByApplication(String name, ExchangeHeaderWriter... writers) {
		return filter(null, (exchange) -> {
			ExchangeHeaders.remove(exchange.getResponse().getHeaders(), name);
			return exchange.getResponse().setComplete();
		}, writers).getResponse().getHeaders();
	}

	private static MockServerWebExchange filter(String frameOptions, WebFilterChain chain,
			ExchangeHeaderWriter... writers) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("https://api.example.com/v1/health"));
		if (frameOptions != null) {
			exchange.getResponse().getHeaders().set("X-Frame-Options", frameOptions);
		}
		SecurityHeadersWebFilter filter = new SecurityHeadersWebFilter(List.of(writers));
		filter.filter(exchange, chain).block();
		return exchange;
	}

	private static Mono<Void> complete(ServerWebExchange exchange) {
		return exchange.getResponse().setComplete();
	}

}
