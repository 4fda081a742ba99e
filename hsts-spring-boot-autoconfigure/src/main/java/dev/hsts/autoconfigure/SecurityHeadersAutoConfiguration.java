package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;

import dev.hsts.core.CspReportCollector;
import dev.hsts.core.CspReportingDirectives;
import dev.hsts.core.ApplicationHeaderValues;
import dev.hsts.core.ClearSiteData;
import dev.hsts.core.CookieFlags;
import dev.hsts.core.HeadersPreview;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.LivePolicy;
import dev.hsts.core.PerRequestHeaderPolicy;
import dev.hsts.core.PolicyUsage;
import dev.hsts.core.PolicyChangeListener;
import dev.hsts.core.TrustedHosts;
import dev.hsts.servlet.CacheControlDefaultWriter;
import dev.hsts.servlet.ClearSiteDataWriter;
import dev.hsts.servlet.CspHeaderWriter;
import dev.hsts.servlet.FixedHeaderWriter;
import dev.hsts.servlet.ForwardedProtoMismatchDetector;
import dev.hsts.servlet.HttpsRedirectFilter;
import dev.hsts.servlet.PolicyHandlerInterceptor;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.ServerOwnResponses;
import dev.hsts.servlet.ResponseHeaderWriter;
import dev.hsts.servlet.ServletHeadersPreview;
import dev.hsts.servlet.StagedHstsHeaderWriter;
import dev.hsts.servlet.TomcatCookieFlags;
import dev.hsts.servlet.TomcatOwnResponses;
import dev.hsts.servlet.TrustedHostCheck;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration of staged HSTS and the security headers for servlet web
 * applications. Wiring only: the policy lives in {@code dev.hsts.core}, the servlet
 * adapter in {@code dev.hsts.servlet}. Every bean backs off when the application defines
 * its own (a header writer: a bean with the same name). Every configured value is
 * validated here, at startup.
 *
 * <p>
 * The properties are bound here, only with the starter on; the keys and switches are
 * checked by {@link SecurityHeadersPropertiesAutoConfiguration}, also when
 * {@code security.headers.enabled=false}.
 *
 * <p>
 * Needs no Spring Security. Where Spring Security's configuration is on the classpath,
 * every {@code HttpSecurity} hands the headers the starter manages over to the starter,
 * and a chain that configures its own values for them stops the application at startup
 * (see {@link SpringSecurityHeaderDefaultsPostProcessor}); so each of those headers is
 * sent once, with the starter's value. Where Spring Security is on the classpath, its
 * {@code HeaderWriter} beans are applied like the starter's own writers.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
@ConditionalOnBooleanProperty(name = "security.headers.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SecurityHeadersProperties.class)
public class SecurityHeadersAutoConfiguration {

	/**
	 * The name of the filter registration bean; define a bean with this name to register
	 * the filter yourself.
	 */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "securityHeadersFilterRegistration";

	/** The name of the HSTS writer bean. */
	public static final String HSTS_HEADER_WRITER_BEAN_NAME = "hstsHeaderWriter";

	private final SecurityHeadersProperties properties;

	/**
	 * @param properties the bound {@code security.headers.*} properties (injected once
	 * here instead of into every bean method: each injection by type is a scan of all
	 * bean definitions while the context starts)
	 */
	public SecurityHeadersAutoConfiguration(SecurityHeadersProperties properties) {
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
			ConfigurableListableBeanFactory beanFactory, SecurityHeadersFilter filter) {
		return new SecurityHeadersPolicyRefresher(environment, livePolicy, StarterClock.of(clock), listeners,
				new ServletStarterWriters(beanFactory, filter));
	}

	@Bean(HSTS_HEADER_WRITER_BEAN_NAME)
	@ConditionalOnMissingBean(name = HSTS_HEADER_WRITER_BEAN_NAME, value = StagedHstsHeaderWriter.class,
			type = "org.springframework.security.web.header.writers.HstsHeaderWriter")
	public StagedHstsHeaderWriter hstsHeaderWriter(HstsPolicy hstsPolicy, ObjectProvider<Clock> clock,
			ObjectProvider<TrustedHostCheck> trustedHostCheck) {
		// A host the application does not serve never gets the HSTS promise (see
		// TrustedHostsAutoConfiguration).
		TrustedHostCheck check = trustedHostCheck.getIfUnique();
		Clock writerClock = StarterClock.of(clock);
		return (check != null) ? new StagedHstsHeaderWriter(hstsPolicy, writerClock, check)
				: new StagedHstsHeaderWriter(hstsPolicy, writerClock);
	}

	@Bean
	@Order(100)
	@ConditionalOnMissingBean(name = "contentTypeOptionsHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CONTENT_TYPE_OPTIONS)
	public FixedHeaderWriter contentTypeOptionsHeaderWriter() {
		return new FixedHeaderWriter("X-Content-Type-Options",
				SecurityHeaderValues.contentTypeOptions(this.properties));
	}

	@Bean
	@Order(200)
	@ConditionalOnMissingBean(name = "frameOptionsHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.FRAME_OPTIONS)
	public FixedHeaderWriter frameOptionsHeaderWriter() {
		return new FixedHeaderWriter("X-Frame-Options", SecurityHeaderValues.frameOptions(this.properties));
	}

	@Bean
	@Order(300)
	@ConditionalOnMissingBean(name = "referrerPolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.REFERRER_POLICY)
	public FixedHeaderWriter referrerPolicyHeaderWriter() {
		return new FixedHeaderWriter("Referrer-Policy", SecurityHeaderValues.referrerPolicy(this.properties));
	}

	@Bean
	@Order(400)
	@ConditionalOnMissingBean(name = "permissionsPolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.PERMISSIONS_POLICY)
	public FixedHeaderWriter permissionsPolicyHeaderWriter() {
		return new FixedHeaderWriter("Permissions-Policy", SecurityHeaderValues.permissionsPolicy(this.properties));
	}

	@Bean
	@Order(500)
	@ConditionalOnMissingBean(name = "contentSecurityPolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CONTENT_SECURITY_POLICY)
	public CspHeaderWriter contentSecurityPolicyHeaderWriter(ObjectProvider<CspReportingDirectives> cspReporting) {
		return new CspHeaderWriter(SecurityHeaderValues.contentSecurityPolicies(this.properties)
			.withReporting(cspReporting.getIfUnique()));
	}

	@Bean
	@Order(600)
	@ConditionalOnMissingBean(name = "crossOriginOpenerPolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CROSS_ORIGIN_OPENER_POLICY)
	public FixedHeaderWriter crossOriginOpenerPolicyHeaderWriter() {
		return new FixedHeaderWriter("Cross-Origin-Opener-Policy",
				SecurityHeaderValues.crossOriginOpenerPolicy(this.properties));
	}

	@Bean
	@Order(700)
	@ConditionalOnMissingBean(name = "crossOriginResourcePolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CROSS_ORIGIN_RESOURCE_POLICY)
	public FixedHeaderWriter crossOriginResourcePolicyHeaderWriter() {
		return new FixedHeaderWriter("Cross-Origin-Resource-Policy",
				SecurityHeaderValues.crossOriginResourcePolicy(this.properties));
	}

	@Bean
	@Order(710)
	@ConditionalOnMissingBean(name = "crossOriginEmbedderPolicyHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CROSS_ORIGIN_EMBEDDER_POLICY)
	public FixedHeaderWriter crossOriginEmbedderPolicyHeaderWriter() {
		return new FixedHeaderWriter("Cross-Origin-Embedder-Policy",
				SecurityHeaderValues.crossOriginEmbedderPolicy(this.properties));
	}

	@Bean
	@Order(720)
	@ConditionalOnMissingBean(name = "originAgentClusterHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.ORIGIN_AGENT_CLUSTER)
	public FixedHeaderWriter originAgentClusterHeaderWriter() {
		return new FixedHeaderWriter("Origin-Agent-Cluster", SecurityHeaderValues.originAgentCluster(this.properties));
	}

	@Bean
	@Order(730)
	@ConditionalOnMissingBean(name = "permittedCrossDomainPoliciesHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.PERMITTED_CROSS_DOMAIN_POLICIES)
	public FixedHeaderWriter permittedCrossDomainPoliciesHeaderWriter() {
		return new FixedHeaderWriter("X-Permitted-Cross-Domain-Policies",
				SecurityHeaderValues.permittedCrossDomainPolicies(this.properties));
	}

	@Bean
	@Order(740)
	@ConditionalOnMissingBean(name = "dnsPrefetchControlHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.DNS_PREFETCH_CONTROL)
	public FixedHeaderWriter dnsPrefetchControlHeaderWriter() {
		return new FixedHeaderWriter("X-DNS-Prefetch-Control",
				SecurityHeaderValues.dnsPrefetchControl(this.properties));
	}

	@Bean
	@Order(750)
	@ConditionalOnMissingBean(name = "xssProtectionHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.XSS_PROTECTION)
	public FixedHeaderWriter xssProtectionHeaderWriter() {
		return new FixedHeaderWriter("X-XSS-Protection", SecurityHeaderValues.xssProtection(this.properties));
	}

	@Bean
	@Order(800)
	@ConditionalOnMissingBean(name = "cacheControlHeaderWriter")
	@ConditionalOnSecurityHeader(SecurityHeader.CACHE_CONTROL)
	public CacheControlDefaultWriter cacheControlHeaderWriter() {
		return new CacheControlDefaultWriter(SecurityHeaderValues.cacheControlValue(this.properties),
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
	public SecurityHeadersFilter securityHeadersFilter(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<CspReportCollector> cspReportCollector, ObjectProvider<TrustedHostCheck> trustedHostCheck) {
		// Every ResponseHeaderWriter bean, and Spring Security HeaderWriter beans where
		// Spring Security is on the classpath, in order.
		SecurityHeadersFilter filter = new SecurityHeadersFilter(HeaderWriterBeans.inOrder(beanFactory));
		// What the filter notices for the findings: made with it, not beans of their own
		// (each bean costs the start-up a few milliseconds, issue 21).
		filter.setForwardedProtoMismatchDetector(new ForwardedProtoMismatchDetector());
		filter.setApplicationHeaderValues(new ApplicationHeaderValues());
		CspReportCollector reports = cspReportCollector.getIfUnique();
		if (reports != null) {
			filter.setCspReportCollector(reports,
					this.properties.getContentSecurityPolicy().getReporting().isTrustedHostExempt(),
					trustedHostCheck.getIfUnique());
		}
		return filter;
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

	@Bean
	ServletPolicyWiring securityHeadersPolicyWiring(ConfigurableListableBeanFactory beanFactory,
			SecurityHeadersFilter filter, ObjectProvider<PerRequestHeaderPolicy> hooks,
			ObjectProvider<HandlerPolicySource> handlerSources, PolicyUsage usage) {
		return new ServletPolicyWiring(this.properties, beanFactory, filter, hooks, handlerSources, usage);
	}

	@Bean
	@ConditionalOnMissingBean
	public SecurityHeadersFindings securityHeadersFindings(LivePolicy livePolicy, ObjectProvider<Clock> clock,
			ObjectProvider<TrustedHostCheck> trustedHostCheck, Environment environment, SecurityHeadersFilter filter,
			ObjectProvider<HttpsRedirectFilter> httpsRedirectFilter, ObjectProvider<EndpointExposure> endpoint,
			ObjectProvider<CspReportFindings> cspReportFindings) {
		TrustedHostCheck check = trustedHostCheck.getIfUnique();
		TrustedHosts trustedHosts = (check != null) ? check.getTrustedHosts() : null;
		HttpsRedirectFilter redirect = httpsRedirectFilter.getIfUnique();
		Clock starterClock = StarterClock.of(clock);
		return new SecurityHeadersFindings(livePolicy, starterClock, trustedHosts,
				environment.getProperty("server.forward-headers-strategy"), filter.getForwardedProtoMismatchDetector(),
				filter.getApplicationHeaderValues(), new FilterWriters(filter, null),
				new DeploymentFindings(environment, (redirect != null) ? redirect.getRule() : null, trustedHosts,
						Deferred.ifAvailable(endpoint), livePolicy, starterClock,
						Deferred.ifAvailable(cspReportFindings)));
	}

	@Bean
	@ConditionalOnMissingBean
	public HeadersPreview securityHeadersPreview(SecurityHeadersFilter filter,
			ObjectProvider<TrustedHostCheck> trustedHostCheck, ObjectProvider<ServerOwnResponses> serverOwnResponses,
			ObjectProvider<ClearSiteData> clearSiteData, ConfigurableListableBeanFactory beanFactory) {
		ServletHeadersPreview preview = new ServletHeadersPreview(new FilterWriters(filter, null),
				trustedHostCheck.getIfUnique(), serverOwnResponses.getIfUnique());
		ClearSiteData onLogout = clearSiteData.getIfUnique();
		if (onLogout != null && SpringSecurityLogout.servletLogoutHandlers(beanFactory.getBeanClassLoader())) {
			preview.describeAlso(SpringSecurityLogout.description(onLogout));
		}
		return preview;
	}

	@Bean
	@ConditionalOnMissingBean
	public FindingsStartupReport securityHeadersFindingsStartupReport(SecurityHeadersFindings findings,
			Environment environment, ObjectProvider<EndpointExposure> endpoint) {
		return new FindingsStartupReport(findings, EndpointExposure.details(environment, endpoint));
	}

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	public FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilterRegistration(
			SecurityHeadersFilter filter) {
		return FilterRegistrations.of(filter, "securityHeadersFilter", filter.getOrder(), DispatcherType.REQUEST,
				DispatcherType.ASYNC, DispatcherType.ERROR, DispatcherType.FORWARD, DispatcherType.INCLUDE);
	}

	/**
	 * On embedded Tomcat: the same headers on the responses Tomcat makes itself, before
	 * any filter runs (see {@link TomcatOwnResponses}), through a Spring Boot
	 * {@code TomcatContextCustomizer} bean ({@link TomcatContextCustomizerRegistrar}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.catalina.Valve", "org.apache.tomcat.util.http.parser.Host" })
	@Import(TomcatContextCustomizerRegistrar.class)
	static class TomcatConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatOwnResponses securityHeadersTomcatOwnResponses(ObjectProvider<SecurityHeadersFilter> filter) {
			return new TomcatOwnResponses(new FilterWriters(null, filter));
		}

	}

	/**
	 * The cookie flags ({@code security.headers.cookies.*}), when switched on, read at
	 * startup only: on the starter's filter and, on embedded Tomcat, on the cookies
	 * Tomcat writes itself. A configuration of its own, so that nothing of it is loaded
	 * while they are off.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "security.headers.cookies.enabled")
	static class CookieFlagsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Lazy(false) // also with spring.main.lazy-initialization: it sets up the filter
		CookieFlags securityHeadersCookieFlags(SecurityHeadersProperties properties, Environment environment,
				SecurityHeadersFilter filter) {
			CookieFlags flags = SecurityHeaderValues.cookieFlags(properties, environment,
					"server.servlet.session.cookie", "JSESSIONID");
			filter.setCookieFlags(flags, null);
			return flags;
		}

		/**
		 * The cookie flags on the cookies Tomcat writes, the session cookie included (see
		 * {@link TomcatCookieFlags}); the filter then leaves cookie objects to Tomcat.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "org.apache.catalina.Context", "org.apache.tomcat.util.http.CookieProcessor" })
		static class TomcatCookieFlagsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			@Lazy(false) // also with spring.main.lazy-initialization: it sets up the
							// filter
			TomcatCookieFlags securityHeadersTomcatCookieFlags(CookieFlags flags, SecurityHeadersFilter filter) {
				TomcatCookieFlags tomcat = new TomcatCookieFlags(flags);
				filter.setCookieFlags(flags, tomcat);
				return tomcat;
			}

		}

	}

	/**
	 * Clear-Site-Data on the configured logout paths, where Spring Security's logout does
	 * not send it (without Spring Security's web configuration).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(SpringSecurityLogout.HTTP_SECURITY)
	@ConditionalOnSecurityHeader(SecurityHeader.CLEAR_SITE_DATA)
	static class ClearSiteDataPathsConfiguration {

		@Bean
		@Order(900)
		@ConditionalOnMissingBean(name = "clearSiteDataHeaderWriter")
		ClearSiteDataWriter clearSiteDataHeaderWriter(ClearSiteData clearSiteData) {
			return new ClearSiteDataWriter(clearSiteData);
		}

	}

	/**
	 * In a Spring MVC application: tells the filter each request's handler, for the
	 * policies handlers ask for ({@code @SecurityHeadersPolicy}, route attributes) and
	 * the {@link PerRequestHeaderPolicy} hooks. One bean, the scan that registers its
	 * interceptor (each bean costs the start-up a few milliseconds, issue 21).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.servlet.config.annotation.WebMvcConfigurer")
	static class SpringMvcPolicyConfiguration {

		@Bean
		MvcPolicyScan securityHeadersMvcPolicyScan(ConfigurableListableBeanFactory beanFactory,
				SecurityHeadersFilter filter) {
			return new MvcPolicyScan(beanFactory, new PolicyHandlerInterceptor(filter));
		}

	}

	/**
	 * Hands the headers the starter manages over to the starter in every
	 * {@code HttpSecurity}, and refuses a chain's own values for them; adds
	 * Clear-Site-Data to the logout of every {@code HttpSecurity} when it is on.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
	static class SpringSecurityConfiguration {

		@Bean
		static SpringSecurityHeaderDefaultsPostProcessor securityHeadersSpringSecurityPostProcessor() {
			return new SpringSecurityHeaderDefaultsPostProcessor();
		}

	}

	/**
	 * The writers of the starter's filter as they are when asked (they change when the
	 * policy is refreshed): of the filter, or of the unique filter bean (none without
	 * one). One class instead of a lambda or method reference in each bean method, each a
	 * class of its own spun while the context starts (issue 21).
	 */
	static final class FilterWriters implements Supplier<List<ResponseHeaderWriter>> {

		private final SecurityHeadersFilter filter;

		private final ObjectProvider<SecurityHeadersFilter> provider;

		FilterWriters(SecurityHeadersFilter filter, ObjectProvider<SecurityHeadersFilter> provider) {
			this.filter = filter;
			this.provider = provider;
		}

		@Override
		public List<ResponseHeaderWriter> get() {
			SecurityHeadersFilter headersFilter = (this.filter != null) ? this.filter : this.provider.getIfUnique();
			return (headersFilter != null) ? headersFilter.getWriters() : List.of();
		}

	}

}
