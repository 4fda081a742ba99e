package dev.hsts.reactive;

import java.util.List;

import dev.hsts.core.ContentSecurityPolicies;
import dev.hsts.core.CspPathPolicy;
import dev.hsts.core.CspReportCollector;
import dev.hsts.core.ContentSecurityPolicy;
import dev.hsts.core.DescribedHeaders;
import dev.hsts.core.HeaderDescription;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes {@code Content-Security-Policy} and {@code Content-Security-Policy-Report-Only}
 * on WebFlux, each where the response has none; the first path policy that matches the
 * request's path replaces both (see {@link ContentSecurityPolicies}).
 *
 * <p>
 * Every exchange whose policy contains {@code 'nonce-{nonce}'} gets a fresh random nonce,
 * stored as the exchange attribute {@value #NONCE_ATTRIBUTE}, which reactive views see
 * (Thymeleaf: {@code ${cspNonce}}; a handler: {@code @RequestAttribute("cspNonce")}), and
 * substituted into the policy. The filter writes the headers before the handler runs, so
 * the attribute is there when the view renders.
 */
public final class CspExchangeWriter implements ExchangeHeaderWriter, DescribedHeaders {

	private static final String KEY = ExchangeHeaders.lookupKey(ContentSecurityPolicies.HEADER_NAME);

	private static final String REPORT_ONLY_KEY = ExchangeHeaders
		.lookupKey(ContentSecurityPolicies.REPORT_ONLY_HEADER_NAME);

	/** The three headers this writer may write, by {@link #ENFORCED} and the others. */
	private static final String[] NAMES = { ContentSecurityPolicies.HEADER_NAME,
			ContentSecurityPolicies.REPORT_ONLY_HEADER_NAME, CspReportCollector.REPORTING_ENDPOINTS };

	private static final int ENFORCED = 0;

	private static final int REPORT_ONLY = 1;

	private static final int ENDPOINTS = 2;

	/**
	 * The writes and look-ups of {@link #NAMES} on Reactor Netty's own response headers
	 * (see {@link ReactorNettyResponseHeaders}), or {@code null} without Reactor Netty:
	 * the names are then hashed once, not on every write and look-up, and the commit
	 * pass's walk finds them by identity.
	 */
	private static final ReactorNettyResponseHeaders NETTY = ReactorNettyResponseHeaders.of(NAMES, 0);

	/** The exchange attribute that holds the exchange's nonce, for views. */
	public static final String NONCE_ATTRIBUTE = "cspNonce";

	private final ContentSecurityPolicies policies;

	/** Whether some path gets an enforced policy. */
	private final boolean writesEnforced;

	/** Whether some path gets a report-only policy. */
	private final boolean writesReportOnly;

	/**
	 * @param policies the policies
	 */
	public CspExchangeWriter(ContentSecurityPolicies policies) {
		this.policies = policies;
		boolean enforced = policies.policy() != null;
		boolean reportOnly = policies.reportOnlyPolicy() != null;
		for (CspPathPolicy pathPolicy : policies.pathPolicies()) {
			enforced |= pathPolicy.policy() != null;
			reportOnly |= pathPolicy.reportOnlyPolicy() != null;
		}
		this.writesEnforced = enforced;
		this.writesReportOnly = reportOnly;
	}

	@Override
	public void writeHeaders(ServerWebExchange exchange) {
		writeHeaders(exchange, true, false, nativeHeaders(exchange.getResponse()));
	}

	/**
	 * Reactor Netty's own headers of a response not committed yet.
	 * @param response the exchange's response
	 * @return the headers, or {@code null} where they are written through Spring's
	 */
	private static Object nativeHeaders(ServerHttpResponse response) {
		return (NETTY != null && !response.isCommitted()) ? NETTY.headersOf(response) : null;
	}

	/**
	 * Writes the headers, counting a response with a report-only policy for CSP reporting
	 * only when asked: with named policies the exchange's final policy is known at
	 * commit, and counted there.
	 * @param exchange the exchange
	 * @param count whether to count the response
	 * @param absent whether the response is known to have neither header (then they are
	 * not looked up)
	 * @param netty Reactor Netty's own headers of the response, or {@code null} to write
	 * through Spring's
	 */
	private void writeHeaders(ServerWebExchange exchange, boolean count, boolean absent, Object netty) {
		HttpHeaders headers = (netty != null) ? null : exchange.getResponse().getHeaders();
		boolean enforcedAbsent = absent
				|| ((netty != null) ? !NETTY.contains(netty, ENFORCED) : headers.getFirst(KEY) == null);
		boolean reportOnlyAbsent = absent
				|| ((netty != null) ? !NETTY.contains(netty, REPORT_ONLY) : headers.getFirst(REPORT_ONLY_KEY) == null);
		if (!enforcedAbsent && !reportOnlyAbsent) {
			return;
		}
		ContentSecurityPolicies.Pair pair = this.policies
			.forPath(this.policies.dependsOnPath() ? ExchangeRequests.encodedPath(exchange.getRequest()) : null);
		ContentSecurityPolicy enforced = enforcedAbsent ? pair.policy() : null;
		ContentSecurityPolicy reportOnly = reportOnlyAbsent ? pair.reportOnlyPolicy() : null;
		String nonce = ContentSecurityPolicies.usesNonce(enforced, reportOnly) ? nonce(exchange) : null;
		if (enforced != null) {
			set(netty, headers, ENFORCED, this.policies.render(pair, enforced, nonce));
		}
		if (reportOnly != null) {
			set(netty, headers, REPORT_ONLY, this.policies.render(pair, reportOnly, nonce));
		}
		String endpoints = this.policies.reportingEndpoints(pair, enforced, reportOnly, count);
		if (endpoints != null) {
			String existing = (netty != null) ? NETTY.first(netty, ENDPOINTS) : headers.getFirst(NAMES[ENDPOINTS]);
			set(netty, headers, ENDPOINTS, this.policies.reporting().merge(existing, endpoints));
		}
	}

	/**
	 * Sets one of the three headers on Reactor Netty's headers or on Spring's.
	 * @param netty Reactor Netty's headers, or {@code null}
	 * @param headers Spring's headers, used when {@code netty} is {@code null}
	 * @param name {@link #ENFORCED}, {@link #REPORT_ONLY} or {@link #ENDPOINTS}
	 * @param value the value
	 */
	private static void set(Object netty, HttpHeaders headers, int name, String value) {
		if (netty != null) {
			NETTY.set(netty, name, value);
		}
		else {
			headers.set(NAMES[name], value);
		}
	}

	/**
	 * Whether some path gets an enforced policy ({@code Content-Security-Policy}).
	 * @return whether this writer may write the enforced header
	 */
	boolean writesEnforced() {
		return this.writesEnforced;
	}

	/**
	 * Whether some path gets a report-only policy.
	 * @return whether this writer may write {@code Content-Security-Policy-Report-Only}
	 */
	boolean writesReportOnly() {
		return this.writesReportOnly;
	}

	/**
	 * This writer, without counting the response for CSP reporting (see
	 * {@link #writeHeaders(ServerWebExchange, boolean, boolean)}).
	 * @return a writer of the same headers that counts nothing
	 */
	ExchangeHeaderWriter withoutCounting() {
		return new WithoutCounting(this);
	}

	/**
	 * {@code writeHeaders} on a response known to have neither CSP header, with or
	 * without counting, whether this writer or its {@link #withoutCounting()} stand-in.
	 * @param writer this writer or its stand-in
	 * @param exchange the exchange
	 * @param netty Reactor Netty's own headers of the response as the caller found them,
	 * or {@code null} where they are written through Spring's
	 */
	static void writeFresh(ExchangeHeaderWriter writer, ServerWebExchange exchange, Object netty) {
		if (writer instanceof WithoutCounting withoutCounting) {
			withoutCounting.writer.writeHeaders(exchange, false, true, netty);
		}
		else {
			((CspExchangeWriter) writer).writeHeaders(exchange, true, true, netty);
		}
	}

	/** {@link CspExchangeWriter#withoutCounting()}. */
	private static final class WithoutCounting implements ExchangeHeaderWriter {

		private final CspExchangeWriter writer;

		WithoutCounting(CspExchangeWriter writer) {
			this.writer = writer;
		}

		@Override
		public void writeHeaders(ServerWebExchange exchange) {
			this.writer.writeHeaders(exchange, false, false, nativeHeaders(exchange.getResponse()));
		}

	}

	/** The exchange's nonce, made on first use. */
	private static String nonce(ServerWebExchange exchange) {
		return (String) exchange.getAttributes()
			.computeIfAbsent(NONCE_ATTRIBUTE, (name) -> ContentSecurityPolicies.newNonce());
	}

	@Override
	public List<HeaderDescription> describe() {
		return this.policies.describe();
	}

	/** The policies this writer writes. */
	public ContentSecurityPolicies getPolicies() {
		return this.policies;
	}

}
