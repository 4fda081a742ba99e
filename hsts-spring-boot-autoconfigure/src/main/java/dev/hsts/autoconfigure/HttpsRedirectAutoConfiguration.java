package dev.hsts.autoconfigure;

import jakarta.servlet.DispatcherType;

import dev.hsts.core.HttpsRedirectRule;
import dev.hsts.servlet.HttpsRedirectFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.GenericFilterBean;

import static dev.hsts.autoconfigure.InvalidSecurityHeadersPropertyException.validated;

/**
 * Auto-configuration of the plain-HTTP to HTTPS redirect, when
 * {@code security.headers.https-redirect.enabled=true}. The properties are bound either
 * way ({@link SecurityHeadersPropertiesAutoConfiguration}), so that
 * {@code enabled: maybe} fails startup naming the property.
 */
@AutoConfiguration(after = SecurityHeadersAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(GenericFilterBean.class)
@ConditionalOnBooleanProperty(name = "security.headers.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "security.headers.https-redirect.enabled")
@EnableConfigurationProperties(HttpsRedirectProperties.class)
public class HttpsRedirectAutoConfiguration {

	/** The name of the filter registration bean. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "httpsRedirectFilterRegistration";

	@Bean
	@ConditionalOnMissingBean
	public HttpsRedirectFilter httpsRedirectFilter(HttpsRedirectProperties properties) {
		return new HttpsRedirectFilter(validated(() -> new HttpsRedirectRule(properties.getHost(),
				properties.getHttpsPort(), properties.getGetAndHeadStatus(), properties.getOtherMethodsStatus(),
				properties.getExemptPaths())));
	}

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	public FilterRegistrationBean<HttpsRedirectFilter> httpsRedirectFilterRegistration(HttpsRedirectFilter filter) {
		return FilterRegistrations.of(filter, "httpsRedirectFilter", filter.getOrder(), DispatcherType.REQUEST);
	}

}
