package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.DispatcherType;

import dev.hsts.policy.HstsPolicy;
import dev.hsts.web.SecurityHeadersFilter;
import dev.hsts.web.StagedHstsHeaderWriter;
import dev.hsts.web.TrustedHostCheck;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration of staged HSTS and the security headers for servlet web applications. Wiring only: the
 * policy lives in {@code dev.hsts.policy}, the servlet adapters in {@code dev.hsts.web}. Every bean backs off
 * when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HeaderWriter.class, OncePerRequestFilter.class })
@ConditionalOnProperty(prefix = "security.headers", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SecurityHeadersProperties.class)
public class SecurityHeadersAutoConfiguration {

	/** The name of the filter registration bean; define a bean with this name to register the filter yourself. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "securityHeadersFilterRegistration";

	/** The name of the HSTS writer bean. */
	public static final String HSTS_HEADER_WRITER_BEAN_NAME = "hstsHeaderWriter";

	@Bean
	@ConditionalOnMissingBean
	public HstsPolicy hstsPolicy(SecurityHeadersProperties properties) {
		SecurityHeadersProperties.Hsts hsts = properties.getHsts();
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
	@ConditionalOnMissingBean
	public SecurityHeadersFilter securityHeadersFilter(ObjectProvider<HeaderWriter> headerWriters) {
		return new SecurityHeadersFilter(headerWriters.orderedStream().toList());
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

}
