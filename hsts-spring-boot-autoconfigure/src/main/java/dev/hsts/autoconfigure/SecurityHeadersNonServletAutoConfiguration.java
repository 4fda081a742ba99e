package dev.hsts.autoconfigure;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * In an application that is not a web application (neither servlet nor WebFlux) the
 * starter has no responses to act on. When such an application sets
 * {@code security.headers.*} anyway, it says so at startup, as a warning naming the first
 * key found, instead of ignoring the configuration without a word.
 */
@AutoConfiguration
@Conditional(SecurityHeadersNonServletAutoConfiguration.NotServletWebApplication.class)
public class SecurityHeadersNonServletAutoConfiguration {

	/**
	 * Warns when the configuration sets {@code security.headers.*}.
	 * @param environment the environment
	 * @return the warning
	 */
	@Bean
	@ConditionalOnMissingBean
	static NonServletApplicationWarning securityHeadersNonServletApplicationWarning(Environment environment) {
		return new NonServletApplicationWarning(environment);
	}

	/** Matches unless the application is a web application (servlet or WebFlux). */
	static class NotServletWebApplication extends NoneNestedConditions {

		NotServletWebApplication() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnWebApplication
		static class Web {

		}

	}

	/**
	 * Logs the warning once, while the application context starts, unless the starter is
	 * switched off ({@code security.headers.enabled=false}).
	 */
	static class NonServletApplicationWarning implements BeanFactoryPostProcessor {

		private static final Log LOG = LogFactory.getLog(SecurityHeadersNonServletAutoConfiguration.class);

		private final Environment environment;

		NonServletApplicationWarning(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			String warning = warning();
			if (warning != null) {
				LOG.warn(warning);
			}
		}

		/**
		 * The warning.
		 * @return the warning, {@code null} when there is nothing to say
		 */
		String warning() {
			List<ConfigurationProperty> configured = ConfiguredProperties.under(this.environment, KnownProperties.ROOT);
			if (configured.isEmpty() || switchedOff()) {
				return null;
			}
			ConfigurationProperty first = configured.get(0);
			return "The configuration sets " + ConfiguredProperties.written(first.getName()) + " (at "
					+ ConfiguredProperties.origin(first) + "), but this is not a web application (neither servlet "
					+ "nor WebFlux): the security headers starter acts on HTTP responses, and this application "
					+ "serves none, so the setting has no effect. Remove the starter and its settings, or set "
					+ "security.headers.enabled=false to silence this warning.";
		}

		private boolean switchedOff() {
			try {
				return !Binder.get(this.environment).bind(PropertyNames.of("enabled"), Boolean.class).orElse(true);
			}
			catch (RuntimeException ex) {
				return false;
			}
		}

	}

}
