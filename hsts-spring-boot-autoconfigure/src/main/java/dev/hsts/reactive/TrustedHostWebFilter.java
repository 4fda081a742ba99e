package dev.hsts.reactive;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import dev.hsts.core.HostRejection;
import dev.hsts.core.HostRejectionReporter;
import dev.hsts.core.ProblemJson;
import dev.hsts.core.RejectionReason;
import dev.hsts.core.TrustedHostRejectionListener;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses a WebFlux request whose host the application does not serve, before Spring
 * Security and every handler run: {@code 400} with an RFC 9457
 * {@code application/problem+json} body, {@code Cache-Control: no-store} and
 * {@code X-Content-Type-Options: nosniff} (plus whatever
 * {@link SecurityHeadersWebFilter}, which runs first, writes; never HSTS, which is
 * promised only to hosts the application serves).
 *
 * <p>
 * Each refusal is told to the {@link TrustedHostRejectionListener}s and logged at most
 * once a minute per reason, with a count of the lines held back. Requests on exempt paths
 * pass whatever their host. Override
 * {@link #problemFor(ServerWebExchange, RejectionReason)} to change the body.
 */
public class TrustedHostWebFilter implements WebFilter, Ordered {

	/** After {@link SecurityHeadersWebFilter}, before Spring Security (-100). */
	public static final int DEFAULT_ORDER = SecurityHeadersWebFilter.DEFAULT_ORDER + 10;

	private static final Log LOG = LogFactory.getLog(TrustedHostWebFilter.class);

	private final TrustedHostExchangeCheck check;

	private final HostRejectionReporter reporter;

	private int order = DEFAULT_ORDER;

	/**
	 * @param check applies the policy to exchanges
	 * @param listeners told about every refusal
	 * @param clock the clock of the log limiter
	 */
	public TrustedHostWebFilter(TrustedHostExchangeCheck check, List<? extends TrustedHostRejectionListener> listeners,
			Clock clock) {
		this.check = Objects.requireNonNull(check, "check");
		this.reporter = new HostRejectionReporter(listeners, clock, LOG);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Mono<Void> refusal = refusal(exchange);
		return (refusal != null) ? refusal : chain.filter(exchange);
	}

	/**
	 * This filter's work: the refusal of an exchange whose host is not served.
	 * @param exchange the exchange
	 * @return the refusal (reported, and its status and headers set, by this call; its
	 * body written when subscribed to), or {@code null} when the exchange passes
	 */
	Mono<Void> refusal(ServerWebExchange exchange) {
		if (this.check.getTrustedHosts().isOff()) {
			return null;
		}
		Optional<RejectionReason> verdict = this.check.verify(exchange);
		if (verdict.isEmpty() || this.check.isExempt(exchange)) {
			return null;
		}
		RejectionReason reason = verdict.get();
		HostRejection rejection = this.check.rejection(exchange)
			.orElseGet(() -> new HostRejection(reason, exchange.getRequest().getHeaders().getFirst(HostRejection.HOST),
					ExchangeRequests.serverName(exchange.getRequest()), exchange.getRequest().getURI().getRawPath()));
		this.reporter.report(rejection);
		return reject(exchange, reason);
	}

	/**
	 * The problem to answer with.
	 * @param exchange the refused exchange
	 * @param reason why it is refused
	 * @return the problem (status 400); its texts must not contain the request's values.
	 * The detail names the header whose value was refused, never its value
	 */
	protected ProblemDetail problemFor(ServerWebExchange exchange, RejectionReason reason) {
		String detail = this.check.rejection(exchange)
			.filter((rejection) -> rejection.reason() == reason)
			.map(HostRejection::detail)
			.orElseGet(reason::detail);
		return ProblemJson.hostRejection(reason, detail);
	}

	/**
	 * Writes the refusal.
	 * @param exchange the refused exchange, not yet committed
	 * @param reason why it is refused
	 * @return completes when the response is written
	 */
	protected Mono<Void> reject(ServerWebExchange exchange, RejectionReason reason) {
		ProblemDetail problem = problemFor(exchange, reason);
		byte[] body = ProblemJson.render(problem).getBytes(StandardCharsets.UTF_8);
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
		HttpHeaders headers = response.getHeaders();
		headers.set("Cache-Control", "no-store");
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set(HttpHeaders.CONTENT_TYPE, ProblemJson.MEDIA_TYPE);
		headers.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
		if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
			return response.setComplete();
		}
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	/** The check this filter applies. */
	public TrustedHostExchangeCheck getCheck() {
		return this.check;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * @param order the filter order; keep it before Spring Security's
	 * {@code WebFilterChainProxy} (-100) and after {@link SecurityHeadersWebFilter}
	 */
	public void setOrder(int order) {
		this.order = order;
	}

	/**
	 * The class's name. Spring Framework 7's {@code DefaultWebFilterChain} names each
	 * filter it runs in a Reactor checkpoint, by its {@code toString()}, on every
	 * request; the {@code Object} one builds a new string each time (name and identity
	 * hash code).
	 * @return the name of this filter's class
	 */
	@Override
	public String toString() {
		return getClass().getName();
	}

}
