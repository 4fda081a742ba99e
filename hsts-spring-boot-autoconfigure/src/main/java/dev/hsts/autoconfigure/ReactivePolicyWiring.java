package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hsts.annotation.SecurityHeadersPolicy;
import dev.hsts.core.CspReportingDirectives;
import dev.hsts.core.HandlerPolicy;
import dev.hsts.core.HeaderPolicies;
import dev.hsts.core.InvalidPolicyException;
import dev.hsts.core.PerRequestHeaderPolicy;
import dev.hsts.core.PolicyHeader;
import dev.hsts.core.PolicyUsage;
import dev.hsts.reactive.ExchangeHeaderWriter;
import dev.hsts.reactive.ExchangePolicies;
import dev.hsts.reactive.RoutePolicies;
import dev.hsts.reactive.SecurityHeadersWebFilter;
import dev.hsts.reactive.WebFluxHandlerPolicies;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Applies the named policies to the WebFlux filter once every singleton exists (so that
 * the WebFlux handler mappings have read their handlers): finds what the handlers ask for
 * ({@link SecurityHeadersPolicy} on the handler methods of every WebFlux
 * {@link RequestMappingHandlerMapping}, the route attribute
 * {@link SecurityHeadersPolicy#ROUTE_ATTRIBUTE} of the routes of every
 * {@link RouterFunctionMapping}), validates everything (a handler naming a policy that is
 * not configured stops the application, naming it), registers it with the
 * {@link PolicyUsage} the endpoint reads, and gives the filter its
 * {@link ExchangePolicies} only when there are named policies, handler policies or
 * {@link PerRequestHeaderPolicy} beans; otherwise the filter works exactly as without
 * this feature. The WebFlux counterpart of {@link ServletPolicyWiring}.
 */
final class ReactivePolicyWiring implements SmartInitializingSingleton {

	private final SecurityHeadersProperties properties;

	private final ConfigurableListableBeanFactory beanFactory;

	private final SecurityHeadersWebFilter filter;

	private final ObjectProvider<PerRequestHeaderPolicy> hooks;

	private final PolicyUsage usage;

	private List<HandlerPolicy> handlerPolicies = List.of();

	/** The exchange policies made at startup (in force or not), for a refresh. */
	private ExchangePolicies config;

	ReactivePolicyWiring(SecurityHeadersProperties properties, ConfigurableListableBeanFactory beanFactory,
			SecurityHeadersWebFilter filter, ObjectProvider<PerRequestHeaderPolicy> hooks, PolicyUsage usage) {
		this.properties = properties;
		this.beanFactory = beanFactory;
		this.filter = filter;
		this.hooks = hooks;
		this.usage = usage;
	}

	@Override
	public void afterSingletonsInstantiated() {
		WebFluxHandlerPolicies handlers = new WebFluxHandlerPolicies();
		for (RequestMappingHandlerMapping mapping : this.beanFactory
			.getBeansOfType(RequestMappingHandlerMapping.class, false, false)
			.values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				HandlerMethod handlerMethod = entry.getValue();
				HandlerPolicy policy = annotated(handlerMethod);
				if (policy != null) {
					handlers.addHandlerMethod(handlerMethod.getBeanType(), handlerMethod.getMethod(), policy);
					List<String> patterns = new ArrayList<>();
					for (PathPattern pattern : entry.getKey().getPatternsCondition().getPatterns()) {
						patterns.add(pattern.getPatternString());
					}
					this.usage.mapped(policy, patterns);
				}
			}
		}
		List<RouterFunction<?>> routerFunctions = new ArrayList<>();
		for (RouterFunctionMapping mapping : this.beanFactory.getBeansOfType(RouterFunctionMapping.class, false, false)
			.values()) {
			RouterFunction<?> routerFunction = mapping.getRouterFunction();
			if (routerFunction != null) {
				routerFunctions.add(routerFunction);
			}
		}
		handlers.setRoutes(RoutePolicies.of(routerFunctions, SecurityHeadersPolicy.ROUTE_ATTRIBUTE));
		this.handlerPolicies = List.copyOf(handlers.all());
		List<PerRequestHeaderPolicy> hooks = this.hooks.orderedStream().toList();
		HeaderPolicies policies = SecurityHeaderValues.headerPolicies(this.properties, this.handlerPolicies,
				cspReporting());
		this.config = new ExchangePolicies(policies, handlers, hooks, decided());
		this.filter.setPolicies(inForce(this.config));
		this.usage.update(policies);
	}

	private static HandlerPolicy annotated(HandlerMethod handlerMethod) {
		try {
			return SecurityHeadersPolicyAnnotations.of(handlerMethod.getBeanType(), handlerMethod.getMethod());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	/** The policies to apply, or {@code null} when there is nothing for them to do. */
	private static ExchangePolicies inForce(ExchangePolicies config) {
		HeaderPolicies policies = config.policies();
		boolean any = policies.hasNamedPolicies() || !policies.handlerPolicies().isEmpty() || config.hasHooks();
		return any ? config : null;
	}

	/** The headers whose writer is the starter's: the policies decide those. */
	private Set<PolicyHeader> decided() {
		return new ReactiveStarterWriters(this.beanFactory, this.filter).policyHeaders();
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
	 * Applies prepared policies together with the filter's new writers, as one.
	 * @param prepared the policies
	 * @param writers the writers
	 */
	void apply(Prepared prepared, List<ExchangeHeaderWriter> writers) {
		if (prepared.config() != null) {
			this.config = prepared.config();
		}
		this.filter.setWriters(writers, (prepared.config() != null) ? inForce(prepared.config()) : null);
		this.usage.update(prepared.policies());
	}

	/** Policies made from a changed configuration, ready to apply. */
	record Prepared(HeaderPolicies policies, ExchangePolicies config) {
	}

	/** What CSP reporting adds to every policy, or {@code null} when it is off. */
	private CspReportingDirectives cspReporting() {
		return this.beanFactory.getBeanProvider(CspReportingDirectives.class).getIfUnique();
	}

}
