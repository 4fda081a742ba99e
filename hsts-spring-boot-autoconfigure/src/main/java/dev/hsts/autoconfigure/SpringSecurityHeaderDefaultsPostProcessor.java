package dev.hsts.autoconfigure;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;

/**
 * Hands the headers the starter manages over to the starter in every {@link HttpSecurity} Spring Security gives
 * out (its default chain's and the application's own chains'): when the chain is built, after the application's
 * own configuration, switches off Spring Security's writers of Strict-Transport-Security, Cache-Control (with
 * Pragma and Expires), X-Content-Type-Options and X-Frame-Options.
 *
 * <p>Without this, Spring Security's writers would fill in whatever the starter deliberately left out: its fixed
 * one-year HSTS on excluded hosts, before a scheduled rollout starts and with HSTS switched off; its
 * {@code no-cache, no-store, max-age=0, must-revalidate} (plus {@code Pragma} and {@code Expires}), which it writes
 * when the response commits, before the starter's commit-time default. And its X-Frame-Options writer, unlike the
 * others, replaces a value already on the response. The starter's headers are written before Spring Security's
 * chain runs, so the writers Spring Security keeps (X-XSS-Protection, and any the application configures, such as
 * its own Content-Security-Policy) skip every header the starter has already written.
 *
 * <p>This is done at build time (in a configurer's {@code init}) rather than when the {@code HttpSecurity} is
 * created, so that a chain that configures one of these writers itself (e.g. {@code headers.frameOptions(...)})
 * still gets the starter's value, once. Configure these four headers with {@code security.headers.*}.
 */
final class SpringSecurityHeaderDefaultsPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof HttpSecurity http) {
			try {
				http.with(new HandOverManagedHeaders(), Customizer.withDefaults());
			}
			catch (Exception ex) {
				throw new BeanCreationException(beanName, "Could not hand the security headers over to the starter", ex);
			}
		}
		return bean;
	}

	/**
	 * Switches off Spring Security's writers of the headers the starter manages, once the application has
	 * configured the chain.
	 */
	static final class HandOverManagedHeaders extends AbstractHttpConfigurer<HandOverManagedHeaders, HttpSecurity> {

		@Override
		@SuppressWarnings("unchecked")
		public void init(HttpSecurity http) {
			HeadersConfigurer<HttpSecurity> headers = http.getConfigurer(HeadersConfigurer.class);
			if (headers != null) {
				headers.httpStrictTransportSecurity((hsts) -> hsts.disable())
					.cacheControl((cacheControl) -> cacheControl.disable())
					.contentTypeOptions((contentTypeOptions) -> contentTypeOptions.disable())
					.frameOptions((frameOptions) -> frameOptions.disable());
			}
		}

	}

}
