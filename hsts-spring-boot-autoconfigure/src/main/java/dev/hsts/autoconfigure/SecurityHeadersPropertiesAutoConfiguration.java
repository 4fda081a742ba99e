package dev.hsts.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Binds the {@code security.headers.*} properties in every servlet web application,
 * whatever the switches say: a switch whose value is not a boolean
 * ({@code enabled: ture}) then fails startup with Boot's bind failure report naming the
 * property, instead of the starter's {@code @ConditionalOnBooleanProperty} conditions
 * reading it as "off" in silence.
 */
@AutoConfiguration(before = { SecurityHeadersAutoConfiguration.class, TrustedHostsAutoConfiguration.class,
		HttpsRedirectAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ SecurityHeadersProperties.class, TrustedHostsProperties.class,
		HttpsRedirectProperties.class })
public class SecurityHeadersPropertiesAutoConfiguration {

}
