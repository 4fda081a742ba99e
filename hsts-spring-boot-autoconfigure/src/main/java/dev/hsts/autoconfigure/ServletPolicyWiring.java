package dev.hsts.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hsts.core.CspReportingDirectives;
import dev.hsts.core.HandlerPolicy;
import dev.hsts.core.HeaderPolicies;
import dev.hsts.core.PerRequestHeaderPolicy;
import dev.hsts.core.PolicyHeader;
import dev.hsts.core.PolicyUsage;
import dev.hsts.servlet.ResponseHeaderWriter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.ServletPolicies;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Applies the named policies to the servlet filter once every singleton exists (so that
 * Spring MVC's handler mappings are built): finds the policies the handlers ask for
 * ({@link HandlerPolicySource}: {@link MvcPolicyScan} in a Spring MVC application),
 * validates everything (a handler naming a policy that is not configured stops the
 * application), and switches the filter to policies only when there are named policies,
 * handler policies or {@link PerRequestHeaderPolicy} beans; otherwise the filter works
 * exactly as without this feature.
 */
final class ServletPolicyWiring implements SmartInitializingSingleton {

	private final SecurityHeadersProperties properties;

	private final ConfigurableListableBeanFactory beanFactory;

	private final SecurityHeadersFilter filter;

	private final ObjectProvider<PerRequestHeaderPolicy> hooks;

	private final ObjectProvider<HandlerPolicySource> handlerSources;

	private final PolicyUsage usage;

	private List<HandlerPolicy> handlerPolicies = List.of();

	private ServletPolicies config;

	ServletPolicyWiring(SecurityHeadersProperties properties, ConfigurableListableBeanFactory beanFactory,
			SecurityHeadersFilter filter, ObjectProvider<PerRequestHeaderPolicy> hooks,
			ObjectProvider<HandlerPolicySource> handlerSources, PolicyUsage usage) {
		this.properties = properties;
		this.beanFactory = beanFactory;
		this.filter = filter;
		this.hooks = hooks;
		this.handlerSources = handlerSources;
		this.usage = usage;
	}

	@Override
	public void afterSingletonsInstantiated() {
		HandlerPolicySource source = this.handlerSources.getIfUnique();
		this.handlerPolicies = (source != null) ? source.scan() : List.of();
		if (source != null) {
			for (Map.Entry<HandlerPolicy, List<String>> mapping : source.mappedPaths().entrySet()) {
				this.usage.mapped(mapping.getKey(), mapping.getValue());
			}
		}
		List<PerRequestHeaderPolicy> hooks = this.hooks.orderedStream().toList();
		HeaderPolicies policies = SecurityHeaderValues.headerPolicies(this.properties, this.handlerPolicies,
				cspReporting());
		this.config = new ServletPolicies(policies, hooks, decided(), !this.handlerPolicies.isEmpty());
		this.filter.setPolicies(inForce(this.config));
		this.usage.update(policies);
	}

	/** The policies to apply, or {@code null} when there is nothing for them to do. */
	private static ServletPolicies inForce(ServletPolicies config) {
		boolean any = config.getPolicies().hasNamedPolicies() || !config.getPolicies().handlerPolicies().isEmpty()
				|| !config.getHooks().isEmpty();
		return any ? config : null;
	}

	/** The headers whose writer is the starter's: the policies decide those. */
	private Set<PolicyHeader> decided() {
		return new ServletStarterWriters(this.beanFactory, this.filter).policyHeaders();
	}

	/**
	 * Makes the policies of a changed configuration (which validates them) for a refresh,
	 * without applying them.
	 * @param properties the new properties
	 * @return the prepared policies
	 */
	Prepared prepare(SecurityHeadersProperties properties) {
		HeaderPolicies policies = SecurityHeaderValues.headerPolicies(properties, this.handlerPolicies, cspReporting());
		return new Prepared(policies, (this.config != null) ? this.config.with(policies) : null);
	}

	/**
	 * Applies prepared policies together with the filter's new writers.
	 * @param prepared the policies
	 * @param writers the writers
	 */
	void apply(Prepared prepared, List<ResponseHeaderWriter> writers) {
		if (prepared.config != null) {
			this.config = prepared.config;
		}
		this.filter.setWriters(writers, (prepared.config != null) ? inForce(prepared.config) : null);
		this.usage.update(prepared.policies);
	}

	/** Policies made from a changed configuration, ready to apply. */
	record Prepared(HeaderPolicies policies, ServletPolicies config) {
	}

	/** What CSP reporting adds to every policy, or {@code null} when it is off. */
	private CspReportingDirectives cspReporting() {
		return this.beanFactory.getBeanProvider(CspReportingDirectives.class).getIfUnique();
	}

}
