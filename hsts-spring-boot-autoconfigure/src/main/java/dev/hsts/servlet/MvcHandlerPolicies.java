package dev.hsts.servlet;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import dev.hsts.annotation.SecurityHeadersPolicy;
import dev.hsts.core.HandlerPolicy;

import org.springframework.core.io.Resource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * The policies Spring MVC handlers ask for, found at startup:
 * {@link SecurityHeadersPolicy} on annotated controllers' handler methods (by class and
 * method), and the route attribute {@link SecurityHeadersPolicy#ROUTE_ATTRIBUTE} of
 * functional routes.
 *
 * <p>
 * A functional route's handler is recognised by identity (the {@code HandlerFunction} the
 * route was built with, which Spring MVC hands to the interceptors). Where that cannot
 * tell (a router's filter wraps each handler anew per request, or one handler function
 * serves routes with different policies), the routes are matched again against the
 * request Spring MVC routed ({@link RouterFunctions#REQUEST_ATTRIBUTE}), in routing
 * order, only when routes ask for policies at all.
 *
 * <p>
 * <strong>Internal:</strong> public only so that the starter's auto-configuration, in
 * another package, can make it; not an API for applications, and it may change in any
 * release.
 */
public final class MvcHandlerPolicies {

	private final Map<Class<?>, Map<Method, HandlerPolicy>> methods = new HashMap<>();

	private final Map<Object, HandlerPolicy> functions = new IdentityHashMap<>();

	/** Handler functions of routes without a policy. */
	private final Set<Object> functionsWithout = Collections.newSetFromMap(new IdentityHashMap<>());

	/** Handler functions whose identity does not tell the policy. */
	private final Set<Object> ambiguous = Collections.newSetFromMap(new IdentityHashMap<>());

	private final List<Node> routes = new ArrayList<>();

	private final List<HandlerPolicy> all = new ArrayList<>();

	private boolean routePolicies;

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
	 * Adds the routes of a router function (all the functional routes Spring MVC maps).
	 * @param routerFunction the router function
	 */
	public void addRouterFunction(RouterFunction<?> routerFunction) {
		routerFunction.accept(new RouteVisitor(this));
	}

	/**
	 * Every handler policy found, each once.
	 * @return them, in the order found
	 */
	public List<HandlerPolicy> all() {
		return this.all;
	}

	/**
	 * What the handler of a request asks for.
	 * @param handler the handler Spring MVC mapped the request to
	 * @param request the request
	 * @return the handler's policy, or {@code null}
	 */
	HandlerPolicy find(Object handler, HttpServletRequest request) {
		if (handler instanceof HandlerMethod handlerMethod) {
			Map<Method, HandlerPolicy> byMethod = this.methods.get(handlerMethod.getBeanType());
			return (byMethod != null) ? byMethod.get(handlerMethod.getMethod()) : null;
		}
		if (!(handler instanceof HandlerFunction<?>) || !this.routePolicies) {
			return null;
		}
		HandlerPolicy policy = this.functions.get(handler);
		if (policy != null || this.functionsWithout.contains(handler)) {
			return policy;
		}
		Object serverRequest = request.getAttribute(RouterFunctions.REQUEST_ATTRIBUTE);
		if (serverRequest instanceof ServerRequest routed) {
			Node route = match(this.routes, routed);
			return (route != null) ? route.policy : null;
		}
		return null;
	}

	/** The first route that matches, in routing order, or {@code null}. */
	private static Node match(List<Node> nodes, ServerRequest request) {
		for (Node node : nodes) {
			if (node.children != null) {
				Optional<ServerRequest> nested = node.predicate.nest(request);
				if (nested.isPresent()) {
					Node route = match(node.children, nested.get());
					if (route != null) {
						return route;
					}
				}
			}
			else if (node.predicate != null && node.predicate.test(request)) {
				return node;
			}
		}
		return null;
	}

	private void addRoute(HandlerFunction<?> handler, HandlerPolicy policy) {
		if (policy != null) {
			this.routePolicies = true;
			this.all.add(policy);
		}
		HandlerPolicy known = this.functions.get(handler);
		boolean seen = known != null || this.functionsWithout.contains(handler);
		if (seen && (known == null || policy == null || !known.policyName().equals(policy.policyName()))) {
			this.ambiguous.add(handler);
		}
		if (policy != null) {
			this.functions.put(handler, policy);
		}
		else {
			this.functionsWithout.add(handler);
		}
		for (Object function : this.ambiguous) {
			this.functions.remove(function);
			this.functionsWithout.remove(function);
		}
	}

	/** A route (with a predicate and a policy) or a nest (with children). */
	private static final class Node {

		final RequestPredicate predicate;

		final HandlerPolicy policy;

		final List<Node> children;

		Node(RequestPredicate predicate, HandlerPolicy policy, List<Node> children) {
			this.predicate = predicate;
			this.policy = policy;
			this.children = children;
		}

	}

	/**
	 * Collects the routes: an attributes notification applies to the route or nest that
	 * follows it, and a nest's policy to the routes inside it that name none.
	 */
	private static final class RouteVisitor implements RouterFunctions.Visitor {

		private final MvcHandlerPolicies policies;

		private final Deque<List<Node>> levels = new ArrayDeque<>();

		private final Deque<String> nestPolicies = new ArrayDeque<>();

		private final Deque<String> nestPredicates = new ArrayDeque<>();

		private String pending;

		RouteVisitor(MvcHandlerPolicies policies) {
			this.policies = policies;
			this.levels.push(policies.routes);
		}

		@Override
		public void startNested(RequestPredicate predicate) {
			List<Node> children = new ArrayList<>();
			this.levels.peek().add(new Node(predicate, null, children));
			this.levels.push(children);
			this.nestPolicies.push((this.pending != null) ? this.pending : inherited());
			this.nestPredicates.push(predicate.toString());
			this.pending = null;
		}

		@Override
		public void endNested(RequestPredicate predicate) {
			this.levels.pop();
			this.nestPolicies.pop();
			this.nestPredicates.pop();
			this.pending = null;
		}

		@Override
		public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
			String name = (this.pending != null) ? this.pending : inherited();
			this.pending = null;
			HandlerPolicy policy = null;
			if (name != null) {
				StringBuilder where = new StringBuilder("route ");
				for (java.util.Iterator<String> nests = this.nestPredicates.descendingIterator(); nests.hasNext();) {
					where.append(nests.next()).append(' ');
				}
				policy = HandlerPolicy.named(where.append(predicate).toString(), name);
			}
			this.levels.peek().add(new Node(predicate, policy, null));
			this.policies.addRoute(handlerFunction, policy);
		}

		private String inherited() {
			String inherited = this.nestPolicies.peek();
			return (inherited != null && !inherited.isEmpty()) ? inherited : null;
		}

		@Override
		public void resources(Function<ServerRequest, Optional<Resource>> lookupFunction) {
			this.pending = null;
		}

		@Override
		public void attributes(Map<String, Object> attributes) {
			Object name = attributes.get(SecurityHeadersPolicy.ROUTE_ATTRIBUTE);
			this.pending = (name != null) ? name.toString() : null;
		}

		@Override
		public void unknown(RouterFunction<?> routerFunction) {
			this.pending = null;
		}

	}

}
