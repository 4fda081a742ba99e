package dev.hsts.autoconfigure;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.hsts.policy.TrustedHosts;
import dev.hsts.web.TrustedHostCheck;
import dev.hsts.web.TrustedHostFilter;
import dev.hsts.web.TrustedHostRejectionListener;
import dev.hsts.web.TrustedHostRejectionCounts;
import dev.hsts.web.TrustedHostRejectionMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration of the trusted-host check ({@code security.headers.trusted-hosts.*}) for servlet web
 * applications. Wiring only. Every bean backs off when the application defines its own; the HSTS writer of
 * {@link SecurityHeadersAutoConfiguration} consults the {@link TrustedHostCheck} so a refused host never gets HSTS.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HeaderWriter.class, OncePerRequestFilter.class })
@ConditionalOnSwitches(onByDefault = "security.headers.enabled")
@EnableConfigurationProperties(TrustedHostsProperties.class)
public class TrustedHostsAutoConfiguration {

	/** The name of the filter registration bean; define a bean with this name to register the filter yourself. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "trustedHostFilterRegistration";

	private static final Log LOG = LogFactory.getLog(TrustedHostsAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	public TrustedHosts trustedHosts(TrustedHostsProperties properties) {
		TrustedHosts trustedHosts = TrustedHosts.of(properties.getAllowed(), properties.getExemptPaths());
		trustedHosts.finding().ifPresent((finding) -> {
			if (trustedHosts.isOff()) {
				LOG.info(finding);
			}
			else {
				LOG.warn(finding);
			}
		});
		return trustedHosts;
	}

	@Bean
	@ConditionalOnMissingBean
	public TrustedHostCheck trustedHostCheck(TrustedHosts trustedHosts) {
		return new TrustedHostCheck(trustedHosts);
	}

	@Bean
	@ConditionalOnMissingBean
	public TrustedHostFilter trustedHostFilter(TrustedHostCheck trustedHostCheck,
			ObjectProvider<TrustedHostRejectionListener> listeners, ObjectProvider<Clock> clock) {
		return new TrustedHostFilter(trustedHostCheck, listeners.orderedStream().toList(),
				clock.getIfUnique(Clock::systemUTC));
	}

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	public FilterRegistrationBean<TrustedHostFilter> trustedHostFilterRegistration(TrustedHostFilter trustedHostFilter) {
		FilterRegistrationBean<TrustedHostFilter> registration = new FilterRegistrationBean<>(trustedHostFilter);
		registration.setName("trustedHostFilter");
		registration.setOrder(trustedHostFilter.getOrder());
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean
	public TrustedHostRejectionCounts trustedHostRejectionCounts() {
		return new TrustedHostRejectionCounts();
	}

	/** Counts refusals when Micrometer is on the class path. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class TrustedHostMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TrustedHostRejectionMetrics trustedHostRejectionMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
			return new TrustedHostRejectionMetrics(meterRegistry::getIfUnique);
		}

	}

}
