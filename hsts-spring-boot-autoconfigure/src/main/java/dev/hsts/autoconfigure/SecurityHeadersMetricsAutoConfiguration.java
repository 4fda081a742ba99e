package dev.hsts.autoconfigure;

import java.time.Clock;

import dev.hsts.actuate.SecurityHeadersMetrics;
import dev.hsts.core.LivePolicy;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The HSTS rollout gauges and the policy's version and refresh counter, when Micrometer
 * is on the class path: Boot binds every {@code MeterBinder} bean to its registries. One
 * bean for all of them ({@link SecurityHeadersMetrics}).
 */
@AutoConfiguration(after = { SecurityHeadersAutoConfiguration.class, ReactiveSecurityHeadersAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(LivePolicy.class)
public class SecurityHeadersMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public SecurityHeadersMetrics securityHeadersMetrics(LivePolicy livePolicy, ObjectProvider<Clock> clock) {
		return new SecurityHeadersMetrics(livePolicy, StarterClock.of(clock));
	}

}
