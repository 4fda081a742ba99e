package dev.hsts.autoconfigure;

import java.net.InetAddress;

import jakarta.servlet.DispatcherType;

import dev.hsts.core.InvalidPolicyException;
import dev.hsts.servlet.HttpsRedirectFilter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.TrustedHostFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Conditional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.GenericFilterBean;

import static dev.hsts.autoconfigure.InvalidSecurityHeadersPropertyException.validated;

/**
 * Auto-configuration of the plain-HTTP to HTTPS redirect, when
 * {@code security.headers.https-redirect.enabled=true}, which is also when its properties
 * are bound; {@code enabled: maybe} fails startup naming the property either way
 * ({@link SecurityHeadersConfigurationCheck}).
 */
@AutoConfiguration(after = SecurityHeadersAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(GenericFilterBean.class)
@ConditionalOnBooleanProperty(name = "security.headers.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "security.headers.https-redirect.enabled")
@EnableConfigurationProperties(HttpsRedirectProperties.class)
public class HttpsRedirectAutoConfiguration {

	/**
	 * The name of the bean that opens the plain-HTTP connector
	 * ({@code security.headers.https-redirect.http-port}); define a bean with this name
	 * to open it yourself.
	 */
	public static final String PLAIN_HTTP_CONNECTOR_BEAN_NAME = "httpsRedirectPlainHttpConnector";

	private static final String PLAIN_CONNECTOR_CLASS = "org.apache.catalina.connector.Connector";

	/** The name of the filter registration bean. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "httpsRedirectFilterRegistration";

	@Bean
	@ConditionalOnMissingBean
	public HttpsRedirectFilter httpsRedirectFilter(HttpsRedirectProperties properties) {
		return new HttpsRedirectFilter(SecurityHeaderValues.httpsRedirectRule(properties));
	}

	/**
	 * Opens the plain-HTTP connector of {@code security.headers.https-redirect.http-port}
	 * on Tomcat.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnPlainHttpPortCondition.class)
	@ConditionalOnClass(name = PLAIN_CONNECTOR_CLASS)
	static class PlainHttpConnectorConfiguration {

		@Bean(PLAIN_HTTP_CONNECTOR_BEAN_NAME)
		@ConditionalOnMissingBean(name = PLAIN_HTTP_CONNECTOR_BEAN_NAME)
		WebServerFactoryCustomizer<ConfigurableWebServerFactory> httpsRedirectPlainHttpConnector(
				HttpsRedirectProperties properties, Environment environment) {
			// Boot's default server.port is 8080: an unset server.port clashes with 8080
			// too.
			int serverPort = environment.getProperty("server.port", Integer.class, 8080);
			int port = validated(() -> PlainHttpConnector.validPort(properties.getHttpPort(), serverPort));
			return new PlainHttpConnector(port, environment.getProperty("server.address", InetAddress.class));
		}

	}

	/**
	 * Refuses {@code security.headers.https-redirect.http-port} where there is no Tomcat
	 * to open it on.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnPlainHttpPortCondition.class)
	@ConditionalOnMissingClass(PLAIN_CONNECTOR_CLASS)
	static class NoTomcatConfiguration {

		NoTomcatConfiguration(HttpsRedirectProperties properties) {
			throw InvalidSecurityHeadersPropertyException
				.of(new InvalidPolicyException(PlainHttpConnector.PROPERTY, properties.getHttpPort(),
						"the plain-HTTP connector can only be opened on Tomcat, and Tomcat is not on the class path.",
						"Remove ${" + PlainHttpConnector.PROPERTY + "} and open the plain-HTTP port with your web "
								+ "server's own API, or run on Tomcat (spring-boot-starter-tomcat)."));
		}

	}

	/**
	 * The redirect filter's registration. Where the starter's
	 * {@link SecurityHeadersFilter} runs right before it anyway (the header filter
	 * registered by the starter's own registration for every path and request dispatch;
	 * the trusted-host filter, if any, run inside the header filter; no other filter
	 * ordered between them), the header filter runs the redirect itself, after the
	 * trusted-host check ({@link SecurityHeadersFilter#setHttpsRedirectFilter}): the
	 * starter is then one entry in the container's filter chain, and this registration is
	 * disabled (named so that Boot's start-up line about it says where the filter runs).
	 * Otherwise, or where the filter is the application's own subclass, the filter is
	 * registered on its own.
	 * @param filter the redirect filter
	 * @param headersFilter the starter's header filter, if any
	 * @param trustedHostFilter the trusted-host filter, if any
	 * @param beanFactory where the filters' registrations are looked up
	 * @return the registration
	 */
	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	public FilterRegistrationBean<HttpsRedirectFilter> httpsRedirectFilterRegistration(HttpsRedirectFilter filter,
			ObjectProvider<SecurityHeadersFilter> headersFilter, ObjectProvider<TrustedHostFilter> trustedHostFilter,
			ConfigurableListableBeanFactory beanFactory) {
		SecurityHeadersFilter runner = headersFilter.getIfUnique();
		if (runner != null && FilterRegistrations.runsRedirectFilter(beanFactory, runner,
				trustedHostFilter.getIfUnique(), filter)) {
			runner.setHttpsRedirectFilter(filter);
			FilterRegistrationBean<HttpsRedirectFilter> registration = FilterRegistrations.of(filter,
					"httpsRedirectFilter (run by securityHeadersFilter)", filter.getOrder(), DispatcherType.REQUEST);
			registration.setEnabled(false);
			return registration;
		}
		return FilterRegistrations.of(filter, "httpsRedirectFilter", filter.getOrder(), DispatcherType.REQUEST);
	}

}
