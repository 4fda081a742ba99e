package dev.hsts.reactive;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.SynchronousSink;

import dev.hsts.core.CspReportCollector;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers CSP violation reports on WebFlux ({@code application/csp-report} and
 * {@code application/reports+json} POSTed to the collector's path) before Spring Security
 * and every handler run, so a report never needs authentication or a CSRF token; every
 * other request passes through untouched.
 *
 * <p>
 * The method, media type, declared {@code Content-Length} and the rate limits are checked
 * before a byte of the body is read (405, 415, 413, 429 with {@code Retry-After}). The
 * body is then read into one array of at most the collector's maximum size: a body that
 * turns out longer (no or a false {@code Content-Length}) is refused with 413 as soon as
 * the limit is passed and its reading cancelled, so no more than the maximum is ever
 * held; the server closes an HTTP/1.1 connection whose request body was left unread
 * (Reactor Netty answers it with {@code Connection: close}), so no header is added here
 * (it would be wrong on HTTP/2). Such a refusal is flushed before the exchange completes:
 * a servlet container running WebFlux (Tomcat) otherwise reads what is left of the body
 * before it sends a response nothing flushed, and a client that never finishes its body
 * would get no answer. Answers are bodiless (204, 400, 405, 413, 415, 429), never a 5xx:
 * a failure while reading the body is answered 400. The collector's listeners run on the
 * event loop: they must not block.
 *
 * <p>
 * Ordered after the trusted-host check ({@link TrustedHostWebFilter}) and the HTTPS
 * redirect, before Spring Security's {@code WebFilterChainProxy} (-100); with
 * {@code trusted-host-exempt} the wiring orders it before the trusted-host check
 * ({@link #HOST_EXEMPT_ORDER}).
 */
public class CspReportWebFilter implements WebFilter, Ordered {

	/**
	 * After {@link TrustedHostWebFilter} and {@link HttpsRedirectWebFilter}, before
	 * Spring Security (-100).
	 */
	public static final int DEFAULT_ORDER = HttpsRedirectWebFilter.DEFAULT_ORDER + 10;

	/**
	 * Before {@link TrustedHostWebFilter}, after {@link SecurityHeadersWebFilter}:
	 * reports for any host are collected.
	 */
	public static final int HOST_EXEMPT_ORDER = SecurityHeadersWebFilter.DEFAULT_ORDER + 5;

	private final CspReportCollector collector;

	private int order = DEFAULT_ORDER;

	/**
	 * @param collector answers the reports
	 */
	public CspReportWebFilter(CspReportCollector collector) {
		this.collector = Objects.requireNonNull(collector, "collector");
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Mono<Void> reply = reply(exchange);
		return (reply != null) ? reply : chain.filter(exchange);
	}

	/**
	 * This filter's work: the reply to a request on the collector's path.
	 * @param exchange the exchange
	 * @return the reply (a refusal's status and headers set by this call; a report read
	 * and answered when subscribed to), or {@code null} when the exchange is for another
	 * path
	 */
	Mono<Void> reply(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (!this.collector.handles(ExchangeRequests.encodedPath(request))) {
			return null;
		}
		HttpHeaders headers = request.getHeaders();
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		CspReportCollector.Answer refused = this.collector.check(request.getMethod().name(), contentType,
				contentLength(headers), ExchangeRequests.peer(request));
		if (refused != null) {
			return answer(exchange, refused);
		}
		Body body = new Body(this.collector.maxBodySize(), contentLength(headers));
		return request.getBody()
			.handle(body)
			.then(Mono.fromSupplier(new Receive(this.collector, exchange, body, contentType)))
			.onErrorResume(TooLarge.class, new TooLargeAnswer(this.collector))
			.onErrorResume(new Unreadable(this.collector))
			.flatMap(new Respond(exchange))
			.doFinally(body);
	}

	/**
	 * The declared length, or -1 when none (or not a number: then the read is bounded all
	 * the same).
	 */
	private static long contentLength(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** Writes a bodiless answer. */
	static Mono<Void> answer(ServerWebExchange exchange, CspReportCollector.Answer answer) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
		HttpHeaders headers = response.getHeaders();
		for (Map.Entry<String, String> header : answer.headers().entrySet()) {
			headers.set(header.getKey(), header.getValue());
		}
		headers.set("Cache-Control", "no-store");
		if (answer.status() != 204) {
			headers.setContentLength(0);
		}
		if (answer.closesConnection()) {
			// Sent now, before the server reads the rest of the body (Tomcat would).
			return response.writeAndFlushWith(Mono.just(Mono.empty()));
		}
		return response.setComplete();
	}

	/** The collector this filter answers with. */
	public CspReportCollector getCollector() {
		return this.collector;
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

	/**
	 * The body, copied buffer by buffer into one array of at most the maximum (as large
	 * as the declared length when there is one, else grown as it comes); each buffer is
	 * released at once. Signals {@link TooLarge} on the first byte past the maximum,
	 * which cancels the read.
	 */
	static final class Body implements BiConsumer<DataBuffer, SynchronousSink<Void>>, Consumer<SignalType> {

		private final int max;

		private byte[] bytes;

		private int length;

		Body(int max, long declared) {
			this.max = max;
			this.bytes = new byte[(int) Math.max(0, Math.min(declared, max))];
		}

		@Override
		public void accept(DataBuffer buffer, SynchronousSink<Void> sink) {
			try {
				int readable = buffer.readableByteCount();
				if (readable > this.max - this.length) {
					sink.error(TooLarge.INSTANCE);
					return;
				}
				if (this.length + readable > this.bytes.length) {
					byte[] grown = new byte[Math.min(this.max,
							Math.max(this.length + readable, this.bytes.length * 2))];
					System.arraycopy(this.bytes, 0, grown, 0, this.length);
					this.bytes = grown;
				}
				buffer.read(this.bytes, this.length, readable);
				this.length += readable;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}

		/** Drops the bytes when the exchange ends. */
		@Override
		public void accept(SignalType signal) {
			this.bytes = null;
		}

	}

	/** The body is longer than the maximum. */
	static final class TooLarge extends RuntimeException {

		static final TooLarge INSTANCE = new TooLarge();

		private TooLarge() {
			super("The CSP report body is larger than the maximum", null, false, false);
		}

	}

	/** Once the whole body is read: the collector's answer. */
	private static final class Receive implements Supplier<CspReportCollector.Answer> {

		private final CspReportCollector collector;

		private final ServerWebExchange exchange;

		private final Body body;

		private final String contentType;

		Receive(CspReportCollector collector, ServerWebExchange exchange, Body body, String contentType) {
			this.collector = collector;
			this.exchange = exchange;
			this.body = body;
			this.contentType = contentType;
		}

		@Override
		public CspReportCollector.Answer get() {
			ServerHttpRequest request = this.exchange.getRequest();
			return this.collector.receive(this.contentType, this.body.bytes, this.body.length,
					CspReportCollector.policyParameter(request.getURI().getRawQuery()),
					request.getHeaders().getFirst(HttpHeaders.USER_AGENT));
		}

	}

	/** 413 for a body found too long while reading. */
	private static final class TooLargeAnswer implements Function<TooLarge, Mono<CspReportCollector.Answer>> {

		private final CspReportCollector collector;

		TooLargeAnswer(CspReportCollector collector) {
			this.collector = collector;
		}

		@Override
		public Mono<CspReportCollector.Answer> apply(TooLarge ex) {
			return Mono.just(this.collector.tooLarge());
		}

	}

	/**
	 * A body that could not be read (the client went away, a broken chunk): 400, never a
	 * 5xx, counted as refused ({@code malformed}) as on servlet.
	 */
	private static final class Unreadable implements Function<Throwable, Mono<CspReportCollector.Answer>> {

		private final CspReportCollector collector;

		Unreadable(CspReportCollector collector) {
			this.collector = collector;
		}

		@Override
		public Mono<CspReportCollector.Answer> apply(Throwable ex) {
			return Mono.just(this.collector.malformed());
		}

	}

	/** Writes the answer. */
	private static final class Respond implements Function<CspReportCollector.Answer, Mono<? extends Void>> {

		private final ServerWebExchange exchange;

		Respond(ServerWebExchange exchange) {
			this.exchange = exchange;
		}

		@Override
		public Mono<Void> apply(CspReportCollector.Answer answer) {
			return answer(this.exchange, answer);
		}

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
