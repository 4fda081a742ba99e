package dev.hsts.reactive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import reactor.core.publisher.Mono;

import dev.hsts.core.ApplicationHeaderValues;
import dev.hsts.core.ContentSecurityPolicies;
import dev.hsts.core.CspReportCollector;
import dev.hsts.core.CspReportingDirectives;
import dev.hsts.core.CookieFlags;
import dev.hsts.core.ForwardedProtoMismatches;
import dev.hsts.core.HandlerPolicy;
import dev.hsts.core.HeaderPolicies;
import dev.hsts.core.HeaderPolicy;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.PerRequestHeaderPolicy;
import dev.hsts.core.PolicyHeader;
import dev.hsts.core.PolicyRequest;
import dev.hsts.core.SingleValuedHeaders;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * <li>again just before the response commits (through the response
 * {@link SecurityHeadersHttpHandlerDecorator} hands WebFlux, where the application has
 * that bean, otherwise as a {@link ServerHttpResponse#beforeCommit} action), whatever
 * produced it: a handler, an error handler, a redirect, a static resource, a streamed
 * body, a response completed early. Writers only fill what is absent, so what the
 * application set wins; the {@link CommitTimeExchangeHeaderWriter}s (the Cache-Control
 * default) write only then, once the application has chosen.</li>
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
		this.writers = new Writers(writers, null);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(beforeChain(exchange));
	}

	/**
	 * This filter's work before the chain: the headers written, the commit pass set up.
	 * @param exchange the exchange
	 * @return the exchange to pass on (the same one, or one whose response adds the
	 * cookie flags)
	 */
	ServerWebExchange beforeChain(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (this.forwardedProtoMismatches != null && !ExchangeRequests.isSecure(request)) {
			HttpHeaders headers = request.getHeaders();
			this.forwardedProtoMismatches.check(headers.getFirst("X-Forwarded-Proto"), headers.getFirst("Forwarded"),
					ExchangeRequests.peer(request));
		}
		Writers set = this.writers;
		if (set.policies != null) {
			PolicyExchange policy = new PolicyExchange(exchange, set, set.policies, this.applicationHeaderValues);
			policy.beforeChain();
			runAtCommit(exchange, policy);
		}
		else {
			set.writeEager(exchange, true);
			runAtCommit(exchange, new CommitPass(exchange, set, this.applicationHeaderValues));
		}
		CookieFlags flags = this.cookieFlags;
		if (flags != null) {
			ResponseCookieFlags action = new ResponseCookieFlags(flags, exchange.getResponse(),
					ExchangeRequests.isSecure(request));
			exchange.getResponse().beforeCommit(action);
			return new ResponseCookieFlags.Exchange(exchange, action);
		}
		return exchange;
	}

	/**
	 * Runs a commit pass just before the response commits: on the
	 * {@link CommitPassResponse} the response is built on where there is one
	 * ({@link SecurityHeadersHttpHandlerDecorator}), otherwise as a {@code beforeCommit}
	 * action.
	 */
	private static void runAtCommit(ServerWebExchange exchange, Supplier<Mono<Void>> pass) {
		ServerHttpResponse response = exchange.getResponse();
		CommitPassResponse ours = CommitPassResponse.in(response);
		if (ours == null || !ours.claim(pass)) {
			response.beforeCommit(pass);
		}
	}

	/** The commit pass of an exchange without policies. */
	private static final class CommitPass implements Supplier<Mono<Void>> {

		private final ServerWebExchange exchange;

		private final Writers writers;

		private final ApplicationHeaderValues applicationHeaderValues;

		CommitPass(ServerWebExchange exchange, Writers writers, ApplicationHeaderValues applicationHeaderValues) {
			this.exchange = exchange;
			this.writers = writers;
			this.applicationHeaderValues = applicationHeaderValues;
		}

		@Override
		public Mono<Void> get() {
			this.writers.writeAtCommit(this.exchange, this.applicationHeaderValues, null);
			return Mono.empty();
		}

	}

	/**
	 * Just before the response commits: the commit pass of the writers in force now.
	 * @param exchange the exchange
	 */
	void writeAtCommit(ServerWebExchange exchange) {
		this.writers.writeAtCommit(exchange, this.applicationHeaderValues, null);
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
	public synchronized void setWriters(List<? extends ExchangeHeaderWriter> writers) {
		this.writers = new Writers(writers, this.writers.policies);
	}

	/**
	 * Replaces the writers and the policies, all at once (a runtime refresh): an exchange
	 * gets either the previous ones or the new ones.
	 * @param writers the writers to apply from now on, in order
	 * @param policies the policies, or {@code null} for none
	 */
	public synchronized void setWriters(List<? extends ExchangeHeaderWriter> writers, ExchangePolicies policies) {
		this.writers = new Writers(writers, policies);
	}

	/**
	 * The policies this filter chooses from, or {@code null} when every exchange gets the
	 * writers' headers.
	 * @return the policies
	 */
	public ExchangePolicies getPolicies() {
		return this.writers.policies;
	}

	/**
	 * Sets the policies: each exchange that starts from now on gets the policy of its
	 * path before the chain, and that of its handler (or a hook's) when the response
	 * commits, replacing only the values the starter wrote.
	 * @param policies the policies, or {@code null} for none
	 */
	public synchronized void setPolicies(ExchangePolicies policies) {
		this.writers = new Writers(this.writers, policies);
	}

	/**
	 * @param detector told about plain requests that claim to have arrived over HTTPS, or
	 * {@code null}
	 */
	public void setForwardedProtoMismatches(ForwardedProtoMismatches detector) {
		this.forwardedProtoMismatches = detector;
	}

	/**
	 * @return the detector of plain requests that claim to have arrived over HTTPS, or
	 * {@code null}
	 */
	public ForwardedProtoMismatches getForwardedProtoMismatches() {
		return this.forwardedProtoMismatches;
	}

	/**
	 * @param values told when the application sets its own value for a managed header or
	 * adds a second one, or {@code null}
	 */
	public void setApplicationHeaderValues(ApplicationHeaderValues values) {
		this.applicationHeaderValues = values;
	}

	/**
	 * @return what the application set itself for the managed headers, or {@code null}
	 */
	public ApplicationHeaderValues getApplicationHeaderValues() {
		return this.applicationHeaderValues;
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

	/**
	 * One set of writers, sorted once, with what the commit pass looks at, and the
	 * policies that go with them.
	 */
	private static final class Writers {

		/**
		 * The named policies, handler policies and hooks; {@code null} when there are
		 * none (then an exchange does what it did before policies existed).
		 */
		final ExchangePolicies policies;

		final ExchangeHeaderWriter[] eager;

		/**
		 * {@link #eager} with each CSP writer's counting for CSP reporting left out: with
		 * policies the exchange's final policy, chosen at commit, is counted there.
		 */
		private final ExchangeHeaderWriter[] eagerWithoutCounting;

		/**
		 * For each eager writer, whether it may write without first looking for its
		 * headers on a response that had none before this filter: a fixed writer or the
		 * starter's HSTS writer whose header no earlier eager writer may have written, or
		 * the first CSP writer where no earlier one may have written a CSP header. Each
		 * look-up of a header by name costs a hash of the name on Reactor Netty; on a
		 * fresh response there is nothing to find.
		 */
		private final boolean[] eagerWritesBlind;

		/**
		 * For each eager writer that {@link #eagerWritesBlind writes blind} and is a
		 * fixed writer, its value; {@code null} for the others. Read from one array on
		 * every request instead of from each writer (a cache line each, cold after the
		 * request's own allocations).
		 */
		private final String[] eagerBlindValues;

		/**
		 * The index of the eager CSP writer that writes blind, or -1: the other blind
		 * writers without a {@link #eagerBlindValues value} are the starter's HSTS
		 * writer.
		 */
		private final int eagerBlindCsp;

		/**
		 * For each eager writer, the {@link #watched} headers it may write, as bits: the
		 * commit pass runs it again only when one of them is missing. 0 when that is not
		 * known (then it runs again whatever the response has).
		 */
		private final long[] eagerCommitMask;

		private final CommitTimeExchangeHeaderWriter[] atCommit;

		/**
		 * For each commit-time writer, whether the commit pass may write its value
		 * without looking for its header again: the starter's Cache-Control default,
		 * where no other writer may write Cache-Control (the commit pass has just looked
		 * it up).
		 */
		private final boolean[] atCommitWritesBlind;

		/**
		 * The header names written and looked up by index: {@link #watched}, then the
		 * eager writers' headers as they spell them, then the commit-time writers' (empty
		 * where a writer's header is not known).
		 */
		private final String[] names;

		/**
		 * The writes and look-ups of {@link #names} on Reactor Netty's own headers, or
		 * {@code null} without Reactor Netty.
		 */
		private final ReactorNettyResponseHeaders netty;

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

		/** The index of {@code Strict-Transport-Security} in {@link #watched}. */
		private final int hstsIndex;

		/** The starter's HSTS writer, or {@code null}. */
		private final StagedHstsExchangeWriter hstsWriter;

		/** The same writers with other policies. */
		Writers(Writers writers, ExchangePolicies policies) {
			this.policies = policies;
			this.eager = writers.eager;
			this.eagerWithoutCounting = writers.eagerWithoutCounting;
			this.eagerWritesBlind = writers.eagerWritesBlind;
			this.eagerBlindValues = writers.eagerBlindValues;
			this.eagerBlindCsp = writers.eagerBlindCsp;
			this.eagerCommitMask = writers.eagerCommitMask;
			this.atCommit = writers.atCommit;
			this.atCommitWritesBlind = writers.atCommitWritesBlind;
			this.names = writers.names;
			this.netty = writers.netty;
			this.all = writers.all;
			this.watched = writers.watched;
			this.watchedKeys = writers.watchedKeys;
			this.fixedValues = writers.fixedValues;
			this.eagerHeader = writers.eagerHeader;
			this.atCommitHeader = writers.atCommitHeader;
			this.hstsIndex = writers.hstsIndex;
			this.hstsWriter = writers.hstsWriter;
		}

		Writers(List<? extends ExchangeHeaderWriter> writers, ExchangePolicies policies) {
			this.policies = policies;
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
			this.eagerWithoutCounting = new ExchangeHeaderWriter[this.eager.length];
			for (int i = 0; i < this.eager.length; i++) {
				this.eagerWithoutCounting[i] = (this.eager[i] instanceof CspExchangeWriter csp) ? csp.withoutCounting()
						: this.eager[i];
			}
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
			this.eagerWritesBlind = writesBlind(this.eager, this.eagerHeader);
			this.eagerBlindValues = new String[this.eager.length];
			int blindCsp = -1;
			for (int i = 0; i < this.eager.length; i++) {
				if (this.eagerWritesBlind[i] && this.eager[i] instanceof FixedHeaderExchangeWriter fixed) {
					this.eagerBlindValues[i] = fixed.getHeaderValue();
				}
				else if (this.eagerWritesBlind[i] && this.eager[i] instanceof CspExchangeWriter) {
					blindCsp = i;
				}
			}
			this.eagerBlindCsp = blindCsp;
			this.eagerCommitMask = new long[this.eager.length];
			for (int i = 0; i < this.eager.length; i++) {
				this.eagerCommitMask[i] = commitMask(this.eager[i], this.eagerHeader[i], watched);
			}
			this.atCommitWritesBlind = commitWritesBlind(this.eager, this.eagerHeader, this.atCommit,
					this.atCommitHeader);
			this.watched = watched.toArray(new String[0]);
			this.names = new String[this.watched.length + this.eager.length + this.atCommit.length];
			System.arraycopy(this.watched, 0, this.names, 0, this.watched.length);
			for (int i = 0; i < this.eager.length; i++) {
				String name = headerOf(this.eager[i]);
				this.names[this.watched.length + i] = (name != null) ? name : "";
			}
			for (int i = 0; i < this.atCommit.length; i++) {
				String name = headerOf(this.atCommit[i]);
				this.names[this.watched.length + this.eager.length + i] = (name != null) ? name : "";
			}
			this.netty = ReactorNettyResponseHeaders.of(this.names, this.watched.length);
			// A loop, not a stream of method references: this runs while the context
			// starts (issue 21).
			this.watchedKeys = new String[this.watched.length];
			for (int i = 0; i < this.watched.length; i++) {
				this.watchedKeys[i] = ExchangeHeaders.lookupKey(this.watched[i]);
			}
			this.fixedValues = new String[this.watched.length];
			StagedHstsExchangeWriter hsts = null;
			for (int i = 0; i < this.eager.length; i++) {
				if (this.eager[i] instanceof FixedHeaderExchangeWriter fixed && this.eagerHeader[i] >= 0) {
					this.fixedValues[this.eagerHeader[i]] = fixed.getHeaderValue();
				}
				if (this.eager[i] instanceof StagedHstsExchangeWriter staged && hsts == null) {
					hsts = staged;
				}
			}
			this.hstsWriter = hsts;
			int hstsIndex = -1;
			for (int i = 0; i < this.watched.length; i++) {
				if (this.watched[i].equalsIgnoreCase(HstsPolicy.HEADER_NAME)) {
					hstsIndex = i;
				}
			}
			this.hstsIndex = hstsIndex;
		}

		/** {@link #eagerWritesBlind} for these writers and their {@link #eagerHeader}. */
		private static boolean[] writesBlind(ExchangeHeaderWriter[] eager, int[] eagerHeader) {
			boolean[] blind = new boolean[eager.length];
			long written = 0;
			boolean cspBefore = false;
			boolean cspHeaderBefore = false;
			for (int i = 0; i < eager.length; i++) {
				int header = eagerHeader[i];
				blind[i] = blindValueKnown(eager[i]) && header >= 0 && (written & (1L << header)) == 0
						&& !(cspBefore && writtenByCsp(headerOf(eager[i])));
				if (header >= 0) {
					written |= 1L << header;
					cspHeaderBefore |= writtenByCsp(headerOf(eager[i]));
				}
				else if (eager[i] instanceof CspExchangeWriter) {
					blind[i] = !cspBefore && !cspHeaderBefore;
					cspBefore = true;
				}
				else {
					// A writer of headers not known here: every later one looks first.
					return blind;
				}
			}
			return blind;
		}

		/**
		 * Whether a writer is one whose value {@link #writeEager} can take without the
		 * writer looking for its header: a fixed writer (its value), or the starter's
		 * HSTS writer itself (its {@code valueFor}; not a subclass, which may write
		 * otherwise).
		 */
		private static boolean blindValueKnown(ExchangeHeaderWriter writer) {
			return writer instanceof FixedHeaderExchangeWriter || writer.getClass() == StagedHstsExchangeWriter.class;
		}

		/**
		 * {@link #atCommitWritesBlind}: the starter's Cache-Control default, where every
		 * eager writer and every commit-time writer before it writes known headers other
		 * than its own.
		 */
		private static boolean[] commitWritesBlind(ExchangeHeaderWriter[] eager, int[] eagerHeader,
				CommitTimeExchangeHeaderWriter[] atCommit, int[] atCommitHeader) {
			boolean[] blind = new boolean[atCommit.length];
			long written = 0;
			for (int i = 0; i < eager.length; i++) {
				if (eagerHeader[i] >= 0) {
					written |= 1L << eagerHeader[i];
				}
				else if (!(eager[i] instanceof CspExchangeWriter)) {
					// A writer of headers not known here runs again at commit.
					return blind;
				}
			}
			for (int i = 0; i < atCommit.length; i++) {
				int header = atCommitHeader[i];
				if (header < 0) {
					return blind;
				}
				blind[i] = atCommit[i] instanceof CacheControlDefaultExchangeWriter && (written & (1L << header)) == 0;
				written |= 1L << header;
			}
			return blind;
		}

		/** {@link #eagerCommitMask} of one eager writer. */
		private static long commitMask(ExchangeHeaderWriter writer, int header, List<String> watched) {
			if (header >= 0) {
				return 1L << header;
			}
			if (writer instanceof CspExchangeWriter csp) {
				long mask = 0;
				for (int i = 0; i < watched.size(); i++) {
					String name = watched.get(i);
					if ((csp.writesEnforced() && name.equalsIgnoreCase(ContentSecurityPolicies.HEADER_NAME))
							|| (csp.writesReportOnly()
									&& name.equalsIgnoreCase(ContentSecurityPolicies.REPORT_ONLY_HEADER_NAME))) {
						mask |= 1L << i;
					}
				}
				return mask;
			}
			return 0;
		}

		/** Whether the CSP writer may write this header. */
		private static boolean writtenByCsp(String name) {
			return name.equalsIgnoreCase(ContentSecurityPolicies.HEADER_NAME)
					|| name.equalsIgnoreCase(ContentSecurityPolicies.REPORT_ONLY_HEADER_NAME)
					|| name.equalsIgnoreCase(CspReportCollector.REPORTING_ENDPOINTS);
		}

		/**
		 * Runs the eager writers: on a response with no header yet, the fixed writers
		 * that may write without looking do so.
		 * @param exchange the exchange
		 * @param countCsp whether the CSP writer counts the response for CSP reporting
		 * (not with policies: the policy chosen at commit is counted there)
		 */
		void writeEager(ServerWebExchange exchange, boolean countCsp) {
			ExchangeHeaderWriter[] writers = countCsp ? this.eager : this.eagerWithoutCounting;
			ServerHttpResponse response = exchange.getResponse();
			Object nettyHeaders = (this.netty != null) ? this.netty.headersOf(response) : null;
			HttpHeaders headers = (nettyHeaders != null) ? null : response.getHeaders();
			boolean fresh = (nettyHeaders != null) ? this.netty.isFresh(nettyHeaders) : headers.isEmpty();
			for (int i = 0; i < writers.length; i++) {
				if (fresh && this.eagerWritesBlind[i]) {
					String value = this.eagerBlindValues[i];
					if (value == null) {
						if (i == this.eagerBlindCsp) {
							CspExchangeWriter.writeFresh(writers[i], exchange, nettyHeaders);
							continue;
						}
						value = ((StagedHstsExchangeWriter) writers[i]).valueFor(exchange);
						if (value == null) {
							continue;
						}
					}
					int name = this.watched.length + i;
					if (nettyHeaders != null) {
						this.netty.set(nettyHeaders, name, value);
					}
					else {
						headers.set(this.names[name], value);
					}
				}
				else {
					writers[i].writeHeaders(exchange);
				}
			}
		}

		/**
		 * Whether a response has no header yet (on Reactor Netty: none but its
		 * Transfer-Encoding, which no writer here writes), so that nothing is looked up.
		 * @param response the exchange's response
		 * @param headers its headers
		 */
		boolean isFresh(ServerHttpResponse response, HttpHeaders headers) {
			Object nettyHeaders = (this.netty != null) ? this.netty.headersOf(response) : null;
			return (nettyHeaders != null) ? this.netty.isFresh(nettyHeaders) : headers.isEmpty();
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
		 * again, then the commit-time defaults. On Reactor Netty's own headers one walk
		 * over the response's headers finds every watched header; elsewhere each is
		 * looked up once, by its look-up key. A writer whose header is there already is
		 * not run again.
		 * @param exchange the exchange
		 * @param applicationHeaderValues told about the application's own values, or
		 * {@code null}
		 * @param policy the exchange's policy, or {@code null}: a value it wrote is not
		 * the application's
		 */
		void writeAtCommit(ServerWebExchange exchange, ApplicationHeaderValues applicationHeaderValues,
				PolicyExchange policy) {
			ServerHttpResponse response = exchange.getResponse();
			HttpHeaders headers = response.getHeaders();
			Object nettyHeaders = (this.netty != null) ? this.netty.headersOf(response) : null;
			long present = 0;
			if (nettyHeaders != null) {
				String[] first = new String[this.watched.length];
				this.netty.firstValues(nettyHeaders, first);
				for (int i = 0; i < first.length; i++) {
					if (first[i] == null) {
						continue;
					}
					present |= 1L << i;
					if (first[i] == ReactorNettyResponseHeaders.REPEATED) {
						check(headers, i, this.netty.lines(nettyHeaders, i), applicationHeaderValues, policy);
					}
					else {
						check(headers, i, first[i], false, applicationHeaderValues, policy);
					}
				}
			}
			else {
				for (int i = 0; i < this.watchedKeys.length; i++) {
					List<String> lines = ExchangeHeaders.lines(headers, this.watchedKeys[i]);
					if (!lines.isEmpty()) {
						present |= 1L << i;
						check(headers, i, lines, applicationHeaderValues, policy);
					}
				}
			}
			for (int i = 0; i < this.eager.length; i++) {
				long mask = this.eagerCommitMask[i];
				if (mask == 0 || (present & mask) != mask) {
					this.eager[i].writeHeaders(exchange);
				}
			}
			for (int i = 0; i < this.atCommit.length; i++) {
				if (has(present, this.atCommitHeader[i])) {
					continue;
				}
				if (this.atCommitWritesBlind[i]) {
					String value = ((CacheControlDefaultExchangeWriter) this.atCommit[i]).valueFor(exchange);
					if (value == null) {
						continue;
					}
					int name = this.watched.length + this.eager.length + i;
					if (nettyHeaders != null) {
						this.netty.set(nettyHeaders, name, value);
					}
					else {
						headers.set(this.names[name], value);
					}
				}
				else {
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
				ApplicationHeaderValues applicationHeaderValues, PolicyExchange policy) {
			boolean repeated = lines.size() > 1 && index < SingleValuedHeaders.NAMES.size();
			// The line that stays: the last, where a second one replaces the first.
			check(headers, index, lines.get(repeated ? lines.size() - 1 : 0), repeated, applicationHeaderValues,
					policy);
		}

		/**
		 * {@link #check(HttpHeaders, int, List, ApplicationHeaderValues, PolicyExchange)}
		 * with the line that stays known.
		 * @param headers the response's headers
		 * @param index the index of the header among the watched ones
		 * @param kept the line that stays
		 * @param repeated whether it replaces the others of a single-valued header
		 * @param applicationHeaderValues told about the application's own values, or
		 * {@code null}
		 * @param policy the exchange's policy, or {@code null}
		 */
		private void check(HttpHeaders headers, int index, String kept, boolean repeated,
				ApplicationHeaderValues applicationHeaderValues, PolicyExchange policy) {
			String name = this.watched[index];
			if (repeated) {
				headers.set(name, kept);
				if (applicationHeaderValues != null) {
					applicationHeaderValues.record(name, kept, true);
				}
			}
			String fixedValue = this.fixedValues[index];
			if (fixedValue != null && applicationHeaderValues != null && !fixedValue.equals(kept)
					&& (policy == null || !policy.wrote(name, kept))) {
				applicationHeaderValues.record(name, kept, false);
			}
			else if (!repeated && index == this.hstsIndex && applicationHeaderValues != null
					&& !kept.equals(starterHsts()) && (policy == null || !policy.wrote(name, kept))) {
				// Not the value the starter's HSTS writer sends now: the application's.
				applicationHeaderValues.record(name, kept, false);
			}
		}

		/** The value the starter's HSTS writer sends now, or {@code null}. */
		private String starterHsts() {
			if (this.hstsWriter == null) {
				return null;
			}
			return this.hstsWriter.getPolicy().headerValue(this.hstsWriter.getClock());
		}

		private static boolean has(long present, int index) {
			return index >= 0 && (present & (1L << index)) != 0;
		}

	}

	/**
	 * One exchange's policy, when the filter has {@link ExchangePolicies}: before the
	 * chain, the writers' headers and then the policy of the path; when the response
	 * commits, the writers' commit pass and then the policy of the handler the exchange
	 * was mapped to ({@code HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE}, kept on the
	 * exchange through error handling, so an error response keeps its handler's policy),
	 * adjusted by the hooks. Each time, only what the starter wrote is replaced or
	 * removed; a value the application set (or removed and set again) is left alone. Also
	 * the request as the hooks see it.
	 */
	private static final class PolicyExchange implements Supplier<Mono<Void>>, PolicyRequest {

		/**
		 * {@code HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE} of WebFlux, spelled out
		 * (the constant is computed from the class, which a WebFlux-less reactive
		 * application does not have).
		 */
		private static final String HANDLER_ATTRIBUTE = "org.springframework.web.reactive.HandlerMapping.bestMatchingHandler";

		private static final PolicyHeader[] HEADERS = PolicyHeader.values();

		private static final String[] KEYS = keys();

		/**
		 * The policy headers read on Reactor Netty's own headers in one walk;
		 * {@code null} without Reactor Netty.
		 */
		private static final ReactorNettyResponseHeaders NETTY = ReactorNettyResponseHeaders.of(headerNames(),
				HEADERS.length);

		private static final Log logger = LogFactory.getLog(SecurityHeadersWebFilter.class);

		private final ServerWebExchange exchange;

		private final Writers writers;

		private final ExchangePolicies policies;

		private final ApplicationHeaderValues applicationHeaderValues;

		private final String path;

		/**
		 * By {@link PolicyHeader#ordinal()}: the value the starter left on the response,
		 * {@code null} when none.
		 */
		private final String[] written = new String[HEADERS.length];

		/** The headers whose value a policy (not a writer) decided. */
		private long changed;

		/** The path's policy, written before the chain. */
		private HeaderPolicy pathPolicy;

		/**
		 * By {@link PolicyHeader#ordinal()}: the first value of each policy header on the
		 * response when it was last {@link #read() read}, {@code null} when absent.
		 */
		private final String[] values = new String[HEADERS.length];

		private String nonce;

		private Object handler;

		PolicyExchange(ServerWebExchange exchange, Writers writers, ExchangePolicies policies,
				ApplicationHeaderValues applicationHeaderValues) {
			this.exchange = exchange;
			this.writers = writers;
			this.policies = policies;
			this.applicationHeaderValues = applicationHeaderValues;
			this.path = ExchangeRequests.encodedPath(exchange.getRequest());
		}

		private static String[] keys() {
			String[] keys = new String[HEADERS.length];
			for (int i = 0; i < keys.length; i++) {
				keys[i] = ExchangeHeaders.lookupKey(HEADERS[i].headerName());
			}
			return keys;
		}

		private static String[] headerNames() {
			String[] names = new String[HEADERS.length];
			for (int i = 0; i < names.length; i++) {
				names[i] = HEADERS[i].headerName();
			}
			return names;
		}

		/**
		 * Reads the first value of each policy header into {@link #values}: on Reactor
		 * Netty's own headers in one walk over the response's headers, elsewhere by one
		 * look-up each.
		 * @return {@link #values}
		 */
		private String[] read() {
			ServerHttpResponse response = this.exchange.getResponse();
			String[] read = this.values;
			Arrays.fill(read, null);
			Object nettyHeaders = (NETTY != null) ? NETTY.headersOf(response) : null;
			if (nettyHeaders != null) {
				NETTY.firstValues(nettyHeaders, read);
				for (int i = 0; i < read.length; i++) {
					if (read[i] == ReactorNettyResponseHeaders.REPEATED) {
						read[i] = NETTY.lines(nettyHeaders, i).get(0);
					}
				}
			}
			else {
				HttpHeaders headers = response.getHeaders();
				for (int i = 0; i < read.length; i++) {
					read[i] = headers.getFirst(KEYS[i]);
				}
			}
			return read;
		}

		/** Before the chain: the writers' headers, then the path's policy. */
		void beforeChain() {
			HttpHeaders headers = this.exchange.getResponse().getHeaders();
			// What is there already was set by a filter before this one: not the
			// starter's.
			long theirs = this.writers.isFresh(this.exchange.getResponse(), headers) ? 0 : present(read());
			if (this.policies.nonceUpFront()) {
				this.nonce = nonce();
			}
			// The policy chosen at commit counts the response for CSP reporting.
			this.writers.writeEager(this.exchange, false);
			HeaderPolicies headerPolicies = this.policies.policies();
			this.pathPolicy = headerPolicies.forPath(headerPolicies.dependsOnPath() ? this.path : null);
			apply(headers, read(), this.pathPolicy, theirs, false);
		}

		/** Just before the response commits. */
		@Override
		public Mono<Void> get() {
			HttpHeaders headers = this.exchange.getResponse().getHeaders();
			long absent = ~present(read());
			this.writers.writeAtCommit(this.exchange, this.applicationHeaderValues, this);
			this.handler = this.exchange.getAttribute(HANDLER_ATTRIBUTE);
			HandlerPolicy handlerPolicy = this.policies.handlerPolicy(this.exchange, this.handler);
			HeaderPolicy policy = (handlerPolicy != null) ? this.policies.policies().choose(handlerPolicy, this.path)
					: this.pathPolicy;
			List<PerRequestHeaderPolicy> hooks = this.policies.hooks();
			if (!hooks.isEmpty()) {
				policy = adjust(policy, hooks);
			}
			// The application's: there before the commit pass, and not what the starter
			// left.
			String[] now = read();
			long theirs = 0;
			for (int i = 0; i < HEADERS.length; i++) {
				if ((absent & (1L << i)) == 0 && !Objects.equals(now[i], this.written[i])) {
					theirs |= 1L << i;
				}
			}
			apply(headers, now, policy, theirs, true);
			int reportOnly = PolicyHeader.CONTENT_SECURITY_POLICY_REPORT_ONLY.ordinal();
			if (this.written[reportOnly] != null && this.policies.decides(reportOnly)) {
				// As on servlet: the final policy's report-only CSP went out, for the
				// csp.report-only.ready finding.
				policy.reportOnlySent();
			}
			return Mono.empty();
		}

		private HeaderPolicy adjust(HeaderPolicy chosen, List<PerRequestHeaderPolicy> hooks) {
			try {
				return this.policies.policies().adjust(chosen, this, hooks);
			}
			catch (RuntimeException ex) {
				// The response goes out with the policy chosen without the hooks.
				if (logger.isWarnEnabled()) {
					logger.warn("A PerRequestHeaderPolicy failed on " + this.exchange.getRequest().getMethod() + " "
							+ this.path + "; the response gets the policy '" + chosen.name() + "': " + ex, ex);
				}
				return chosen;
			}
		}

		/**
		 * Writes a policy over what the starter wrote: each header the policies decide
		 * (its writer is the starter's) and the application did not set gets the policy's
		 * value, or none. Where the policy's value is the defaults' and no policy changed
		 * the header, what the writer wrote (the same value) stays.
		 * @param headers the response's headers
		 * @param current the first value of each policy header on the response now, by
		 * ordinal ({@link #read()})
		 * @param policy the policy
		 * @param theirs the headers the application set
		 * @param atCommit whether the response commits (then Cache-Control too)
		 */
		private void apply(HttpHeaders headers, String[] current, HeaderPolicy policy, long theirs, boolean atCommit) {
			if (policy.usesNonce() && this.nonce == null) {
				this.nonce = nonce();
			}
			HeaderPolicy defaults = this.policies.policies().defaults();
			boolean notModified = atCommit
					&& HttpStatus.NOT_MODIFIED.equals(this.exchange.getResponse().getStatusCode());
			for (int i = 0; i < HEADERS.length; i++) {
				long bit = 1L << i;
				if ((theirs & bit) != 0) {
					this.written[i] = null;
					continue;
				}
				PolicyHeader header = HEADERS[i];
				if (!this.policies.decides(i)) {
					// The application's writer bean writes it.
					this.written[i] = current[i];
					continue;
				}
				if (header == PolicyHeader.CACHE_CONTROL && !atCommit) {
					continue;
				}
				if (policy == defaults && (this.changed & bit) == 0) {
					// The defaults, unchanged: what the writer wrote stays (as below,
					// where
					// the policy's value is the defaults').
					this.written[i] = current[i];
					continue;
				}
				String target;
				String byDefault;
				if (header == PolicyHeader.STRICT_TRANSPORT_SECURITY) {
					// On: what the HSTS writer wrote (it knows the stage and the host).
					target = policy.hsts() ? current[i] : null;
					byDefault = defaults.hsts() ? current[i] : null;
				}
				else if (header == PolicyHeader.CACHE_CONTROL) {
					target = notModified ? null : policy.cacheControl(this.path);
					byDefault = notModified ? null : defaults.cacheControl(this.path);
				}
				else {
					target = policy.render(header, this.nonce);
					byDefault = defaults.render(header, this.nonce);
				}
				if ((this.changed & bit) == 0 && Objects.equals(target, byDefault)) {
					this.written[i] = current[i];
					continue;
				}
				if (!Objects.equals(current[i], target)) {
					if (target != null) {
						headers.set(header.headerName(), target);
					}
					else {
						ExchangeHeaders.remove(headers, header.headerName());
					}
					this.changed |= bit;
				}
				this.written[i] = target;
			}
			reportingEndpoints(headers, policy);
		}

		/**
		 * With CSP reporting on: the Reporting-Endpoints of the policy's CSP headers on
		 * the response, or none of the starter's when it has none.
		 */
		private void reportingEndpoints(HttpHeaders headers, HeaderPolicy policy) {
			CspReportingDirectives reporting = policy.reporting();
			if (reporting == null) {
				return;
			}
			String existing = headers.getFirst(CspReportCollector.REPORTING_ENDPOINTS);
			String endpoints = policy.reportingEndpoints(
					this.written[PolicyHeader.CONTENT_SECURITY_POLICY.ordinal()] != null,
					this.written[PolicyHeader.CONTENT_SECURITY_POLICY_REPORT_ONLY.ordinal()] != null);
			if (endpoints != null) {
				headers.set(CspReportCollector.REPORTING_ENDPOINTS, reporting.merge(existing, endpoints));
			}
			else if (reporting.isOwn(existing)) {
				ExchangeHeaders.remove(headers, CspReportCollector.REPORTING_ENDPOINTS);
			}
		}

		/** The managed headers the response has, from {@link #read()}. */
		private static long present(String[] values) {
			long present = 0;
			for (int i = 0; i < values.length; i++) {
				if (values[i] != null) {
					present |= 1L << i;
				}
			}
			return present;
		}

		/**
		 * Whether the starter left this value of a header on the response (so that the
		 * commit pass does not count it as the application's).
		 */
		boolean wrote(String name, String value) {
			PolicyHeader header = PolicyHeader.of(name);
			return header != null && value.equals(this.written[header.ordinal()]);
		}

		/**
		 * The exchange's nonce, the one the CSP writer and views use, made on first use.
		 */
		private String nonce() {
			Map<String, Object> attributes = this.exchange.getAttributes();
			Object nonce = attributes.get(CspExchangeWriter.NONCE_ATTRIBUTE);
			if (nonce instanceof String existing) {
				return existing;
			}
			String made = ContentSecurityPolicies.newNonce();
			attributes.put(CspExchangeWriter.NONCE_ATTRIBUTE, made);
			return made;
		}

		@Override
		public String method() {
			return this.exchange.getRequest().getMethod().name();
		}

		@Override
		public String path() {
			return this.path;
		}

		@Override
		public String host() {
			return ExchangeRequests.serverName(this.exchange.getRequest());
		}

		@Override
		public boolean secure() {
			return ExchangeRequests.isSecure(this.exchange.getRequest());
		}

		@Override
		public String header(String name) {
			return this.exchange.getRequest().getHeaders().getFirst(name);
		}

		@Override
		public Object handler() {
			return this.handler;
		}

		@Override
		public String policyName() {
			// Told by HeaderPolicies.adjust, which wraps this request.
			return HeaderPolicy.DEFAULT_NAME;
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
