package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.ClearSiteData;
import dev.hsts.core.ManagedHeaderChoices;
import dev.hsts.core.ManagedHeaderChoices.Choice;
import dev.hsts.servlet.DeferringHeaderWriterFilter;
import dev.hsts.servlet.PreviewExchange;
import dev.hsts.servlet.ResponseHeaderWriter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.StagedHstsHeaderWriter;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.HeaderWriterLogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ClearSiteDataHeaderWriter;

/**
 * Hands the headers the starter manages (Strict-Transport-Security, Cache-Control with
 * Pragma and Expires, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection) over to
 * the starter in every {@link HttpSecurity} Spring Security gives out (its default
 * chain's and the application's own chains'), and makes sure that no chain's own choice
 * for them is overridden without a word.
 *
 * <p>
 * When a chain is built, the {@link HeaderWriterFilter} Spring Security builds is
 * replaced by a {@link DeferringHeaderWriterFilter}, which hands the writers Spring
 * Security keeps to the starter's response instead of wrapping the response a second
 * time, and drops their writes of the managed headers: the starter writes those, once,
 * with its values. Without this, Spring Security's writers would fill in whatever the
 * starter deliberately left out (its fixed one-year HSTS on excluded hosts, before a
 * scheduled rollout starts, with HSTS switched off; its Cache-Control, Pragma and Expires
 * before the starter's commit-time default), and its X-Frame-Options writer, unlike the
 * others, replaces a value already on the response.
 *
 * <p>
 * When a {@link SecurityFilterChain} bean is created, what its header configuration
 * writes for the managed headers is learnt by running it on a preview of a secure
 * {@code GET /} ({@link DeferringHeaderWriterFilter#writeAsConfigured}, public API only)
 * and compared with Spring Security's defaults and the starter's values
 * ({@link ManagedHeaderChoices}). A value that is neither is the application's own choice
 * (say {@code frameOptions(frameOptions -> frameOptions.sameOrigin())}, or a header
 * switched off): the application does not start, and the report names the chain, the
 * header, its value and the {@code security.headers.*} property that expresses it
 * ({@link HeaderChoicesConflictException}). A chain without header writing
 * ({@code headers(headers -> headers.disable())}) is logged as a warning: the starter
 * still sends its headers there.
 */
final class SpringSecurityHeaderDefaultsPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, EnvironmentAware, SmartInitializingSingleton {

	private static final Log LOG = LogFactory.getLog(SpringSecurityHeaderDefaultsPostProcessor.class);

	private BeanFactory beanFactory;

	private Environment environment;

	/** How many filter chains have a logout, to which Clear-Site-Data is added. */
	private int chainsWithLogout;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof HttpSecurity http) {
			try {
				http.with(new DeferHeadersToTheStarter(clearSiteData()), Customizer.withDefaults());
			}
			catch (Exception ex) {
				throw new BeanCreationException(beanName, "Could not hand the security headers over to the starter",
						ex);
			}
		}
		else if (bean instanceof SecurityFilterChain chain) {
			check(chain, beanName);
		}
		return bean;
	}

	/** Clear-Site-Data on logout, or {@code null} when it is off. */
	private ClearSiteData clearSiteData() {
		return this.beanFactory.getBeanProvider(ClearSiteData.class).getIfUnique();
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (clearSiteData() != null) {
			SpringSecurityLogout.warnIfNotHonoured(LOG, this.environment, this.chainsWithLogout);
		}
	}

	/**
	 * Refuses the chain's own values for the managed headers, and warns about a chain
	 * without header writing.
	 */
	private void check(SecurityFilterChain chain, String beanName) {
		List<DeferringHeaderWriterFilter> headerFilters = new ArrayList<>();
		boolean writesHeaders = false;
		for (Object filter : chain.getFilters()) {
			writesHeaders |= filter instanceof HeaderWriterFilter;
			if (filter instanceof LogoutFilter) {
				this.chainsWithLogout++;
			}
			if (filter instanceof DeferringHeaderWriterFilter deferring) {
				headerFilters.add(deferring);
			}
		}
		if (!writesHeaders) {
			LOG.warn("Spring Security's filter chain '" + beanName + "' writes no headers (its headers are switched "
					+ "off, as with http.headers(headers -> headers.disable())). The security headers starter still "
					+ "sends its headers on that chain's responses, as configured by security.headers.*: switch "
					+ "single headers off there (security.headers.frame-options=disabled, ...), or all of them with "
					+ "security.headers.enabled=false.");
			return;
		}
		for (DeferringHeaderWriterFilter filter : headerFilters) {
			List<Choice> choices = ManagedHeaderChoices.of(writtenBy(filter, beanName), starterValues());
			if (!choices.isEmpty()) {
				throw new HeaderChoicesConflictException(beanName, choices);
			}
		}
	}

	/** What the chain's header configuration writes on a preview of a secure request. */
	private static Map<String, List<String>> writtenBy(DeferringHeaderWriterFilter filter, String beanName) {
		PreviewExchange probe = new PreviewExchange("localhost");
		try {
			filter.writeAsConfigured(probe.request(), probe.response());
		}
		catch (RuntimeException ex) {
			LOG.warn("Could not learn which headers Spring Security's filter chain '" + beanName + "' writes (its "
					+ "header writers failed on a preview of a secure GET /: " + ex + "). Its settings for "
					+ String.join(", ", ManagedHeaderChoices.HEADER_NAMES) + " are not checked; the security headers "
					+ "starter sends its own values for them (security.headers.*).");
			return Map.of();
		}
		return probe.headerValues();
	}

	/** What the starter may send, by header, from the writers its filter applies. */
	private Map<String, List<String>> starterValues() {
		SecurityHeadersFilter filter = this.beanFactory.getBeanProvider(SecurityHeadersFilter.class).getIfUnique();
		StarterHeaderValues values = new StarterHeaderValues();
		if (filter != null) {
			for (ResponseHeaderWriter writer : filter.getWriters()) {
				if (writer instanceof StagedHstsHeaderWriter hsts) {
					values.addHsts(hsts.getPolicy());
				}
				else {
					values.add(PreviewExchange.describe(writer));
				}
			}
		}
		return values.values();
	}

	/**
	 * Puts the starter's filter in place of Spring Security's header filter, once the
	 * application has configured the chain; and adds Clear-Site-Data to its logout when
	 * that is on.
	 */
	static final class DeferHeadersToTheStarter extends AbstractHttpConfigurer<DeferHeadersToTheStarter, HttpSecurity> {

		private final ClearSiteData clearSiteData;

		DeferHeadersToTheStarter(ClearSiteData clearSiteData) {
			this.clearSiteData = clearSiteData;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void init(HttpSecurity http) {
			HeadersConfigurer<HttpSecurity> headers = http.getConfigurer(HeadersConfigurer.class);
			if (headers != null) {
				headers.withObjectPostProcessor(new DeferToTheStarter());
			}
			// The logout configurer reads its handlers when it builds the LogoutFilter
			// (configure), after every configurer's init.
			LogoutConfigurer<HttpSecurity> logout = http.getConfigurer(LogoutConfigurer.class);
			if (logout != null && this.clearSiteData != null) {
				logout.addLogoutHandler(new HeaderWriterLogoutHandler(headerWriter(this.clearSiteData)));
			}
		}

		/**
		 * Spring Security's {@link ClearSiteDataHeaderWriter} when it knows every
		 * directive; otherwise one that writes the same way (on secure requests, unless
		 * the response has the header) with the directives it does not know.
		 */
		static HeaderWriter headerWriter(ClearSiteData clearSiteData) {
			List<ClearSiteDataHeaderWriter.Directive> directives = new ArrayList<>();
			for (String directive : clearSiteData.directives()) {
				ClearSiteDataHeaderWriter.Directive known = null;
				for (ClearSiteDataHeaderWriter.Directive candidate : ClearSiteDataHeaderWriter.Directive.values()) {
					if (candidate.getHeaderValue().equals("\"" + directive + "\"")) {
						known = candidate;
					}
				}
				if (known == null) {
					return new SecureClearSiteDataWriter(clearSiteData.headerValue());
				}
				directives.add(known);
			}
			return new ClearSiteDataHeaderWriter(directives.toArray(new ClearSiteDataHeaderWriter.Directive[0]));
		}

	}

	/**
	 * Writes Clear-Site-Data as Spring Security's {@link ClearSiteDataHeaderWriter} does,
	 * with directives that writer does not know (clientHints, prefetchCache,
	 * prerenderCache).
	 */
	static final class SecureClearSiteDataWriter implements HeaderWriter {

		private final String value;

		SecureClearSiteDataWriter(String value) {
			this.value = value;
		}

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			if (request.isSecure() && !response.containsHeader(ClearSiteData.HEADER_NAME)) {
				response.setHeader(ClearSiteData.HEADER_NAME, this.value);
			}
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
