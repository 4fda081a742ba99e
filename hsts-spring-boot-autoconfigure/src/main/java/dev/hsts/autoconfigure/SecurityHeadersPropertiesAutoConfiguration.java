package dev.hsts.autoconfigure;

import java.util.Locale;
import java.util.Set;

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
 * Binds the {@code security.headers.*} properties in every servlet web application,
 * whatever the switches say, and makes sure the switches read the same everywhere.
 *
 * <p>
 * The starter's parts are switched with Boot's {@code @ConditionalOnBooleanProperty},
 * which takes only {@code true} and {@code false}, while Boot's binder also reads
 * {@code on}, {@code yes}, {@code 1} (and {@code off}, {@code no}, {@code 0}) as
 * booleans. So a switch is refused at startup unless it says {@code true} or
 * {@code false}: {@code enabled: on} would otherwise switch the starter off in silence,
 * and a value that is no boolean at all ({@code enabled: ture}) fails the binding, with
 * Boot's report naming the property.
 *
 * <p>
 * With the whole starter switched off ({@code security.headers.enabled=false}) it says so
 * once at startup, as a warning (the {@code starter.off} finding): the application then
 * sends none of the starter's headers.
 */
@AutoConfiguration(before = { SecurityHeadersAutoConfiguration.class, TrustedHostsAutoConfiguration.class,
		HttpsRedirectAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
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
	 * The switches read by {@code @ConditionalOnBooleanProperty}, relative to the
	 * configuration.
	 */
	private static final String[] SWITCHES = { "enabled", "https-redirect.enabled" };

	/** What Boot's binder reads as a boolean besides {@code true} and {@code false}. */
	private static final Set<String> OTHER_BOOLEANS = Set.of("on", "off", "yes", "no", "1", "0");

	/**
	 * Checks the switches.
	 * @param environment the environment
	 * @throws InvalidSecurityHeadersPropertyException for a switch that is neither
	 * {@code true} nor {@code false} but that Boot's binder reads as a boolean
	 */
	public SecurityHeadersPropertiesAutoConfiguration(Environment environment) {
		for (String path : SWITCHES) {
			String value = environment.getProperty(PropertyNames.of(path));
			if (value != null && OTHER_BOOLEANS.contains(value.trim().toLowerCase(Locale.ROOT))) {
				throw InvalidSecurityHeadersPropertyException.of(new InvalidPolicyException(path, value,
						"a switch is read by Spring Boot's @ConditionalOnBooleanProperty, which takes only true or "
								+ "false, not '" + value.trim() + "' (which other parts of Spring Boot read as a "
								+ "boolean), so the starter could not be switched the way the value says.",
						"Write ${" + path + "}=true or ${" + path + "}=false."));
			}
		}
	}

}
