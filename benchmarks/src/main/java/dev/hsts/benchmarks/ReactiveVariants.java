package dev.hsts.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import reactor.core.publisher.Mono;

import dev.hsts.autoconfigure.ReactiveSecurityHeadersAutoConfiguration;
import dev.hsts.reactive.SecurityHeadersHttpHandlerDecorator;
import dev.hsts.reactive.SecurityHeadersWebFilter;
import dev.hsts.reactive.StarterWebFilters;
import dev.hsts.reactive.TrustedHostWebFilter;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.PermissionsPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.StaticServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.handler.DefaultWebFilterChain;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The WebFlux twin of {@link Variants}: a trivial handler and five WebFilter chains, each
 * built once (as WebFlux's FilteringWebHandler builds its chain once): (1) no header
 * filter (the floor); (2) a hand-written WebFilter; (3) Spring Security's
 * {@link HttpHeaderWriterWebFilter} with a {@link CompositeServerHttpHeadersWriter} of
 * the same eight headers; (4) the starter's WebFilters and its {@code HttpHandler}
 * decorator as its auto-configuration builds them, run as one entry of the chain as in an
 * application, (4b) the same without trusted hosts (the trusted-host filter off), and
 * (4c) that without the decorator. One request is
 * {@code GET https://api.example.com/v1/health} on Spring's mock request and response,
 * through an {@code HttpHandler} that makes the exchange and completes the response at
 * the end, as {@code HttpWebHandlerAdapter} does (so that the commit actions run).
 * {@link #check} makes sure they all write the same header set.
 */
final class ReactiveVariants {

	private static final byte[] BODY = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

	/**
	 * What a server shares between exchanges (HttpWebHandlerAdapter holds one of each);
	 * MockServerWebExchange would make a new codec configurer per exchange.
	 */
	private static final ServerCodecConfigurer CODECS = ServerCodecConfigurer.create();

	private static final WebSessionManager SESSIONS = new DefaultWebSessionManager();

	private static final LocaleContextResolver LOCALES = new AcceptHeaderLocaleContextResolver();

	/**
	 * Answers {@code {"status":"UP"}} with a content type and length, writing the body
	 * (which commits the response, as a handler's result does on a server).
	 */
	static final WebHandler HANDLER = (exchange) -> {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setContentLength(BODY.length);
		DataBuffer body = DefaultDataBufferFactory.sharedInstance.wrap(BODY);
		return response.writeWith(Mono.just(body));
	};

	final HttpHandler floor = handler(chain());

	final HttpHandler naive = handler(chain(new NaiveHeadersWebFilter(false)));

	final HttpHandler naiveSetIfAbsent = handler(chain(new NaiveHeadersWebFilter(true)));

	final HttpHandler springSecurity = handler(chain(newHttpHeaderWriterWebFilter()));

	final HttpHandler starter;

	final HttpHandler starterHeadersOnly;

	/**
	 * The starter's headers alone without its
	 * {@link SecurityHeadersHttpHandlerDecorator}: the commit pass as a
	 * {@code beforeCommit} action, as in an application whose {@code HttpHandler} is not
	 * built from its context.
	 */
	final HttpHandler starterHeadersOnlyBeforeCommit;

	ReactiveVariants() {
		Starter withHosts = new Starter(true);
		Starter headersOnly = new Starter(false);
		this.starter = withHosts.decorator.apply(handler(chain(withHosts.filters)));
		this.starterHeadersOnly = headersOnly.decorator.apply(handler(chain(headersOnly.filters)));
		this.starterHeadersOnlyBeforeCommit = handler(chain(headersOnly.filters));
	}

	private static DefaultWebFilterChain chain(WebFilter... filters) {
		return new DefaultWebFilterChain(HANDLER, List.of(filters));
	}

	/**
	 * The chain as {@code HttpWebHandlerAdapter} runs it: an exchange made of the
	 * server's request and response (each {@code HttpHandlerDecoratorFactory} decorates
	 * this), the response completed at the end.
	 */
	private static HttpHandler handler(DefaultWebFilterChain chain) {
		return (request, response) -> {
			ServerWebExchange exchange = new DefaultServerWebExchange(request, response, SESSIONS, CODECS, LOCALES);
			return chain.filter(exchange).then(Mono.defer(response::setComplete));
		};
	}

	/** One request through the handler, completed; returns the server's response. */
	static MockServerHttpResponse run(HttpHandler handler) {
		MockServerHttpRequest request = MockServerHttpRequest.get("https://" + Requests.HOST + "/v1/health")
			.header("Host", Requests.HOST)
			.header("Accept", "application/json")
			.header("User-Agent", "benchmark/1.0")
			.build();
		MockServerHttpResponse response = new MockServerHttpResponse();
		handler.handle(request, response).block();
		return response;
	}

	/** The response's headers, by name (any case). */
	static Map<String, List<String>> headers(HttpHandler handler) {
		MockServerHttpResponse response = run(handler);
		if (response.getStatusCode() == null || response.getStatusCode().value() != 200 || !response.isCommitted()) {
			throw new IllegalStateException(
					"Status " + response.getStatusCode() + ", committed " + response.isCommitted());
		}
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		response.getHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
		return headers;
	}

	/**
	 * Refuses to run unless every variant writes the naive filter's headers, and HSTS
	 * comes from the filters only.
	 */
	void check() {
		Map<String, List<String>> expected = headers(this.naive);
		check("naiveSetIfAbsent", expected, headers(this.naiveSetIfAbsent));
		check("springSecurity", expected, headers(this.springSecurity));
		check("starter", expected, headers(this.starter));
		check("starterHeadersOnly", expected, headers(this.starterHeadersOnly));
		check("starterHeadersOnlyBeforeCommit", expected, headers(this.starterHeadersOnlyBeforeCommit));
		if (expected.size() != 10 || !expected.containsKey("Strict-Transport-Security")
				|| headers(this.floor).containsKey("Strict-Transport-Security")) {
			throw new IllegalStateException(
					"Eight headers (and Content-Type, Content-Length), HSTS from the filters only: " + expected);
		}
	}

	private static void check(String variant, Map<String, List<String>> expected, Map<String, List<String>> actual) {
		if (!expected.equals(actual)) {
			throw new IllegalStateException(variant + " writes " + actual + ", the naive filter " + expected);
		}
	}

	/**
	 * Spring Security's WebFilter with the same header set (as ServerHttpSecurity's
	 * headers() builds it: one composite writer, run before commit).
	 */
	static HttpHeaderWriterWebFilter newHttpHeaderWriterWebFilter() {
		StrictTransportSecurityServerHttpHeadersWriter hsts = new StrictTransportSecurityServerHttpHeadersWriter();
		hsts.setMaxAge(Duration.ofSeconds(300));
		hsts.setIncludeSubDomains(false);
		XFrameOptionsServerHttpHeadersWriter frameOptions = new XFrameOptionsServerHttpHeadersWriter();
		frameOptions.setMode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY);
		ReferrerPolicyServerHttpHeadersWriter referrerPolicy = new ReferrerPolicyServerHttpHeadersWriter();
		referrerPolicy.setPolicy(ReferrerPolicy.NO_REFERRER);
		PermissionsPolicyServerHttpHeadersWriter permissionsPolicy = new PermissionsPolicyServerHttpHeadersWriter();
		permissionsPolicy.setPolicy("geolocation=(), microphone=(), camera=()");
		XXssProtectionServerHttpHeadersWriter xssProtection = new XXssProtectionServerHttpHeadersWriter();
		xssProtection.setHeaderValue(XXssProtectionServerHttpHeadersWriter.HeaderValue.DISABLED);
		return new HttpHeaderWriterWebFilter(
				new CompositeServerHttpHeadersWriter(hsts, new XContentTypeOptionsServerHttpHeadersWriter(),
						frameOptions, referrerPolicy, permissionsPolicy, xssProtection,
						StaticServerHttpHeadersWriter.builder()
							.header("X-Permitted-Cross-Domain-Policies", "none")
							.header("Cache-Control", "no-store")
							.build()));
	}

	/**
	 * The starter's WebFilters and its {@code HttpHandler} decorator, from its
	 * auto-configuration, the filters in their order and run as one entry of the chain,
	 * as in an application ({@link StarterWebFilters#combineAdjacent(List)}, which the
	 * starter's {@code WebHttpHandlerBuilderCustomizer} applies there).
	 */
	private static final class Starter {

		final WebFilter[] filters;

		final SecurityHeadersHttpHandlerDecorator decorator;

		Starter(boolean trustedHosts) {
			List<SecurityHeadersHttpHandlerDecorator> decorator = new ArrayList<>();
			this.filters = starterFilters(trustedHosts, decorator);
			this.decorator = decorator.get(0);
		}

	}

	private static WebFilter[] starterFilters(boolean trustedHosts,
			List<SecurityHeadersHttpHandlerDecorator> decorator) {
		List<WebFilter> filters = new ArrayList<>();
		ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveSecurityHeadersAutoConfiguration.class));
		if (trustedHosts) {
			runner = runner.withPropertyValues("security.headers.trusted-hosts.allowed=" + Variants.ALLOWED);
		}
		runner.run((context) -> {
			if (context.getStartupFailure() != null) {
				throw new IllegalStateException(context.getStartupFailure());
			}
			decorator.add(context.getBean(SecurityHeadersHttpHandlerDecorator.class));
			TrustedHostWebFilter hosts = context.getBean(TrustedHostWebFilter.class);
			if (trustedHosts == hosts.getCheck().getTrustedHosts().isOff()) {
				throw new IllegalStateException("The trusted-host check is " + (trustedHosts ? "off" : "on"));
			}
			filters.addAll(context.getBeanProvider(WebFilter.class).orderedStream().toList());
			StarterWebFilters.combineAdjacent(filters);
			if (filters.size() != 1 || !(filters.get(0) instanceof StarterWebFilters entry)
					|| !entry.getFilters().equals(List.of(context.getBean(SecurityHeadersWebFilter.class), hosts))) {
				throw new IllegalStateException("Not the starter's two filters in one entry: " + filters);
			}
		});
		return filters.toArray(new WebFilter[0]);
	}

}
