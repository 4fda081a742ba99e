package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;

import dev.hsts.actuate.TrustedHostRejectionMetrics;
import dev.hsts.core.CspReportingDirectives;
import dev.hsts.core.ApplicationHeaderValues;
import dev.hsts.core.ClearSiteData;
import dev.hsts.core.CookieFlags;
import dev.hsts.core.CspReportCollector;
import dev.hsts.core.Finding;
import dev.hsts.core.ForwardedProtoMismatches;
import dev.hsts.core.HeadersPreview;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.LivePolicy;
import dev.hsts.core.PerRequestHeaderPolicy;
import dev.hsts.core.PolicyUsage;
import dev.hsts.core.PolicyChangeListener;
import dev.hsts.core.InvalidPolicyException;
import dev.hsts.core.TrustedHostRejectionCounts;
import dev.hsts.core.TrustedHostRejectionListener;
import dev.hsts.core.TrustedHosts;
import dev.hsts.reactive.CacheControlDefaultExchangeWriter;
import dev.hsts.reactive.ClearSiteDataExchangeWriter;
import dev.hsts.reactive.CspExchangeWriter;
import dev.hsts.reactive.CspReportWebFilter;
import dev.hsts.reactive.ExchangeHeaderWriter;
import dev.hsts.reactive.FixedHeaderExchangeWriter;
import dev.hsts.reactive.HttpsRedirectWebFilter;
import dev.hsts.reactive.ReactiveHeadersPreview;
import dev.hsts.reactive.SecurityHeadersHttpHandlerDecorator;
import dev.hsts.reactive.SecurityHeadersWebFilter;
import dev.hsts.reactive.StagedHstsExchangeWriter;
import dev.hsts.reactive.TrustedHostExchangeCheck;
import dev.hsts.reactive.TrustedHostWebFilter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of staged HSTS, the security headers, the trusted-host check and the
 * HTTPS redirect for WebFlux applications: the same {@code security.headers.*}
 * properties, the same values, findings, endpoint and metrics as in a servlet
 * application, applied by the WebFlux adapter ({@code dev.hsts.reactive}). Wiring only.
 * Every bean backs off when the application defines its own (a header writer: a bean with
 * the same name as the starter's, as in a servlet application). The starter's filters
 * that end up next to each other in the application's chain run as one entry of it
 * ({@link WebHttpHandlerBuilderCustomizerRegistrar}).
 *
 * <p>
 * The properties are bound here, only with the starter on; the keys and switches are
 * checked by {@link SecurityHeadersPropertiesAutoConfiguration}, also when
 * {@code security.headers.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(WebFilter.class)
@ConditionalOnBooleanProperty(name = "security.headers.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ SecurityHeadersProperties.class, TrustedHostsProperties.class })
@Import(WebHttpHandlerBuilderCustomizerRegistrar.class)
public class ReactiveSecurityHeadersAutoConfiguration {

	/** What to set behind a TLS-terminating proxy, on a WebFlux server. */
	static final String PROXY_ADVICE = "set server.forward-headers-strategy=native (on Tomcat, list the proxy's "
			+ "address in server.tomcat.remoteip.internal-proxies; Reactor Netty believes the headers from any "
			+ "client, so only the proxy may reach the application)";

	private final SecurityHeadersProperties properties;

	/**
	 * @param properties the bound {@code security.headers.*} properties
	 */
	public ReactiveSecurityHeadersAutoConfiguration(SecurityHeadersProperties properties) {
		this.properties = properties;
	}

	@Bean
	@ConditionalOnMissingBean
	public HstsPolicy hstsPolicy() {
		return SecurityHeaderValues.hstsPolicy(this.properties);
	}

	@Bean
	@ConditionalOnMissingBean
	public LivePolicy securityHeadersLivePolicy(HstsPolicy hstsPolicy, ObjectProvider<Clock> clock) {
		return new LivePolicy(hstsPolicy, StarterClock.of(clock).instant());
	}

	@Bean
	@ConditionalOnMissingBean
	public SecurityHeadersPolicyRefresher securityHeadersPolicyRefresher(Environment environment, LivePolicy livePolicy,
			ObjectProvider<Clock> clock, ObjectProvider<PolicyChangeListener> listeners,
			ConfigurableListableBeanFactory beanFactory, SecurityHeadersWebFilter filter) {
		return new SecurityHeadersPolicyRefresher(environment, livePolicy, StarterClock.of(clock), listeners,
				new ReactiveStarterWriters(beanFactory, filter));
	}

	@Bean(SecurityHeadersAutoConfiguration.HSTS_HEADER_WRITER_BEAN_NAME)
	@ConditionalOnMissingBean(name = SecurityHeadersAutoConfiguration.HSTS_HEADER_WRITER_BEAN_NAME,
			value = StagedHstsExchangeWriter.class)
	public StagedHstsExchangeWriter hstsHeaderWriter(HstsPolicy hstsPolicy, ObjectProvider<Clock> clock,
			ObjectProvider<TrustedHostExchangeCheck> trustedHostCheck) {
		TrustedHostExchangeCheck check = trustedHostCheck.getIfUnique();
		Clock writerClock = StarterClock.of(clock);
		return (check != null) ? new StagedHstsExchangeWriter(hstsPolicy, writerClock, check::isTrusted)
				: new StagedHstsExchangeWriter(hstsPolicy, writerClock);
	}

	@Bean
	@Order(100)
	@ConditionalOnMissingBean(name = "contentTypeOptionsHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CONTENT_TYPE_OPTIONS)
	public FixedHeaderExchangeWriter contentTypeOptionsHeaderWriter() {
		return new FixedHeaderExchangeWriter("X-Content-Type-Options",
				SecurityHeaderValues.contentTypeOptions(this.properties));
	}

	@Bean
	@Order(200)
	@ConditionalOnMissingBean(name = "frameOptionsHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.FRAME_OPTIONS)
	public FixedHeaderExchangeWriter frameOptionsHeaderWriter() {
		return new FixedHeaderExchangeWriter("X-Frame-Options", SecurityHeaderValues.frameOptions(this.properties));
	}

	@Bean
	@Order(300)
	@ConditionalOnMissingBean(name = "referrerPolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.REFERRER_POLICY)
	public FixedHeaderExchangeWriter referrerPolicyHeaderWriter() {
		return new FixedHeaderExchangeWriter("Referrer-Policy", SecurityHeaderValues.referrerPolicy(this.properties));
	}

	@Bean
	@Order(400)
	@ConditionalOnMissingBean(name = "permissionsPolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.PERMISSIONS_POLICY)
	public FixedHeaderExchangeWriter permissionsPolicyHeaderWriter() {
		return new FixedHeaderExchangeWriter("Permissions-Policy",
				SecurityHeaderValues.permissionsPolicy(this.properties));
	}

	@Bean
	@Order(500)
	@ConditionalOnMissingBean(name = "contentSecurityPolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CONTENT_SECURITY_POLICY)
	public CspExchangeWriter contentSecurityPolicyHeaderWriter(ObjectProvider<CspReportingDirectives> cspReporting) {
		return new CspExchangeWriter(SecurityHeaderValues.contentSecurityPolicies(this.properties)
			.withReporting(cspReporting.getIfUnique()));
	}

	@Bean
	@Order(600)
	@ConditionalOnMissingBean(name = "crossOriginOpenerPolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CROSS_ORIGIN_OPENER_POLICY)
	public FixedHeaderExchangeWriter crossOriginOpenerPolicyHeaderWriter() {
		return new FixedHeaderExchangeWriter("Cross-Origin-Opener-Policy",
				SecurityHeaderValues.crossOriginOpenerPolicy(this.properties));
	}

	@Bean
	@Order(700)
	@ConditionalOnMissingBean(name = "crossOriginResourcePolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CROSS_ORIGIN_RESOURCE_POLICY)
	public FixedHeaderExchangeWriter crossOriginResourcePolicyHeaderWriter() {
		return new FixedHeaderExchangeWriter("Cross-Origin-Resource-Policy",
				SecurityHeaderValues.crossOriginResourcePolicy(this.properties));
	}

	@Bean
	@Order(710)
	@ConditionalOnMissingBean(name = "crossOriginEmbedderPolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CROSS_ORIGIN_EMBEDDER_POLICY)
	public FixedHeaderExchangeWriter crossOriginEmbedderPolicyHeaderWriter() {
		return new FixedHeaderExchangeWriter("Cross-Origin-Embedder-Policy",
				SecurityHeaderValues.crossOriginEmbedderPolicy(this.properties));
	}

	@Bean
	@Order(720)
	@ConditionalOnMissingBean(name = "originAgentClusterHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.ORIGIN_AGENT_CLUSTER)
	public FixedHeaderExchangeWriter originAgentClusterHeaderWriter() {
		return new FixedHeaderExchangeWriter("Origin-Agent-Cluster",
				SecurityHeaderValues.originAgentCluster(this.properties));
	}

	@Bean
	@Order(730)
	@ConditionalOnMissingBean(name = "permittedCrossDomainPoliciesHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.PERMITTED_CROSS_DOMAIN_POLICIES)
	public FixedHeaderExchangeWriter permittedCrossDomainPoliciesHeaderWriter() {
		return new FixedHeaderExchangeWriter("X-Permitted-Cross-Domain-Policies",
				SecurityHeaderValues.permittedCrossDomainPolicies(this.properties));
	}

	@Bean
	@Order(740)
	@ConditionalOnMissingBean(name = "dnsPrefetchControlHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.DNS_PREFETCH_CONTROL)
	public FixedHeaderExchangeWriter dnsPrefetchControlHeaderWriter() {
		return new FixedHeaderExchangeWriter("X-DNS-Prefetch-Control",
				SecurityHeaderValues.dnsPrefetchControl(this.properties));
	}

	@Bean
	@Order(750)
	@ConditionalOnMissingBean(name = "xssProtectionHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.XSS_PROTECTION)
	public FixedHeaderExchangeWriter xssProtectionHeaderWriter() {
		return new FixedHeaderExchangeWriter("X-XSS-Protection", SecurityHeaderValues.xssProtection(this.properties));
	}

	@Bean
	@Order(800)
	@ConditionalOnMissingBean(name = "cacheControlHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CACHE_CONTROL)
	public CacheControlDefaultExchangeWriter cacheControlHeaderWriter() {
		return new CacheControlDefaultExchangeWriter(SecurityHeaderValues.cacheControlValue(this.properties),
				SecurityHeaderValues.cacheControlExcludedPaths(this.properties));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSecurityHeader(SecurityHeader.CLEAR_SITE_DATA)
	public ClearSiteData securityHeadersClearSiteData() {
		return SecurityHeaderValues.clearSiteData(this.properties);
	}

	@Bean
	@ConditionalOnMissingBean
	public SecurityHeadersWebFilter securityHeadersWebFilter(ObjectProvider<ExchangeHeaderWriter> writers) {
		SecurityHeadersWebFilter filter = new SecurityHeadersWebFilter(writers.orderedStream().toList());
		// What the filter notices for the findings: made with it, not beans of their own
		// (each bean costs the start-up a few milliseconds, issue 21).
		filter.setForwardedProtoMismatches(new ForwardedProtoMismatches(PROXY_ADVICE));
		filter.setApplicationHeaderValues(new ApplicationHeaderValues());
		return filter;
	}

	/**
	 * The server's response, decorated so that the header filter's commit pass runs
	 * without a {@code beforeCommit} action (Spring's fast commit path is kept).
	 * @return the decorator factory
	 */
	@Bean
	@ConditionalOnMissingBean
	public SecurityHeadersHttpHandlerDecorator securityHeadersHttpHandlerDecorator() {
		return new SecurityHeadersHttpHandlerDecorator();
	}

	/**
	 * Where each named policy applies (paths, and the handlers found at startup), for the
	 * endpoint. Made here, where the named policies are validated first.
	 * @return the usage
	 */
	@Bean
	@ConditionalOnMissingBean
	public PolicyUsage securityHeadersPolicyUsage() {
		return new PolicyUsage(SecurityHeaderValues.headerPolicies(this.properties, List.of()));
	}

	/**
	 * The cookie flags ({@code security.headers.cookies.*}), when switched on, read at
	 * startup only, on the starter's filter. A configuration of its own, so that nothing
	 * of it is loaded while they are off.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "security.headers.cookies.enabled")
	static class CookieFlagsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Lazy(false) // also with spring.main.lazy-initialization: it sets up the filter
		CookieFlags securityHeadersCookieFlags(SecurityHeadersProperties properties, Environment environment,
				SecurityHeadersWebFilter filter) {
			CookieFlags flags = SecurityHeaderValues.cookieFlags(properties, environment,
					"server.reactive.session.cookie", "SESSION");
			filter.setCookieFlags(flags);
			return flags;
		}

	}

	@Bean
	@ConditionalOnMissingBean
	public TrustedHosts trustedHosts(TrustedHostsProperties properties) {
		return SecurityHeaderValues.trustedHosts(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	public TrustedHostExchangeCheck trustedHostExchangeCheck(TrustedHosts trustedHosts) {
		return new TrustedHostExchangeCheck(trustedHosts);
	}

	@Bean
	@ConditionalOnMissingBean
	public TrustedHostWebFilter trustedHostWebFilter(TrustedHostExchangeCheck trustedHostCheck,
			ObjectProvider<TrustedHostRejectionListener> listeners, ObjectProvider<Clock> clock) {
		return new TrustedHostWebFilter(trustedHostCheck, listeners.orderedStream().toList(), StarterClock.of(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	public TrustedHostRejectionCounts trustedHostRejectionCounts() {
		return new TrustedHostRejectionCounts();
	}

	@Bean
	@ConditionalOnMissingBean
	public HeadersPreview securityHeadersPreview(SecurityHeadersWebFilter filter,
			ObjectProvider<TrustedHostExchangeCheck> trustedHostCheck, ObjectProvider<ClearSiteData> clearSiteData,
			ConfigurableListableBeanFactory beanFactory) {
		ReactiveHeadersPreview preview = new ReactiveHeadersPreview(new WebFilterWriters(filter),
				trustedHostCheck.getIfUnique());
		ClearSiteData onLogout = clearSiteData.getIfUnique();
		if (onLogout != null && SpringSecurityLogout.reactiveLogoutFilters(beanFactory.getBeanClassLoader())) {
			preview.describeAlso(SpringSecurityLogout.description(onLogout));
		}
		return preview;
	}

	@Bean
	@ConditionalOnMissingBean
	public SecurityHeadersFindings securityHeadersFindings(LivePolicy livePolicy, ObjectProvider<Clock> clock,
			ObjectProvider<TrustedHosts> trustedHosts, Environment environment, SecurityHeadersWebFilter filter,
			ObjectProvider<HttpsRedirectWebFilter> httpsRedirectFilter, ObjectProvider<EndpointExposure> endpoint,
			ListableBeanFactory beanFactory, ObjectProvider<CspReportFindings> cspReportFindings) {
		TrustedHosts hosts = trustedHosts.getIfUnique();
		HttpsRedirectWebFilter redirect = httpsRedirectFilter.getIfUnique();
		Clock starterClock = StarterClock.of(clock);
		DeploymentFindings deployment = new DeploymentFindings(environment,
				(redirect != null) ? redirect.getRule() : null, hosts, Deferred.ifAvailable(endpoint), livePolicy,
				starterClock, Deferred.ifAvailable(cspReportFindings));
		ReactorNettyProxyFinding nettyProxy = new ReactorNettyProxyFinding(environment, beanFactory);
		return new SecurityHeadersFindings(livePolicy, starterClock, hosts,
				environment.getProperty("server.forward-headers-strategy"), filter.getForwardedProtoMismatches(),
				filter.getApplicationHeaderValues(), new WebFilterWriters(filter), () -> {
					List<Finding> findings = new ArrayList<>(deployment.get());
					findings.addAll(nettyProxy.get());
					return findings;
				});
	}

	@Bean
	@ConditionalOnMissingBean
	public FindingsStartupReport securityHeadersFindingsStartupReport(SecurityHeadersFindings findings,
			Environment environment, ObjectProvider<EndpointExposure> endpoint) {
		return new FindingsStartupReport(findings, EndpointExposure.details(environment, endpoint));
	}

	/**
	 * Named policies, {@code @SecurityHeadersPolicy} on WebFlux handler methods, the
	 * policy route attribute of functional routes and {@code PerRequestHeaderPolicy}
	 * hooks, where WebFlux (not only its web filter API) is on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.server.support.RouterFunctionMapping")
	static class PoliciesConfiguration {

		@Bean
		ReactivePolicyWiring securityHeadersPolicyWiring(SecurityHeadersProperties properties,
				ConfigurableListableBeanFactory beanFactory, SecurityHeadersWebFilter filter,
				ObjectProvider<PerRequestHeaderPolicy> hooks, PolicyUsage usage) {
			return new ReactivePolicyWiring(properties, beanFactory, filter, hooks, usage);
		}

	}

	/**
	 * The CSP report collector's web filter, when
	 * {@code security.headers.content-security-policy.reporting.enabled=true}: answers
	 * the reports before Spring Security, after the trusted-host check unless
	 * {@code trusted-host-exempt}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = CspReportWebFilterConfiguration.ENABLED)
	static class CspReportWebFilterConfiguration {

		static final String ENABLED = "security.headers.content-security-policy.reporting.enabled";

		@Bean
		@ConditionalOnMissingBean
		CspReportWebFilter cspReportWebFilter(CspReportCollector collector, SecurityHeadersProperties properties) {
			CspReportWebFilter filter = new CspReportWebFilter(collector);
			if (properties.getContentSecurityPolicy().getReporting().isTrustedHostExempt()) {
				filter.setOrder(CspReportWebFilter.HOST_EXEMPT_ORDER);
			}
			return filter;
		}

	}

	/** Counts refusals when Micrometer is on the class path. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class TrustedHostMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TrustedHostRejectionMetrics trustedHostRejectionMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
			return new TrustedHostRejectionMetrics(Deferred.ifUnique(meterRegistry));
		}

	}

	/**
	 * The plain-HTTP to HTTPS redirect, when
	 * {@code security.headers.https-redirect.enabled=true}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "security.headers.https-redirect.enabled")
	@EnableConfigurationProperties(HttpsRedirectProperties.class)
	static class HttpsRedirectConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HttpsRedirectWebFilter httpsRedirectWebFilter(HttpsRedirectProperties properties) {
			return new HttpsRedirectWebFilter(SecurityHeaderValues.httpsRedirectRule(properties));
		}

	}

	/**
	 * Clear-Site-Data on the configured logout paths, where Spring Security's logout does
	 * not send it (without Spring Security's WebFlux support).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(SpringSecurityLogout.LOGOUT_WEB_FILTER)
	@ConditionalOnSecurityHeader(SecurityHeader.CLEAR_SITE_DATA)
	static class ClearSiteDataPathsConfiguration {

		@Bean
		@Order(900)
		@ConditionalOnMissingBean(name = "clearSiteDataHeaderWriter")
		ClearSiteDataExchangeWriter clearSiteDataHeaderWriter(ClearSiteData clearSiteData) {
			return new ClearSiteDataExchangeWriter(clearSiteData);
		}

	}

	/**
	 * Hands the headers the starter manages over to the starter in every Spring Security
	 * {@code SecurityWebFilterChain}, and refuses a chain's own values for them; adds
	 * Clear-Site-Data to the logout of every chain when it is on.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.web.server.header.HttpHeaderWriterWebFilter")
	static class SpringSecurityConfiguration {

		@Bean
		static SpringSecurityReactiveHeaders securityHeadersSpringSecurityReactiveHeaders() {
			return new SpringSecurityReactiveHeaders();
		}

	}

	/**
	 * In a Spring Cloud Gateway, the gateway's HSTS policy replaces a backend's own
	 * Strict-Transport-Security (see {@link GatewayBackendHsts}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter")
	static class SpringCloudGatewayConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "securityHeadersGatewayBackendHsts")
		GatewayBackendHsts securityHeadersGatewayBackendHsts() {
			return new GatewayBackendHsts();
		}

	}

	/**
	 * Refuses {@code security.headers.https-redirect.http-port}: the starter opens a
	 * plain-HTTP connector only on servlet Tomcat.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnPlainHttpPortCondition.class)
	static class NoPlainHttpConnectorConfiguration {

		NoPlainHttpConnectorConfiguration(Environment environment) {
			throw InvalidSecurityHeadersPropertyException.of(new InvalidPolicyException(PlainHttpConnector.PROPERTY,
					environment.getProperty(PropertyNames.of(PlainHttpConnector.PROPERTY)),
					"the plain-HTTP connector is opened only in servlet applications on Tomcat, and this is a WebFlux "
							+ "application.",
					"Remove ${" + PlainHttpConnector.PROPERTY + "} and open the plain-HTTP port with your server's "
							+ "own API (on Reactor Netty, a second HttpServer bound to that port that redirects), "
							+ "or put the redirect in the proxy in front of the application."));
		}

	}

	/**
	 * The writers of the starter's web filter as they are when asked (they change when
	 * the policy is refreshed). One class instead of a method reference in each bean
	 * method, each a class of its own spun while the context starts (issue 21).
	 */
	static final class WebFilterWriters implements Supplier<List<ExchangeHeaderWriter>> {

		private final SecurityHeadersWebFilter filter;

		WebFilterWriters(SecurityHeadersWebFilter filter) {
			this.filter = filter;
		}

		@Override
		public List<ExchangeHeaderWriter> get() {
			return this.filter.getWriters();
		}

	}

}
