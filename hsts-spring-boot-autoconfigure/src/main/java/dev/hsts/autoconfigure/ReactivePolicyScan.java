package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hsts.annotation.SecurityHeadersPolicy;
import dev.hsts.core.HandlerPolicy;
import dev.hsts.core.HeaderPolicies;
import dev.hsts.core.InvalidPolicyException;
import dev.hsts.core.PerRequestHeaderPolicy;
import dev.hsts.reactive.ExchangePolicies;
import dev.hsts.reactive.RoutePolicies;
import dev.hsts.reactive.SecurityHeadersWebFilter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Once every bean is made (the WebFlux handler mappings have read their handlers), finds
 * what the handlers ask for: {@link SecurityHeadersPolicy} on the handler methods of
 * every WebFlux {@link RequestMappingHandlerMapping}, the route attribute
 * {@link SecurityHeadersPolicy#ROUTE_ATTRIBUTE} on the routes of every
 * {@link RouterFunctionMapping}; validates them with the named policies (a policy that is
 * not configured stops the application, naming the handler), and gives the WebFlux filter
 * its {@link ExchangePolicies}, unless there are neither named policies, nor handler
 * policies, nor {@link PerRequestHeaderPolicy} hooks.
 */
final class ReactivePolicyScan implements SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final SecurityHeadersProperties properties;

	private final SecurityHeadersWebFilter filter;

	private final ObjectProvider<PerRequestHeaderPolicy> hooks;

	ReactivePolicyScan(ListableBeanFactory beanFactory, SecurityHeadersProperties properties,
			SecurityHeadersWebFilter filter, ObjectProvider<PerRequestHeaderPolicy> hooks) {
		this.beanFactory = beanFactory;
		this.properties = properties;
		this.filter = filter;
		this.hooks = hooks;
	}

	private static HandlerPolicy annotated(HandlerMethod handlerMethod) {
		try {
			return SecurityHeadersPolicyAnnotations.of(handlerMethod.getBeanType(), handlerMethod.getMethod());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<Object, HandlerPolicy> handlerMethods = new LinkedHashMap<>();
		for (RequestMappingHandlerMapping mapping : this.beanFactory
			.getBeansOfType(RequestMappingHandlerMapping.class, false, false)
			.values()) {
			for (HandlerMethod handlerMethod : mapping.getHandlerMethods().values()) {
				HandlerPolicy policy = annotated(handlerMethod);
				if (policy != null) {
					handlerMethods.put(handlerMethod, policy);
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
		RoutePolicies routes = RoutePolicies.of(routerFunctions, SecurityHeadersPolicy.ROUTE_ATTRIBUTE);
		List<PerRequestHeaderPolicy> hooks = this.hooks.orderedStream().toList();
		boolean named = this.properties.getPolicies() != null && !this.properties.getPolicies().isEmpty();
		if (!named && handlerMethods.isEmpty() && routes.isEmpty() && hooks.isEmpty()) {
			// Nothing to choose: every exchange gets the writers' headers, as before.
			return;
		}
		HeaderPolicies policies = SecurityHeaderValues.headerPolicies(this.properties,
				ExchangePolicies.handlerPolicies(handlerMethods, routes));
		this.filter.setPolicies(new ExchangePolicies(policies, handlerMethods, routes, hooks));
	}

}
