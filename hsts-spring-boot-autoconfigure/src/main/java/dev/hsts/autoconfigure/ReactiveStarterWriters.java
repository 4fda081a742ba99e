package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.List;

import dev.hsts.core.CspReportingDirectives;
import dev.hsts.core.HstsPolicy;
import dev.hsts.reactive.ExchangeHeaderWriter;
import dev.hsts.reactive.SecurityHeadersWebFilter;
import dev.hsts.reactive.TrustedHostExchangeCheck;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The starter's header writers in the WebFlux filter, made again by
 * {@link ReactiveSecurityHeadersAutoConfiguration}'s bean methods.
 */
final class ReactiveStarterWriters extends StarterWriters<ExchangeHeaderWriter> {

	private final SecurityHeadersWebFilter filter;

	private final ConfigurableListableBeanFactory beanFactory;

	ReactiveStarterWriters(ConfigurableListableBeanFactory beanFactory, SecurityHeadersWebFilter filter) {
		super(beanFactory, ReactiveSecurityHeadersAutoConfiguration.class, ExchangeHeaderWriter.class);
		this.filter = filter;
		this.beanFactory = beanFactory;
	}

	@Override
	List<ExchangeHeaderWriter> writers() {
		return this.filter.getWriters();
	}

	@Override
	void setWriters(List<ExchangeHeaderWriter> writers) {
		this.filter.setWriters(writers);
	}

	@Override
	Object prepareMore(SecurityHeadersProperties properties) {
		ReactivePolicyWiring wiring = this.beanFactory.getBeanProvider(ReactivePolicyWiring.class).getIfUnique();
		return (wiring != null) ? wiring.prepare(properties) : null;
	}

	@Override
	void setWriters(List<ExchangeHeaderWriter> writers, Object more) {
		ReactivePolicyWiring wiring = this.beanFactory.getBeanProvider(ReactivePolicyWiring.class).getIfUnique();
		if (wiring != null && more instanceof ReactivePolicyWiring.Prepared policies) {
			wiring.apply(policies, writers);
		}
		else {
			setWriters(writers);
		}
	}

	@Override
	ExchangeHeaderWriter create(Slot slot, SecurityHeadersProperties properties, HstsPolicy hsts) {
		ReactiveSecurityHeadersAutoConfiguration configuration = new ReactiveSecurityHeadersAutoConfiguration(
				properties);
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
						this.beanFactory.getBeanProvider(TrustedHostExchangeCheck.class));
			default -> throw new IllegalStateException("No header writer bean " + slot.beanName());
		};
	}

}
