package dev.hsts.autoconfigure;

import dev.hsts.core.InvalidPolicyException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Binds the {@code security.headers.*} properties in every web application (servlet or
 * WebFlux), whatever the switches say, and checks before any bean is created that every
 * key under {@code security.headers} is one the starter binds and that the switches read
 * the same everywhere (see {@link SecurityHeadersConfigurationCheck}).
 *
 * <p>
 * With the whole starter switched off ({@code security.headers.enabled=false}) it says so
 * once at startup, as a warning (the {@code starter.off} finding): the application then
 * sends none of the starter's headers.
 */
@AutoConfiguration(before = { SecurityHeadersAutoConfiguration.class, TrustedHostsAutoConfiguration.class,
		HttpsRedirectAutoConfiguration.class, ReactiveSecurityHeadersAutoConfiguration.class })
@ConditionalOnWebApplication
@EnableConfigurationProperties({ SecurityHeadersProperties.class, TrustedHostsProperties.class,
		HttpsRedirectProperties.class })
public class SecurityHeadersPropertiesAutoConfiguration {

	/** Reports the {@code starter.off} finding when the whole starter is switched off. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "security.headers.enabled", havingValue = false)
	static class StarterOffConfiguration {

		@Bean
		@ConditionalOnMissingBean
		FindingsStartupReport securityHeadersFindingsStartupReport(Environment environment,
				ObjectProvider<EndpointWebExposure> endpoint) {
			return new FindingsStartupReport(SecurityHeadersFindings.starterSwitchedOff(),
					EndpointWebExposure.details(environment, endpoint));
		}

	}

	/**
	 * Refuses a plain-HTTP connector ({@code security.headers.https-redirect.http-port})
	 * without the redirect: it would serve the application over plain HTTP.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnPlainHttpPortCondition.class)
	@ConditionalOnBooleanProperty(name = "security.headers.https-redirect.enabled", havingValue = false,
			matchIfMissing = true)
	static class PlainHttpConnectorWithoutRedirectConfiguration {

		PlainHttpConnectorWithoutRedirectConfiguration(Environment environment) {
			throw InvalidSecurityHeadersPropertyException.of(new InvalidPolicyException(PlainHttpConnector.PROPERTY,
					environment.getProperty(PropertyNames.of(PlainHttpConnector.PROPERTY)),
					"the plain-HTTP connector is opened for the redirect to HTTPS, which is off "
							+ "(${https-redirect.enabled} is not true): every request on it would be served over "
							+ "plain HTTP.",
					"Set ${https-redirect.enabled}=true, or remove ${" + PlainHttpConnector.PROPERTY + "}."));
		}

	}

	/**
	 * Checks the keys and the switches before any bean is created.
	 * @param environment the environment
	 * @return the check
	 */
	@Bean
	@ConditionalOnMissingBean
	static SecurityHeadersConfigurationCheck securityHeadersConfigurationCheck(Environment environment) {
		return new SecurityHeadersConfigurationCheck(environment);
	}

}
