package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.List;

import dev.hsts.core.CspReportingDirectives;
import dev.hsts.core.HstsPolicy;
import dev.hsts.servlet.ResponseHeaderWriter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.TrustedHostCheck;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The starter's header writers in the servlet filter, made again by
 * {@link SecurityHeadersAutoConfiguration}'s bean methods.
 */
final class ServletStarterWriters extends StarterWriters<ResponseHeaderWriter> {

	private final SecurityHeadersFilter filter;

	private final ConfigurableListableBeanFactory beanFactory;

	ServletStarterWriters(ConfigurableListableBeanFactory beanFactory, SecurityHeadersFilter filter) {
		super(beanFactory, SecurityHeadersAutoConfiguration.class, ResponseHeaderWriter.class);
		this.filter = filter;
		this.beanFactory = beanFactory;
	}

	@Override
	List<ResponseHeaderWriter> writers() {
		return this.filter.getWriters();
	}

	@Override
	void setWriters(List<ResponseHeaderWriter> writers) {
		this.filter.setWriters(writers);
	}

	@Override
	Object prepareMore(SecurityHeadersProperties properties) {
		ServletPolicyWiring wiring = this.beanFactory.getBeanProvider(ServletPolicyWiring.class).getIfUnique();
		return (wiring != null) ? wiring.prepare(properties) : null;
	}

	@Override
	void setWriters(List<ResponseHeaderWriter> writers, Object more) {
		ServletPolicyWiring wiring = this.beanFactory.getBeanProvider(ServletPolicyWiring.class).getIfUnique();
		if (wiring != null && more instanceof ServletPolicyWiring.Prepared policies) {
			wiring.apply(policies, writers);
		}
		else {
			setWriters(writers);
		}
	}

	@Override
	ResponseHeaderWriter create(Slot slot, SecurityHeadersProperties properties, HstsPolicy hsts) {
		SecurityHeadersAutoConfiguration configuration = new SecurityHeadersAutoConfiguration(properties);
		return switch (slot.beanName()) {
			case "contentTypeOptionsHeaderWriter" -> configuration.contentTypeOptionsHeaderWriter();
			case "frameOptionsHeaderWriter" -> configuration.frameOptionsHeaderWriter();
			case "referrerPolicyHeaderWriter" -> configuration.referrerPolicyHeaderWriter();
			case "permissionsPolicyHeaderWriter" -> configuration.permissionsPolicyHeaderWriter();
			case "contentSecurityPolicyHeaderWriter" -> configuration
				.contentSecurityPolicyHeaderWriter(this.beanFactory.getBeanProvider(CspReportingDirectives.class));
			case "crossOriginOpenerPolicyHeaderWriter" -> configuration.crossOriginOpenerPolicyHeaderWriter();
			case "crossOriginResourcePolicyHeaderWriter" -> configuration.crossOriginResourcePolicyHeaderWriter();
			case "crossOriginEmbedderPolicyHeaderWriter" -> configuration.crossOriginEmbedderPolicyHeaderWriter();
			case "originAgentClusterHeaderWriter" -> configuration.originAgentClusterHeaderWriter();
			case "permittedCrossDomainPoliciesHeaderWriter" -> configuration.permittedCrossDomainPoliciesHeaderWriter();
			case "dnsPrefetchControlHeaderWriter" -> configuration.dnsPrefetchControlHeaderWriter();
			case "xssProtectionHeaderWriter" -> configuration.xssProtectionHeaderWriter();
			case "cacheControlHeaderWriter" -> configuration.cacheControlHeaderWriter();
			case SecurityHeadersAutoConfiguration.HSTS_HEADER_WRITER_BEAN_NAME ->
				configuration.hstsHeaderWriter(hsts, this.beanFactory.getBeanProvider(Clock.class),
						this.beanFactory.getBeanProvider(TrustedHostCheck.class));
			default -> throw new IllegalStateException("No header writer bean " + slot.beanName());
		};
	}

}
