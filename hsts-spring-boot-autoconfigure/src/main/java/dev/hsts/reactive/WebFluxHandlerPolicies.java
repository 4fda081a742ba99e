package dev.hsts.reactive;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hsts.core.HandlerPolicy;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * The policies WebFlux handlers ask for, found at startup: {@code @SecurityHeadersPolicy}
 * on annotated controllers' handler methods (by class and method, as the handler mapping
 * hands them over), and the policies of functional routes ({@link RoutePolicies}).
 *
 * <p>
 * <strong>Internal:</strong> public only so that the starter's auto-configuration, in
 * another package, can make it; not an API for applications, and it may change in any
 * release.
 */
public final class WebFluxHandlerPolicies {

	private final Map<Class<?>, Map<Method, HandlerPolicy>> methods = new HashMap<>();

	private final List<HandlerPolicy> all = new ArrayList<>();

	private RoutePolicies routes;

	/**
	 * Adds what an annotated handler method asks for.
	 * @param beanType the controller's class
	 * @param method the handler method
	 * @param policy what it asks for
	 */
	public void addHandlerMethod(Class<?> beanType, Method method, HandlerPolicy policy) {
		Map<Method, HandlerPolicy> byMethod = this.methods.get(beanType);
		if (byMethod == null) {
			byMethod = new HashMap<>();
			this.methods.put(beanType, byMethod);
		}
		if (!byMethod.containsKey(method)) {
			byMethod.put(method, policy);
			this.all.add(policy);
		}
	}

	/**
	 * Sets the policies of the functional routes.
	 * @param routes the routes' policies
	 */
	public void setRoutes(RoutePolicies routes) {
		this.routes = routes.isEmpty() ? null : routes;
		this.all.addAll(routes.policies());
	}

	/**
	 * Every handler policy found, each once.
	 * @return them, in the order found (handler methods, then routes)
	 */
	public List<HandlerPolicy> all() {
		return this.all;
	}

	/**
	 * What the handler an exchange was mapped to asks for.
	 * @param exchange the exchange
	 * @param handler the handler, or {@code null}
	 * @return the handler's policy, or {@code null}
	 */
	HandlerPolicy find(ServerWebExchange exchange, Object handler) {
		if (handler instanceof HandlerMethod handlerMethod) {
			Map<Method, HandlerPolicy> byMethod = this.methods.get(handlerMethod.getBeanType());
			return (byMethod != null) ? byMethod.get(handlerMethod.getMethod()) : null;
		}
		return (this.routes != null && handler != null) ? this.routes.policyOf(exchange, handler) : null;
	}

}
