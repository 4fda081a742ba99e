package dev.hsts.reactive;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.hsts.core.ApplicationHeaderValues;
import dev.hsts.core.CookieFlags;
import dev.hsts.core.ForwardedProtoMismatches;
import dev.hsts.core.HstsPolicy;
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

	/**
	 * The writers, swapped as one set by {@link #setWriters(List)}; an exchange reads the
	 * field once and keeps that set to the end.
	 */
	private volatile Writers writers;

	private int order = DEFAULT_ORDER;

	private ForwardedProtoMismatches forwardedProtoMismatches;

	private ApplicationHeaderValues applicationHeaderValues;

	/** The flags added to cookies, or {@code null} (the default: off). */
	private CookieFlags cookieFlags;

	/**
	 * @param writers the writers to apply, in order; the
	 * {@link CommitTimeExchangeHeaderWriter}s among them only when the response commits
	 */
	public SecurityHeadersWebFilter(List<? extends ExchangeHeaderWriter> writers) {
		this.writers = new Writers(writers);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (this.forwardedProtoMismatches != null && !ExchangeRequests.isSecure(request)) {
			HttpHeaders headers = request.getHeaders();
			this.forwardedProtoMismatches.check(headers.getFirst("X-Forwarded-Proto"), headers.getFirst("Forwarded"),
					ExchangeRequests.peer(request));
		}
		Writers set = this.writers;
		for (ExchangeHeaderWriter writer : set.eager) {
			writer.writeHeaders(exchange);
		}
		exchange.getResponse().beforeCommit(() -> {
			set.writeAtCommit(exchange, this.applicationHeaderValues);
			return Mono.empty();
		});
		CookieFlags flags = this.cookieFlags;
		if (flags != null) {
			ResponseCookieFlags action = new ResponseCookieFlags(flags, exchange.getResponse(),
					ExchangeRequests.isSecure(request));
			exchange.getResponse().beforeCommit(action);
			return chain.filter(new ResponseCookieFlags.Exchange(exchange, action));
		}
		return chain.filter(exchange);
	}

	/**
	 * Just before the response commits: the commit pass of the writers in force now.
	 * @param exchange the exchange
	 */
	void writeAtCommit(ServerWebExchange exchange) {
		this.writers.writeAtCommit(exchange, this.applicationHeaderValues);
	}

	/** The writers this filter applies now, in order, the commit-time ones included. */
	public List<ExchangeHeaderWriter> getWriters() {
		return this.writers.all;
	}

	/**
	 * Replaces the writers, all at once: an exchange that started before gets the
	 * previous set to its end (the commit pass included), an exchange that starts after
	 * gets the new one; none gets a mix.
	 * @param writers the writers to apply from now on, in order
	 */
	public void setWriters(List<? extends ExchangeHeaderWriter> writers) {
		this.writers = new Writers(writers);
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

	/**
	 * Adds {@code Secure} (on requests that are secure as the application sees it),
	 * {@code HttpOnly} and {@code SameSite} to the response's cookies and
	 * {@code Set-Cookie} lines that lack them, just before the response commits (the
	 * WebSession's cookie included).
	 * @param flags the flags, or {@code null} for none (the default)
	 */
	public void setCookieFlags(CookieFlags flags) {
		this.cookieFlags = flags;
	}

	/** The flags added to cookies, or {@code null} when off. */
	public CookieFlags getCookieFlags() {
		return this.cookieFlags;
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

	/** One set of writers, sorted once, with what the commit pass looks at. */
	private static final class Writers {

		final ExchangeHeaderWriter[] eager;

		private final CommitTimeExchangeHeaderWriter[] atCommit;

		final List<ExchangeHeaderWriter> all;

		/**
		 * The headers looked at when the response commits, in their usual spelling: the
		 * single-valued ones ({@link SingleValuedHeaders#NAMES}, in that order, so the
		 * first of them), then those of the eager and commit-time writers that write one
		 * known header. At most 64.
		 */
		private final String[] watched;

		/**
		 * {@link #watched} as look-up keys ({@link ExchangeHeaders#lookupKey(String)}).
		 */
		private final String[] watchedKeys;

		/**
		 * For each {@link #watched} header, the value a fixed writer writes for it, or
		 * {@code null}: another value is the application's own.
		 */
		private final String[] fixedValues;

		/**
		 * For each eager writer, the index in {@link #watched} of the one header it
		 * writes, or -1 when that is not known (then it runs again at commit whatever the
		 * response has).
		 */
		private final int[] eagerHeader;

		/** The same for the commit-time writers. */
		private final int[] atCommitHeader;

		Writers(List<? extends ExchangeHeaderWriter> writers) {
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
			this.all = List.copyOf(writers);
			List<String> watched = new ArrayList<>(SingleValuedHeaders.NAMES);
			this.eagerHeader = new int[this.eager.length];
			for (int i = 0; i < this.eager.length; i++) {
				this.eagerHeader[i] = watch(watched, headerOf(this.eager[i]));
			}
			this.atCommitHeader = new int[this.atCommit.length];
			for (int i = 0; i < this.atCommit.length; i++) {
				this.atCommitHeader[i] = watch(watched, headerOf(this.atCommit[i]));
			}
			this.watched = watched.toArray(new String[0]);
			// A loop, not a stream of method references: this runs while the context
			// starts (issue 21).
			this.watchedKeys = new String[this.watched.length];
			for (int i = 0; i < this.watched.length; i++) {
				this.watchedKeys[i] = ExchangeHeaders.lookupKey(this.watched[i]);
			}
			this.fixedValues = new String[this.watched.length];
			for (int i = 0; i < this.eager.length; i++) {
				if (this.eager[i] instanceof FixedHeaderExchangeWriter fixed && this.eagerHeader[i] >= 0) {
					this.fixedValues[this.eagerHeader[i]] = fixed.getHeaderValue();
				}
			}
		}

		/** The one header a writer of a known kind writes, or {@code null}. */
		private static String headerOf(ExchangeHeaderWriter writer) {
			if (writer instanceof FixedHeaderExchangeWriter fixed) {
				return fixed.getHeaderName();
			}
			if (writer instanceof StagedHstsExchangeWriter) {
				return HstsPolicy.HEADER_NAME;
			}
			if (writer instanceof CacheControlDefaultExchangeWriter cacheControl) {
				return cacheControl.getHeaderName();
			}
			return null;
		}

		/**
		 * Adds a header to the watched ones (once); its index, or -1 when none or full.
		 */
		private static int watch(List<String> watched, String name) {
			if (name == null) {
				return -1;
			}
			for (int i = 0; i < watched.size(); i++) {
				if (watched.get(i).equalsIgnoreCase(name)) {
					return i;
				}
			}
			if (watched.size() >= Long.SIZE) {
				return -1;
			}
			watched.add(name);
			return watched.size() - 1;
		}

		/**
		 * Just before the response commits: one value of each single-valued header (the
		 * last the application added), every eager header the application removed written
		 * again, then the commit-time defaults. Each watched header is looked up once, by
		 * its look-up key, and a writer whose header is there already is not run again.
		 * @param exchange the exchange
		 * @param applicationHeaderValues told about the application's own values, or
		 * {@code null}
		 */
		void writeAtCommit(ServerWebExchange exchange, ApplicationHeaderValues applicationHeaderValues) {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			long present = 0;
			for (int i = 0; i < this.watchedKeys.length; i++) {
				List<String> lines = ExchangeHeaders.lines(headers, this.watchedKeys[i]);
				if (!lines.isEmpty()) {
					present |= 1L << i;
					check(headers, i, lines, applicationHeaderValues);
				}
			}
			for (int i = 0; i < this.eager.length; i++) {
				if (!has(present, this.eagerHeader[i])) {
					this.eager[i].writeHeaders(exchange);
				}
			}
			for (int i = 0; i < this.atCommit.length; i++) {
				if (!has(present, this.atCommitHeader[i])) {
					this.atCommit[i].writeHeaders(exchange);
				}
			}
		}

		/**
		 * Keeps the last line of a single-valued header that has more than one, and
		 * records the application's own value for a header a fixed writer writes.
		 * @param headers the response's headers
		 * @param index the index of the header among the watched ones
		 * @param lines its lines, not empty
		 * @param applicationHeaderValues told about the application's own values, or
		 * {@code null}
		 */
		private void check(HttpHeaders headers, int index, List<String> lines,
				ApplicationHeaderValues applicationHeaderValues) {
			String name = this.watched[index];
			boolean repeated = lines.size() > 1 && index < SingleValuedHeaders.NAMES.size();
			// The line that stays: the last, where a second one replaces the first.
			String kept = lines.get(repeated ? lines.size() - 1 : 0);
			if (repeated) {
				headers.set(name, kept);
				if (applicationHeaderValues != null) {
					applicationHeaderValues.record(name, kept, true);
				}
			}
			String fixedValue = this.fixedValues[index];
			if (fixedValue != null && applicationHeaderValues != null && !fixedValue.equals(kept)) {
				applicationHeaderValues.record(name, kept, false);
			}
		}

		private static boolean has(long present, int index) {
			return index >= 0 && (present & (1L << index)) != 0;
		}

	}

}
