package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;

import dev.hsts.policy.ContentSecurityPolicy;
import dev.hsts.policy.HeaderValues;
import dev.hsts.policy.HstsPolicy;
import dev.hsts.policy.InvalidPolicyException;
import dev.hsts.policy.TrustedHosts;
import dev.hsts.web.ApplicationHeaderValues;
import dev.hsts.web.CacheControlHeaderWriter;
import dev.hsts.web.FindingsStartupReport;
import dev.hsts.web.FixedValueHeaderWriter;
import dev.hsts.web.ForwardedProtoMismatchDetector;
import dev.hsts.web.SecurityHeadersFindings;
import dev.hsts.web.ContentSecurityPolicyHeaderWriter;
import dev.hsts.web.ContentTypeOptionsHeaderWriter;
import dev.hsts.web.CrossOriginOpenerPolicyHeaderWriter;
import dev.hsts.web.CrossOriginResourcePolicyHeaderWriter;
import dev.hsts.web.FrameOptionsHeaderWriter;
import dev.hsts.web.PermissionsPolicyHeaderWriter;
import dev.hsts.web.ReferrerPolicyHeaderWriter;
import dev.hsts.web.RequestPathPatterns;
import dev.hsts.web.SecurityHeadersFilter;
import dev.hsts.web.StagedHstsHeaderWriter;
import dev.hsts.web.TrustedHostCheck;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration of staged HSTS and the security headers for servlet web applications. Wiring only: the
 * policy lives in {@code dev.hsts.policy}, the servlet adapters in {@code dev.hsts.web}. Every bean backs off
 * when the application defines its own. Every configured value is validated here, at startup.
 *
 * <p>With Spring Security's configuration on the classpath, Spring Security's own writers of the headers the
 * starter manages are switched off in every {@code HttpSecurity} (see
 * {@link SpringSecurityHeaderDefaultsPostProcessor}), so each of those headers is sent once, with the starter's
 * value.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HeaderWriter.class, OncePerRequestFilter.class })
@ConditionalOnSwitches(onByDefault = "security.headers.enabled")
@EnableConfigurationProperties(SecurityHeadersProperties.class)
public class SecurityHeadersAutoConfiguration {

	/** The name of the filter registration bean; define a bean with this name to register the filter yourself. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "securityHeadersFilterRegistration";

	/** The name of the HSTS writer bean. */
	public static final String HSTS_HEADER_WRITER_BEAN_NAME = "hstsHeaderWriter";

	private static final String PREFIX = "security.headers.";

	private final SecurityHeadersProperties properties;

	/**
	 * @param properties the bound {@code security.headers.*} properties (injected once here instead of into every
	 * bean method: each injection by type is a scan of all bean definitions while the context starts)
	 */
	public SecurityHeadersAutoConfiguration(SecurityHeadersProperties properties) {
		this.properties = properties;
	}

	@Bean
	@ConditionalOnMissingBean
	public HstsPolicy hstsPolicy() {
		SecurityHeadersProperties.Hsts hsts = this.properties.getHsts();
		SecurityHeadersProperties.Rollout rollout = hsts.getRollout();
		return HstsPolicy.builder()
			.enabled(hsts.isEnabled())
			.stages((rollout.getStages() != null)
					? rollout.getStages().stream().map((stage) -> (stage != null) ? stage.toRolloutStage() : null).toList()
					: List.of())
			.pinnedStage(rollout.getStage())
			.startedAt(rollout.getStartedAt())
			.includeSubDomains(hsts.isIncludeSubdomains())
			.preload(hsts.isPreload())
			.revoke(hsts.isRevoke())
			.excludedHosts(hsts.getExcludedHosts())
			.build();
	}

	@Bean(HSTS_HEADER_WRITER_BEAN_NAME)
	@ConditionalOnMissingBean(name = HSTS_HEADER_WRITER_BEAN_NAME,
			value = { StagedHstsHeaderWriter.class, HstsHeaderWriter.class })
	public StagedHstsHeaderWriter hstsHeaderWriter(HstsPolicy hstsPolicy, ObjectProvider<Clock> clock,
			ObjectProvider<TrustedHostCheck> trustedHostCheck) {
		// A host the application does not serve never gets the HSTS promise (see TrustedHostsAutoConfiguration).
		TrustedHostCheck check = trustedHostCheck.getIfUnique();
		Clock writerClock = clock.getIfUnique(Clock::systemUTC);
		return (check != null) ? new StagedHstsHeaderWriter(hstsPolicy, writerClock, check::isTrusted)
				: new StagedHstsHeaderWriter(hstsPolicy, writerClock);
	}

	@Bean
	@Order(100)
	@ConditionalOnMissingBean
	@ConditionalOnSecurityHeader(SecurityHeader.CONTENT_TYPE_OPTIONS)
	public ContentTypeOptionsHeaderWriter contentTypeOptionsHeaderWriter() {
		HeaderValues.contentTypeOptions(PREFIX + "content-type-options", this.properties.getContentTypeOptions());
		return new ContentTypeOptionsHeaderWriter();
	}

	@Bean
	@Order(200)
	@ConditionalOnMissingBean
	@ConditionalOnSecurityHeader(SecurityHeader.FRAME_OPTIONS)
	public FrameOptionsHeaderWriter frameOptionsHeaderWriter() {
		return new FrameOptionsHeaderWriter(
				HeaderValues.frameOptions(PREFIX + "frame-options", this.properties.getFrameOptions()));
	}

	@Bean
	@Order(300)
	@ConditionalOnMissingBean
	@ConditionalOnSecurityHeader(SecurityHeader.REFERRER_POLICY)
	public ReferrerPolicyHeaderWriter referrerPolicyHeaderWriter() {
		return new ReferrerPolicyHeaderWriter(
				HeaderValues.referrerPolicy(PREFIX + "referrer-policy", this.properties.getReferrerPolicy()));
	}

	@Bean
	@Order(400)
	@ConditionalOnMissingBean
	@ConditionalOnSecurityHeader(SecurityHeader.PERMISSIONS_POLICY)
	public PermissionsPolicyHeaderWriter permissionsPolicyHeaderWriter() {
		return new PermissionsPolicyHeaderWriter(
				HeaderValues.permissionsPolicy(PREFIX + "permissions-policy", this.properties.getPermissionsPolicy()));
	}

	@Bean
	@Order(500)
	@ConditionalOnMissingBean
	@ConditionalOnSecurityHeader(SecurityHeader.CONTENT_SECURITY_POLICY)
	public ContentSecurityPolicyHeaderWriter contentSecurityPolicyHeaderWriter() {
		String prefix = PREFIX + "content-security-policy.";
		SecurityHeadersProperties.ContentSecurityPolicy csp = this.properties.getContentSecurityPolicy();
		List<ContentSecurityPolicyHeaderWriter.PathPolicy> pathPolicies = new ArrayList<>();
		List<SecurityHeadersProperties.PathPolicy> configured = (csp.getPathPolicies() != null) ? csp.getPathPolicies()
				: List.of();
		for (int i = 0; i < configured.size(); i++) {
			String entry = prefix + "path-policies[" + i + "]";
			SecurityHeadersProperties.PathPolicy pathPolicy = configured.get(i);
			if (pathPolicy == null || pathPolicy.getPaths() == null || pathPolicy.getPaths().isEmpty()) {
				throw new InvalidPolicyException(entry + ".paths", null, "the entry has no paths.",
						"List the path patterns the entry applies to, e.g. /docs/**.");
			}
			ContentSecurityPolicy policy = ContentSecurityPolicy.parse(entry + ".policy", pathPolicy.getPolicy());
			ContentSecurityPolicy reportOnly = ContentSecurityPolicy.parse(entry + ".report-only-policy",
					pathPolicy.getReportOnlyPolicy());
			pathPolicies.add(new ContentSecurityPolicyHeaderWriter.PathPolicy(
					RequestPathPatterns.of(entry + ".paths", pathPolicy.getPaths()), policy, reportOnly));
		}
		return new ContentSecurityPolicyHeaderWriter(ContentSecurityPolicy.parse(prefix + "policy", csp.getPolicy()),
				ContentSecurityPolicy.parse(prefix + "report-only-policy", csp.getReportOnlyPolicy()), pathPolicies);
	}

	@Bean
	@Order(600)
	@ConditionalOnMissingBean
	@ConditionalOnSecurityHeader(SecurityHeader.CROSS_ORIGIN_OPENER_POLICY)
	public CrossOriginOpenerPolicyHeaderWriter crossOriginOpenerPolicyHeaderWriter() {
		return new CrossOriginOpenerPolicyHeaderWriter(HeaderValues.crossOriginOpenerPolicy(
				PREFIX + "cross-origin-opener-policy", this.properties.getCrossOriginOpenerPolicy()));
	}

	@Bean
	@Order(700)
	@ConditionalOnMissingBean
	@ConditionalOnSecurityHeader(SecurityHeader.CROSS_ORIGIN_RESOURCE_POLICY)
	public CrossOriginResourcePolicyHeaderWriter crossOriginResourcePolicyHeaderWriter() {
		return new CrossOriginResourcePolicyHeaderWriter(HeaderValues.crossOriginResourcePolicy(
				PREFIX + "cross-origin-resource-policy", this.properties.getCrossOriginResourcePolicy()));
	}

	@Bean
	@Order(800)
	@ConditionalOnMissingBean
	@ConditionalOnSecurityHeader(SecurityHeader.CACHE_CONTROL)
	public CacheControlHeaderWriter cacheControlHeaderWriter() {
		SecurityHeadersProperties.CacheControl cacheControl = this.properties.getCacheControl();
		return new CacheControlHeaderWriter(
				HeaderValues.cacheControl(PREFIX + "cache-control.value", cacheControl.getValue()),
				RequestPathPatterns.of(PREFIX + "cache-control.excluded-paths", cacheControl.getExcludedPaths()));
	}

	@Bean
	@ConditionalOnMissingBean
	public SecurityHeadersFilter securityHeadersFilter(ObjectProvider<HeaderWriter> headerWriters,
			ObjectProvider<ForwardedProtoMismatchDetector> proxyDetector,
			ObjectProvider<ApplicationHeaderValues> applicationHeaderValues) {
		SecurityHeadersFilter filter = new SecurityHeadersFilter(headerWriters.orderedStream().toList());
		filter.setForwardedProtoMismatchDetector(proxyDetector.getIfUnique());
		filter.setApplicationHeaderValues(applicationHeaderValues.getIfUnique());
		return filter;
	}

	@Bean
	@ConditionalOnMissingBean
	public ForwardedProtoMismatchDetector forwardedProtoMismatchDetector() {
		return new ForwardedProtoMismatchDetector();
	}

	@Bean
	@ConditionalOnMissingBean
	public ApplicationHeaderValues applicationHeaderValues() {
		return new ApplicationHeaderValues();
	}

	@Bean
	@ConditionalOnMissingBean
	public SecurityHeadersFindings securityHeadersFindings(HstsPolicy hstsPolicy, ObjectProvider<Clock> clock,
			ObjectProvider<TrustedHosts> trustedHosts, Environment environment,
			ObjectProvider<ForwardedProtoMismatchDetector> proxyDetector,
			ObjectProvider<ApplicationHeaderValues> applicationHeaderValues, ObjectProvider<HeaderWriter> headerWriters) {
		Map<String, String> policyValues = new LinkedHashMap<>();
		Map<String, String> cacheControlValues = new LinkedHashMap<>();
		headerWriters.orderedStream().forEach((writer) -> {
			if (writer instanceof FixedValueHeaderWriter fixed) {
				policyValues.put(fixed.getHeaderName(), fixed.getHeaderValue());
			}
			else if (writer instanceof CacheControlHeaderWriter cacheControl) {
				cacheControlValues.put(cacheControl.getHeaderName(), cacheControl.getHeaderValue());
			}
		});
		policyValues.putAll(cacheControlValues);
		return new SecurityHeadersFindings(hstsPolicy, clock.getIfUnique(Clock::systemUTC), trustedHosts.getIfUnique(),
				environment.getProperty("server.forward-headers-strategy"), proxyDetector.getIfUnique(),
				applicationHeaderValues.getIfUnique(), policyValues);
	}

	@Bean
	@ConditionalOnMissingBean
	public FindingsStartupReport securityHeadersFindingsStartupReport(SecurityHeadersFindings findings) {
		return new FindingsStartupReport(findings);
	}

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	public FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilterRegistration(
			SecurityHeadersFilter securityHeadersFilter) {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(securityHeadersFilter);
		registration.setName("securityHeadersFilter");
		registration.setOrder(securityHeadersFilter.getOrder());
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR,
				DispatcherType.FORWARD, DispatcherType.INCLUDE);
		return registration;
	}

	/**
	 * Switches off Spring Security's writers of the headers the starter manages, in every {@code HttpSecurity}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
	static class SpringSecurityConfiguration {

		@Bean
		static SpringSecurityHeaderDefaultsPostProcessor securityHeadersSpringSecurityPostProcessor() {
			return new SpringSecurityHeaderDefaultsPostProcessor();
		}

	}

}
