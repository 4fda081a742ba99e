package dev.hsts.autoconfigure;

import java.time.Clock;

import dev.hsts.actuate.SecurityHeadersEndpoint;
import dev.hsts.policy.HstsPolicy;
import dev.hsts.web.SecurityHeadersFilter;
import dev.hsts.web.SecurityHeadersFindings;
import dev.hsts.web.TrustedHostCheck;
import dev.hsts.web.TrustedHostRejectionCounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code securityheaders} actuator endpoint, when the actuator is on the class path. Exposed over HTTP only
 * when the application exposes it ({@code management.endpoints.web.exposure.include}), like every endpoint but
 * health.
 */
@AutoConfiguration(after = { SecurityHeadersAutoConfiguration.class, TrustedHostsAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(SecurityHeadersFindings.class)
@ConditionalOnAvailableEndpoint(SecurityHeadersEndpoint.class)
@EnableConfigurationProperties(SecurityHeadersEndpointProperties.class)
public class SecurityHeadersEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public SecurityHeadersEndpoint securityHeadersEndpoint(Environment environment, HstsPolicy hstsPolicy,
			ObjectProvider<Clock> clock, SecurityHeadersFilter filter, ObjectProvider<TrustedHostCheck> trustedHostCheck,
			ObjectProvider<TrustedHostRejectionCounts> rejectionCounts, SecurityHeadersFindings findings,
			SecurityHeadersEndpointProperties properties) {
		return new SecurityHeadersEndpoint(environment.getProperty("security.headers.enabled", Boolean.class, true),
				hstsPolicy, clock.getIfUnique(Clock::systemUTC), filter.getWriters(), trustedHostCheck.getIfUnique(),
				rejectionCounts.getIfUnique(), findings, properties.getShowValues(), properties.getRoles());
	}

}
