package dev.hsts.autoconfigure;

import jakarta.servlet.DispatcherType;

import dev.hsts.policy.HttpsRedirectRule;
import dev.hsts.web.HttpsRedirectFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.GenericFilterBean;

/**
 * Auto-configuration of the plain-HTTP to HTTPS redirect, when {@code security.headers.https-redirect.enabled=true}.
 */
@AutoConfiguration(after = SecurityHeadersAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(GenericFilterBean.class)
@ConditionalOnSwitches(onByDefault = "security.headers.enabled", offByDefault = "security.headers.https-redirect.enabled")
@EnableConfigurationProperties(HttpsRedirectProperties.class)
public class HttpsRedirectAutoConfiguration {

	/** The name of the filter registration bean. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "httpsRedirectFilterRegistration";

	@Bean
	@ConditionalOnMissingBean
	public HttpsRedirectFilter httpsRedirectFilter(HttpsRedirectProperties properties) {
		return new HttpsRedirectFilter(new HttpsRedirectRule(properties.getHttpsPort(), properties.getGetAndHeadStatus(),
				properties.getOtherMethodsStatus(), properties.getExemptPaths()));
	}

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	public FilterRegistrationBean<HttpsRedirectFilter> httpsRedirectFilterRegistration(HttpsRedirectFilter filter) {
		FilterRegistrationBean<HttpsRedirectFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("httpsRedirectFilter");
		registration.setOrder(filter.getOrder());
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
