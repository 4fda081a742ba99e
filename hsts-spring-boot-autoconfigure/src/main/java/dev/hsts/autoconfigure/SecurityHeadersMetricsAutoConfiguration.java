package dev.hsts.autoconfigure;

import java.time.Clock;

import dev.hsts.core.HstsPolicy;
import dev.hsts.actuate.SecurityHeadersMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The HSTS rollout gauges, when Micrometer is on the class path: Boot binds every
 * {@code MeterBinder} bean to its registries.
 */
@AutoConfiguration(after = { SecurityHeadersAutoConfiguration.class, ReactiveSecurityHeadersAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(HstsPolicy.class)
public class SecurityHeadersMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public SecurityHeadersMetrics securityHeadersMetrics(HstsPolicy hstsPolicy, ObjectProvider<Clock> clock) {
		return new SecurityHeadersMetrics(hstsPolicy, clock.getIfUnique(Clock::systemUTC));
	}

}
