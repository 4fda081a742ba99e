package dev.hsts.reactive;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Predicate;

import dev.hsts.core.HstsPolicy;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the {@code Strict-Transport-Security} value of the stage that is active now, on
 * WebFlux. Writes nothing on a request that is not secure as the application sees it (it
 * arrived over TLS, or the server's forwarded-header handling made its scheme
 * {@code https}), for IP literals and excluded hosts, for hosts the application does not
 * serve (an optional predicate, wired to the trusted-host check), or when the response
 * already has the header (the application's value wins, and there is never a second
 * copy).
 *
 * <p>
 * Only API that is the same in Spring Framework 6.2 and 7 is used on {@link HttpHeaders}
 * (a present header is one with a first value).
 *
 * <p>
 * Unlike Spring Security's {@code StrictTransportSecurityServerHttpHeadersWriter}, whose
 * value is fixed, the value comes from a staged {@link HstsPolicy} read against a
 * {@link Clock}.
 */
public class StagedHstsExchangeWriter implements ExchangeHeaderWriter {

	private static final String KEY = ExchangeHeaders.lookupKey(HstsPolicy.HEADER_NAME);

	private final HstsPolicy policy;

	private final Clock clock;

	private final Predicate<ServerWebExchange> servedHost;

	/**
	 * @param policy the policy
	 * @param clock the clock that decides the stage of a scheduled rollout
	 */
	public StagedHstsExchangeWriter(HstsPolicy policy, Clock clock) {
		this(policy, clock, (exchange) -> true);
	}

	/**
	 * @param policy the policy
	 * @param clock the clock that decides the stage of a scheduled rollout
	 * @param servedHost whether the exchange's host is one the application serves (for
	 * example {@link TrustedHostExchangeCheck#isTrusted(ServerWebExchange)}); no header
	 * is written when it is not
	 */
	public StagedHstsExchangeWriter(HstsPolicy policy, Clock clock, Predicate<ServerWebExchange> servedHost) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.servedHost = Objects.requireNonNull(servedHost, "servedHost");
	}

	@Override
	public void writeHeaders(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (!ExchangeRequests.isSecure(exchange.getRequest()) || headers.getFirst(KEY) != null) {
			return;
		}
		String value = valueFor(exchange);
		if (value != null) {
			headers.set(HstsPolicy.HEADER_NAME, value);
		}
	}

	/**
	 * The value this writer writes on an exchange whose response does not have the header
	 * yet.
	 * @param exchange the exchange
	 * @return the value, or {@code null} when the exchange gets none
	 */
	String valueFor(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (!ExchangeRequests.isSecure(request)) {
			return null;
		}
		String value = this.policy.headerValue(this.clock);
		return (value != null && this.policy.appliesToHost(ExchangeRequests.serverName(request))
				&& this.servedHost.test(exchange)) ? value : null;
	}

	/** The policy this writer applies. */
	public HstsPolicy getPolicy() {
		return this.policy;
	}

	/** The clock that picks the active stage. */
	public Clock getClock() {
		return this.clock;
	}

}
