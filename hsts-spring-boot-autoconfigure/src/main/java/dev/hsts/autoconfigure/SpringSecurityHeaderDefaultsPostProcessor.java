package dev.hsts.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.servlet.DeferringHeaderWriterFilter;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Hands the headers the starter manages over to the starter in every {@link HttpSecurity}
 * Spring Security gives out (its default chain's and the application's own chains'): when
 * the chain is built, after the application's own configuration, switches off Spring
 * Security's writers of Strict-Transport-Security, Cache-Control (with Pragma and
 * Expires), X-Content-Type-Options and X-Frame-Options.
 *
 * <p>
 * Without this, Spring Security's writers would fill in whatever the starter deliberately
 * left out: its fixed one-year HSTS on excluded hosts, before a scheduled rollout starts
 * and with HSTS switched off; its {@code no-cache, no-store, max-age=0, must-revalidate}
 * (plus {@code Pragma} and {@code Expires}), which it writes when the response commits,
 * before the starter's commit-time default. And its X-Frame-Options writer, unlike the
 * others, replaces a value already on the response. The starter's headers are written
 * before Spring Security's chain runs, so the writers Spring Security keeps
 * (X-XSS-Protection, and any the application configures, such as its own
 * Content-Security-Policy) skip every header the starter has already written.
 *
 * <p>
 * This is done at build time (in a configurer's {@code init}) rather than when the
 * {@code HttpSecurity} is created, so that a chain that configures one of these writers
 * itself (e.g. {@code headers.frameOptions(...)}) still gets the starter's value, once.
 * Configure these four headers with {@code security.headers.*}.
 *
 * <p>
 * The {@link HeaderWriterFilter} Spring Security builds is replaced by a
 * {@link DeferringHeaderWriterFilter}, which hands the writers Spring Security keeps to
 * the starter's response instead of wrapping the response a second time. And since a
 * chain may configure nothing but headers the starter took over (say
 * {@code headers.defaultsDisabled().cacheControl(...)}), which Spring Security would
 * refuse to build ("no headers will be added"), a writer that writes nothing is added.
 */
final class SpringSecurityHeaderDefaultsPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof HttpSecurity http) {
			try {
				http.with(new LeaveManagedHeadersToTheStarter(), Customizer.withDefaults());
			}
			catch (Exception ex) {
				throw new BeanCreationException(beanName, "Could not hand the security headers over to the starter",
						ex);
			}
		}
		return bean;
	}

	/**
	 * Switches off Spring Security's writers of the headers the starter manages, once the
	 * application has configured the chain.
	 */
	static final class LeaveManagedHeadersToTheStarter
			extends AbstractHttpConfigurer<LeaveManagedHeadersToTheStarter, HttpSecurity> {

		@Override
		@SuppressWarnings("unchecked")
		public void init(HttpSecurity http) {
			HeadersConfigurer<HttpSecurity> headers = http.getConfigurer(HeadersConfigurer.class);
			if (headers != null) {
				headers.httpStrictTransportSecurity((hsts) -> hsts.disable())
					.cacheControl((cacheControl) -> cacheControl.disable())
					.contentTypeOptions((contentTypeOptions) -> contentTypeOptions.disable())
					.frameOptions((frameOptions) -> frameOptions.disable())
					.addHeaderWriter(NoHeaders.INSTANCE)
					.withObjectPostProcessor(new DeferToTheStarter());
			}
		}

	}

	/**
	 * Keeps Spring Security's header configuration valid when every header it would write
	 * was handed over to the starter.
	 */
	enum NoHeaders implements HeaderWriter {

		INSTANCE;

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		}

	}

	/**
	 * Puts a {@link DeferringHeaderWriterFilter} in place of the
	 * {@link HeaderWriterFilter} Spring Security builds. First among the post-processors,
	 * so that one the application adds later (say, one that makes the filter write
	 * eagerly) applies to the replacement.
	 */
	static final class DeferToTheStarter implements ObjectPostProcessor<HeaderWriterFilter>, Ordered {

		@Override
		@SuppressWarnings("unchecked")
		public <O extends HeaderWriterFilter> O postProcess(O filter) {
			return (filter instanceof DeferringHeaderWriterFilter) ? filter
					: (O) DeferringHeaderWriterFilter.replacing(filter);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
