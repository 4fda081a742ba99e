package dev.hsts.autoconfigure;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import io.micrometer.core.instrument.MeterRegistry;

import dev.hsts.actuate.TrustedHostRejectionMetrics;
import dev.hsts.core.TrustedHostRejectionCounts;
import dev.hsts.core.TrustedHostRejectionListener;
import dev.hsts.core.TrustedHosts;
import dev.hsts.servlet.HttpsRedirectFilter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.TrustedHostCheck;
import dev.hsts.servlet.TrustedHostFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration of the trusted-host check ({@code security.headers.trusted-hosts.*})
 * for servlet web applications. Wiring only. Every bean backs off when the application
 * defines its own; the HSTS writer of {@link SecurityHeadersAutoConfiguration} consults
 * the {@link TrustedHostCheck} so a refused host never gets HSTS.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
@ConditionalOnBooleanProperty(name = "security.headers.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TrustedHostsProperties.class)
public class TrustedHostsAutoConfiguration {

	/**
	 * The name of the filter registration bean; define a bean with this name to register
	 * the filter yourself.
	 */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "trustedHostFilterRegistration";

	@Bean
	@ConditionalOnMissingBean
	public TrustedHosts trustedHosts(TrustedHostsProperties properties) {
		// Its findings (the check is off, or allows every host) are logged once, in the
		// startup report (FindingsStartupReport).
		return SecurityHeaderValues.trustedHosts(properties);
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
		return new TrustedHostFilter(trustedHostCheck, listeners.orderedStream().toList(), StarterClock.of(clock));
	}

	/**
	 * The trusted-host filter's registration. Where the starter's
	 * {@link SecurityHeadersFilter} runs right before it anyway (both at their default
	 * orders, the header filter registered by the starter's own registration for every
	 * path and request dispatch, no other filter ordered between them), the header filter
	 * runs the check itself
	 * ({@link SecurityHeadersFilter#setTrustedHostFilter(TrustedHostFilter)}): one entry
	 * in the container's filter chain instead of two, and this registration is disabled
	 * (named so that Boot's start-up line about it says where the filter runs). Otherwise
	 * the filter is registered on its own.
	 * @param filter the trusted-host filter
	 * @param headersFilter the starter's header filter, if any
	 * @param redirectFilter the starter's HTTPS-redirect filter, if any
	 * @param beanFactory where the filters' registrations are looked up
	 * @return the registration
	 */
	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	public FilterRegistrationBean<TrustedHostFilter> trustedHostFilterRegistration(TrustedHostFilter filter,
			ObjectProvider<SecurityHeadersFilter> headersFilter, ObjectProvider<HttpsRedirectFilter> redirectFilter,
			ConfigurableListableBeanFactory beanFactory) {
		SecurityHeadersFilter runner = headersFilter.getIfUnique();
		if (runner != null && FilterRegistrations.runsTrustedHostFilter(beanFactory, runner, filter,
				redirectFilter.getIfUnique())) {
			runner.setTrustedHostFilter(filter);
			FilterRegistrationBean<TrustedHostFilter> registration = FilterRegistrations.of(filter,
					"trustedHostFilter (run by securityHeadersFilter)", filter.getOrder(), DispatcherType.REQUEST);
			registration.setEnabled(false);
			return registration;
		}
		return FilterRegistrations.of(filter, "trustedHostFilter", filter.getOrder(), DispatcherType.REQUEST);
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
			return new TrustedHostRejectionMetrics(Deferred.ifUnique(meterRegistry));
		}

	}

}
