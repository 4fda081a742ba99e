package dev.hsts.autoconfigure;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Hands the headers the starter manages over to the starter in every {@link HttpSecurity} Spring Security gives
 * out (its default chain's and the application's own chains'): switches off Spring Security's default writers of
 * Strict-Transport-Security, Cache-Control (with Pragma and Expires), X-Content-Type-Options and X-Frame-Options.
 *
 * <p>Without this, Spring Security's writers would fill in whatever the starter deliberately left out: its fixed
 * one-year HSTS on excluded hosts, before a scheduled rollout starts and with HSTS switched off; its
 * {@code no-cache, no-store, max-age=0, must-revalidate} (plus {@code Pragma} and {@code Expires}), which it writes
 * when the response commits, before the starter's commit-time default. The starter's headers are written before
 * Spring Security's chain runs, so the writers Spring Security still has (X-XSS-Protection, and any the application
 * configures, such as its own Content-Security-Policy) skip every header the starter has already written.
 *
 * <p>A chain that configures one of these writers explicitly (e.g. {@code headers.frameOptions(...)}) switches it
 * back on; the starter's eagerly written value still wins, and the header is still sent once.
 */
final class SpringSecurityHeaderDefaultsPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof HttpSecurity http) {
			try {
				http.headers((headers) -> headers.httpStrictTransportSecurity((hsts) -> hsts.disable())
					.cacheControl((cacheControl) -> cacheControl.disable())
					.contentTypeOptions((contentTypeOptions) -> contentTypeOptions.disable())
					.frameOptions((frameOptions) -> frameOptions.disable()));
			}
			catch (Exception ex) {
				throw new BeanCreationException(beanName, "Could not hand the security headers over to the starter", ex);
			}
		}
		return bean;
	}

}
