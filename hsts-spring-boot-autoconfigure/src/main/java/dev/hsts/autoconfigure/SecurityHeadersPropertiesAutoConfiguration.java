package dev.hsts.autoconfigure;

import dev.hsts.core.InvalidPolicyException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Checks in every web application (servlet or WebFlux), whatever the switches say and
 * before any bean is created, that every key under {@code security.headers} is one the
 * starter binds and that the switches read the same everywhere (see
 * {@link SecurityHeadersConfigurationCheck}).
 *
 * <p>
 * The properties classes themselves are bound by the auto-configurations that use them,
 * as Spring Boot's own are: switched off, the starter binds nothing, so a value of the
 * wrong type under a switched-off starter (or feature) does not stop the start, and its
 * keys are not listed by {@code /actuator/configprops}. The key check above still names a
 * key the starter does not know.
 *
 * <p>
 * With the whole starter switched off ({@code security.headers.enabled=false}) it says so
 * once at startup, as a warning (the {@code starter.off} finding): the application then
 * sends none of the starter's headers.
 */
@AutoConfiguration(before = { SecurityHeadersAutoConfiguration.class, TrustedHostsAutoConfiguration.class,
		HttpsRedirectAutoConfiguration.class, ReactiveSecurityHeadersAutoConfiguration.class })
@ConditionalOnWebApplication
public class SecurityHeadersPropertiesAutoConfiguration {

	/** Reports the {@code starter.off} finding when the whole starter is switched off. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "security.headers.enabled", havingValue = false)
	static class StarterOffConfiguration {

		@Bean
		@ConditionalOnMissingBean
		FindingsStartupReport securityHeadersFindingsStartupReport(Environment environment,
				ObjectProvider<EndpointExposure> endpoint) {
			return new FindingsStartupReport(SecurityHeadersFindings.starterSwitchedOff(),
					EndpointExposure.details(environment, endpoint));
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
