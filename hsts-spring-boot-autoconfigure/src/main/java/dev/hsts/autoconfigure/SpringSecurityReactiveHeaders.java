package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.hsts.core.ClearSiteData;
import dev.hsts.core.ManagedHeaderChoices;
import dev.hsts.core.ManagedHeaderChoices.Choice;
import dev.hsts.reactive.ClearSiteDataExchangeWriter;
import dev.hsts.reactive.ExchangeHeaderWriter;
import dev.hsts.reactive.PreviewServerExchange;
import dev.hsts.reactive.ReactiveHeadersPreview;
import dev.hsts.reactive.SecurityHeadersWebFilter;
import dev.hsts.reactive.StagedHstsExchangeWriter;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.logout.LogoutWebFilter;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Hands the headers the starter manages (Strict-Transport-Security, Cache-Control with
 * Pragma and Expires, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection) over to
 * the starter in every Spring Security {@link SecurityWebFilterChain} of a WebFlux
 * application, as {@link SpringSecurityHeaderDefaultsPostProcessor} does for servlet
 * chains, with Spring Security's public API only.
 *
 * <p>
 * When a chain bean is created, what its {@link HttpHeaderWriterWebFilter} writes for the
 * managed headers is learnt by running it on a preview of a secure {@code GET /}
 * ({@link PreviewServerExchange}) and compared with Spring Security's defaults and the
 * starter's values ({@link ManagedHeaderChoices}). A value that is neither is the
 * application's own choice in {@code ServerHttpSecurity.headers(...)}: the application
 * does not start, and the report names the chain, the header and the
 * {@code security.headers.*} property that expresses it
 * ({@link HeaderChoicesConflictException}). A chain without header writing is logged as a
 * warning.
 *
 * <p>
 * The chain is then given back with its header filter wrapped: Spring Security's writers
 * still run when the response commits (its other headers, such as {@code Referrer-Policy}
 * where the chain configures it, are written as before), but what they write for the
 * managed headers is put back as it was just before they ran, when the starter had
 * written its own. Without this, Spring Security would fill in what the starter
 * deliberately left out (its one-year HSTS for {@code localhost}, excluded hosts, before
 * a scheduled rollout starts, with HSTS switched off; its Cache-Control, Pragma and
 * Expires on excluded paths).
 */
final class SpringSecurityReactiveHeaders
		implements BeanPostProcessor, BeanFactoryAware, EnvironmentAware, SmartInitializingSingleton {

	private static final Log LOG = LogFactory.getLog(SpringSecurityReactiveHeaders.class);

	private BeanFactory beanFactory;

	private Environment environment;

	/** How many filter chains have a logout, to which Clear-Site-Data is added. */
	private int chainsWithLogout;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof SecurityWebFilterChain chain && !(bean instanceof HandedOverChain)) {
			List<WebFilter> filters = chain.getWebFilters().collectList().toFuture().join();
			List<WebFilter> handedOver = new ArrayList<>(filters.size());
			boolean writesHeaders = false;
			boolean changed = false;
			ClearSiteData clearSiteData = clearSiteData();
			for (WebFilter filter : filters) {
				if (filter instanceof HttpHeaderWriterWebFilter headerFilter) {
					writesHeaders = true;
					changed = true;
					check(headerFilter, beanName);
					handedOver.add(new RestoringManagedHeaders(headerFilter));
				}
				else if (filter instanceof LogoutWebFilter && clearSiteData != null) {
					this.chainsWithLogout++;
					changed = true;
					handedOver.add(new ClearSiteDataOnLogout(filter, clearSiteData));
				}
				else {
					handedOver.add(filter);
				}
			}
			if (!writesHeaders) {
				LOG.warn("Spring Security's filter chain '" + beanName + "' writes no headers (its headers are "
						+ "switched off, as with http.headers(headers -> headers.disable())). The security headers "
						+ "starter still sends its headers on that chain's responses, as configured by "
						+ "security.headers.*: switch single headers off there (security.headers.frame-options="
						+ "disabled, ...), or all of them with security.headers.enabled=false.");
			}
			return changed ? new HandedOverChain(chain, handedOver) : bean;
		}
		return bean;
	}

	/** Clear-Site-Data on logout, or {@code null} when it is off. */
	private ClearSiteData clearSiteData() {
		return this.beanFactory.getBeanProvider(ClearSiteData.class).getIfUnique();
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (clearSiteData() != null) {
			SpringSecurityLogout.warnIfNotHonoured(LOG, this.environment, this.chainsWithLogout);
		}
	}

	/** Refuses the chain's own values for the managed headers. */
	private void check(HttpHeaderWriterWebFilter filter, String beanName) {
		PreviewServerExchange preview = new PreviewServerExchange("localhost");
		try {
			filter.filter(preview.exchange(), (exchange) -> exchange.getResponse().setComplete()).toFuture().join();
		}
		catch (RuntimeException ex) {
			LOG.warn("Could not learn which headers Spring Security's filter chain '" + beanName + "' writes (its "
					+ "header writers failed on a preview of a secure GET /: " + ex + "). Its settings for "
					+ String.join(", ", ManagedHeaderChoices.HEADER_NAMES) + " are not checked; the security headers "
					+ "starter sends its own values for them (security.headers.*).");
			return;
		}
		List<Choice> choices = ManagedHeaderChoices.of(preview.headerValues(), starterValues());
		if (!choices.isEmpty()) {
			throw HeaderChoicesConflictException.ofReactiveChain(beanName, choices);
		}
	}

	/** What the starter may send, by header, from the writers its filter applies. */
	private Map<String, List<String>> starterValues() {
		SecurityHeadersWebFilter filter = this.beanFactory.getBeanProvider(SecurityHeadersWebFilter.class)
			.getIfUnique();
		StarterHeaderValues values = new StarterHeaderValues();
		if (filter != null) {
			for (ExchangeHeaderWriter writer : filter.getWriters()) {
				if (writer instanceof StagedHstsExchangeWriter hsts) {
					values.addHsts(hsts.getPolicy());
				}
				else {
					values.add(ReactiveHeadersPreview.describe(writer));
				}
			}
		}
		return values.values();
	}

	/** A chain whose header filter leaves the managed headers to the starter. */
	static final class HandedOverChain implements SecurityWebFilterChain {

		private final SecurityWebFilterChain chain;

		private final List<WebFilter> filters;

		HandedOverChain(SecurityWebFilterChain chain, List<WebFilter> filters) {
			this.chain = chain;
			this.filters = List.copyOf(filters);
		}

		@Override
		public Mono<Boolean> matches(ServerWebExchange exchange) {
			return this.chain.matches(exchange);
		}

		@Override
		public Flux<WebFilter> getWebFilters() {
			return Flux.fromIterable(this.filters);
		}

	}

	/**
	 * Runs Spring Security's header filter, then puts the managed headers back as they
	 * were just before its writers ran (when the response commits).
	 */
	static final class RestoringManagedHeaders implements WebFilter {

		private final HttpHeaderWriterWebFilter filter;

		private final String name;

		RestoringManagedHeaders(HttpHeaderWriterWebFilter filter) {
			this.filter = filter;
			this.name = filter + " (its headers restored to the starter's at commit)";
		}

		/**
		 * A name made once: Spring Framework 7's {@code DefaultWebFilterChain} asks each
		 * filter for its {@code toString()} on every request (a Reactor checkpoint's
		 * description).
		 */
		@Override
		public String toString() {
			return this.name;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			String[] before = new String[ManagedHeaderChoices.HEADER_NAMES.size()];
			exchange.getResponse().beforeCommit(() -> {
				HttpHeaders headers = exchange.getResponse().getHeaders();
				for (int i = 0; i < before.length; i++) {
					before[i] = headers.getFirst(ManagedHeaderChoices.HEADER_NAMES.get(i));
				}
				return Mono.empty();
			});
			// Spring Security's filter registers its writers' commit action, then calls
			// the chain: the action registered there runs right after its writers.
			return this.filter.filter(exchange, (next) -> {
				next.getResponse().beforeCommit(() -> {
					restore(next.getResponse().getHeaders(), before);
					return Mono.empty();
				});
				return chain.filter(next);
			});
		}

		private static void restore(HttpHeaders headers, String[] before) {
			for (int i = 0; i < before.length; i++) {
				String name = ManagedHeaderChoices.HEADER_NAMES.get(i);
				if (!Objects.equals(headers.getFirst(name), before[i])) {
					if (before[i] != null) {
						headers.set(name, before[i]);
					}
					else {
						headers.put(name, List.of());
					}
				}
			}
		}

	}

	/**
	 * Runs a chain's {@link LogoutWebFilter} and adds Clear-Site-Data to the response of
	 * a logout: the filter passes every request that is not a logout on to the rest of
	 * the chain, so a response to a request it did not pass on is its logout's (a
	 * redirect or a success, written when it commits). The logout filter has no public
	 * way to add a handler once the chain is built ({@code LogoutSpec.logoutHandler}
	 * replaces the handlers, and the application's own call after the starter's would
	 * replace the starter's), so the filter is wrapped instead, with public API only.
	 */
	static final class ClearSiteDataOnLogout implements WebFilter {

		private final WebFilter logout;

		private final ClearSiteData clearSiteData;

		private final String name;

		ClearSiteDataOnLogout(WebFilter logout, ClearSiteData clearSiteData) {
			this.logout = logout;
			this.clearSiteData = clearSiteData;
			this.name = logout + " (Clear-Site-Data added by the starter)";
		}

		/**
		 * A name made once: Spring Framework 7's {@code DefaultWebFilterChain} asks each
		 * filter for its {@code toString()} on every request (a Reactor checkpoint's
		 * description).
		 */
		@Override
		public String toString() {
			return this.name;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			PassedOn passedOn = new PassedOn(exchange, chain);
			exchange.getResponse().beforeCommit(new OnLogoutCommit(passedOn, this.clearSiteData));
			return this.logout.filter(exchange, passedOn);
		}

	}

	/**
	 * The rest of the chain, noting whether the logout filter passed the request on (when
	 * it subscribes to it: the filter asks for it before it knows).
	 */
	static final class PassedOn implements WebFilterChain {

		private final ServerWebExchange exchange;

		private final WebFilterChain chain;

		private volatile boolean passedOn;

		PassedOn(ServerWebExchange exchange, WebFilterChain chain) {
			this.exchange = exchange;
			this.chain = chain;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange next) {
			return Mono.defer(new PassingOn(this, next));
		}

	}

	/** Notes, on subscription, that the request was passed on, and passes it on. */
	private record PassingOn(PassedOn chain, ServerWebExchange next) implements Supplier<Mono<Void>> {

		@Override
		public Mono<Void> get() {
			this.chain.passedOn = true;
			return this.chain.chain.filter(this.next);
		}

	}

	/** Writes Clear-Site-Data when the response of a logout commits. */
	private record OnLogoutCommit(PassedOn chain, ClearSiteData clearSiteData) implements Supplier<Mono<Void>> {

		@Override
		public Mono<Void> get() {
			if (!this.chain.passedOn) {
				ClearSiteDataExchangeWriter.writeOnLogout(this.chain.exchange, this.clearSiteData);
			}
			return Mono.empty();
		}

	}

}
