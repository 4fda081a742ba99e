package dev.hsts.reactive;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.hsts.core.ApplicationHeaderValues;
import dev.hsts.core.ForwardedProtoMismatches;
import dev.hsts.core.SingleValuedHeaders;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Applies the security {@link ExchangeHeaderWriter}s to every WebFlux response, exactly
 * once per header.
 *
 * <p>
 * Spring Security's {@code HttpHeaderWriterWebFilter} writes only when the response
 * commits. This filter writes twice:
 * <ul>
 * <li>before the chain, so the headers are there before any other filter (including
 * Spring Security's, whose writers skip a header that is already set) or handler runs,
 * and the CSP nonce is an exchange attribute before a view renders;</li>
 * <li>again just before the response commits ({@link ServerHttpResponse#beforeCommit}),
 * whatever produced it: a handler, an error handler, a redirect, a static resource, a
 * streamed body, a response completed early. Writers only fill what is absent, so what
 * the application set wins; the {@link CommitTimeExchangeHeaderWriter}s (the
 * Cache-Control default) write only then, once the application has chosen.</li>
 * </ul>
 * At commit, a second value the application added for a header that may appear only once
 * (such as {@code Strict-Transport-Security}) replaces the first instead of duplicating
 * it, and is recorded for the findings.
 */
public class SecurityHeadersWebFilter implements WebFilter, Ordered {

	/**
	 * Before Spring Security's {@code WebFilterChainProxy} (-100) and every application
	 * filter; Spring's {@code ForwardedHeaderTransformer} and Reactor Netty's forwarded
	 * handling run before any filter, so the scheme and host are final here.
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/** {@link SingleValuedHeaders#NAMES} as look-up keys, in the same order. */
	private static final String[] SINGLE_VALUED_KEYS = SingleValuedHeaders.NAMES.stream()
		.map(ExchangeHeaders::lookupKey)
		.toArray(String[]::new);

	private final ExchangeHeaderWriter[] eager;

	private final CommitTimeExchangeHeaderWriter[] atCommit;

	private final List<ExchangeHeaderWriter> allWriters;

	/** The writers of one fixed value, whose value the application may replace. */
	private final FixedHeaderExchangeWriter[] fixed;

	private int order = DEFAULT_ORDER;

	private ForwardedProtoMismatches forwardedProtoMismatches;

	private ApplicationHeaderValues applicationHeaderValues;

	/**
	 * @param writers the writers to apply, in order; the
	 * {@link CommitTimeExchangeHeaderWriter}s among them only when the response commits
	 */
	public SecurityHeadersWebFilter(List<? extends ExchangeHeaderWriter> writers) {
		List<ExchangeHeaderWriter> eager = new ArrayList<>();
		List<CommitTimeExchangeHeaderWriter> atCommit = new ArrayList<>();
		for (ExchangeHeaderWriter writer : writers) {
			if (writer instanceof CommitTimeExchangeHeaderWriter commitTime) {
				atCommit.add(commitTime);
			}
			else {
				eager.add(writer);
			}
		}
		this.eager = eager.toArray(new ExchangeHeaderWriter[0]);
		this.atCommit = atCommit.toArray(new CommitTimeExchangeHeaderWriter[0]);
		this.allWriters = List.copyOf(writers);
		this.fixed = writers.stream()
			.filter(FixedHeaderExchangeWriter.class::isInstance)
			.map(FixedHeaderExchangeWriter.class::cast)
			.toArray(FixedHeaderExchangeWriter[]::new);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (this.forwardedProtoMismatches != null && !ExchangeRequests.isSecure(request)) {
			HttpHeaders headers = request.getHeaders();
			this.forwardedProtoMismatches.check(headers.getFirst("X-Forwarded-Proto"), headers.getFirst("Forwarded"),
					ExchangeRequests.peer(request));
		}
		writeEager(exchange);
		exchange.getResponse().beforeCommit(() -> {
			writeAtCommit(exchange);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	private void writeEager(ServerWebExchange exchange) {
		for (ExchangeHeaderWriter writer : this.eager) {
			writer.writeHeaders(exchange);
		}
	}

	/**
	 * Just before the response commits: one value of each single-valued header (the last
	 * the application added), every eager header the application removed written again,
	 * then the commit-time defaults.
	 * @param exchange the exchange
	 */
	void writeAtCommit(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		keepOneOfEach(headers);
		if (this.applicationHeaderValues != null) {
			recordApplicationValues(headers);
		}
		writeEager(exchange);
		for (CommitTimeExchangeHeaderWriter writer : this.atCommit) {
			writer.writeHeaders(exchange);
		}
	}

	private void keepOneOfEach(HttpHeaders headers) {
		for (int i = 0; i < SINGLE_VALUED_KEYS.length; i++) {
			if (headers.getFirst(SINGLE_VALUED_KEYS[i]) != null) {
				String name = SingleValuedHeaders.NAMES.get(i);
				List<String> lines = ExchangeHeaders.lines(headers, SINGLE_VALUED_KEYS[i]);
				if (lines.size() > 1) {
					String last = lines.get(lines.size() - 1);
					headers.set(name, last);
					if (this.applicationHeaderValues != null) {
						this.applicationHeaderValues.record(name, last, true);
					}
				}
			}
		}
	}

	/**
	 * Records the values the application put in place of the starter's fixed ones, for
	 * the {@code header.application-value} finding.
	 */
	private void recordApplicationValues(HttpHeaders headers) {
		for (FixedHeaderExchangeWriter writer : this.fixed) {
			String value = headers.getFirst(writer.getHeaderKey());
			if (value != null && !value.equals(writer.getHeaderValue())) {
				this.applicationHeaderValues.record(writer.getHeaderName(), value, false);
			}
		}
	}

	/** The writers this filter applies, in order, the commit-time ones included. */
	public List<ExchangeHeaderWriter> getWriters() {
		return this.allWriters;
	}

	/**
	 * @param detector told about plain requests that claim to have arrived over HTTPS, or
	 * {@code null}
	 */
	public void setForwardedProtoMismatches(ForwardedProtoMismatches detector) {
		this.forwardedProtoMismatches = detector;
	}

	/**
	 * @param values told when the application sets its own value for a managed header or
	 * adds a second one, or {@code null}
	 */
	public void setApplicationHeaderValues(ApplicationHeaderValues values) {
		this.applicationHeaderValues = values;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * @param order the filter order; keep it before Spring Security's
	 * {@code WebFilterChainProxy} (-100)
	 */
	public void setOrder(int order) {
		this.order = order;
	}

}
