package dev.hsts.reactive;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import dev.hsts.core.HandlerPolicy;

import org.springframework.core.io.Resource;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.ServerRequestWrapper;
import org.springframework.web.server.ServerWebExchange;

/**
 * The policy names that WebFlux functional routes carry as a route attribute
 * ({@code .withAttribute("dev.hsts.policy", "embeddable")}), and which of them applies to
 * an exchange.
 *
 * <p>
 * WebFlux (6.2 and 7.0) keeps route attributes on the router function only: nothing puts
 * them on the exchange when a route matches. They are read once, at startup, with a
 * {@link RouterFunctions.Visitor}; at request time the handler function the exchange was
 * mapped to ({@link HandlerMapping#BEST_MATCHING_HANDLER_ATTRIBUTE}) is looked up among
 * the routes' handler functions. A router built with {@code filter}, {@code before},
 * {@code after} or {@code onError} maps to a wrapper of the route's handler function
 * instead; then (and when one handler function serves routes with different policies) the
 * routes are matched again, in order, against the routing's {@link ServerRequest} (with
 * attributes of its own, so the exchange is not changed), the way the router did. A
 * resource route or a router function that cannot be visited ends that second match
 * without a policy.
 *
 * <p>
 * <strong>Internal:</strong> public only so that the starter's auto-configuration, in
 * another package, can make it; not an API for applications, and it may change in any
 * release.
 */
public final class RoutePolicies {

	/** A handler function of routes without a policy. */
	private static final Object NONE = new Object();

	/** A handler function of routes with different policies: match the routes again. */
	private static final Object AMBIGUOUS = new Object();

	private final List<Node> routes;

	/**
	 * Each handler function, with the policy of its routes, {@link #NONE} or
	 * {@link #AMBIGUOUS}.
	 */
	private final Map<Object, Object> byHandler;

	/** The policy of each route that names one, in the order they route. */
	private final List<HandlerPolicy> named;

	private RoutePolicies(List<Node> routes, Map<Object, Object> byHandler, List<HandlerPolicy> named) {
		this.routes = routes;
		this.byHandler = byHandler;
		this.named = named;
	}

	/**
	 * Reads the policy names of the routes of router functions.
	 * @param routerFunctions the router functions, in the order they route (for example
	 * {@code RouterFunctionMapping#getRouterFunction()})
	 * @param attribute the route attribute that names a policy
	 * @return the policies of the routes
	 */
	public static RoutePolicies of(List<? extends RouterFunction<?>> routerFunctions, String attribute) {
		Reader reader = new Reader(attribute);
		for (RouterFunction<?> routerFunction : routerFunctions) {
			routerFunction.accept(reader);
		}
		return new RoutePolicies(reader.top, reader.byHandler, reader.named);
	}

	/** Whether no route names a policy. */
	public boolean isEmpty() {
		return this.named.isEmpty();
	}

	/**
	 * The policy of each route that names one, in the order they route; each
	 * {@link HandlerPolicy#where()} is the route as Spring describes its predicates
	 * (those of its nests first), e.g. {@code route (GET && /embed)}, as on Spring MVC.
	 */
	public List<HandlerPolicy> policies() {
		return this.named;
	}

	/**
	 * The policy the functional route an exchange was mapped to names.
	 * @param exchange the exchange
	 * @param handler the handler it was mapped to
	 * @return the route's policy, or {@code null} when the route names none (or the
	 * handler is not a handler function)
	 */
	public HandlerPolicy policyOf(ServerWebExchange exchange, Object handler) {
		if (!(handler instanceof HandlerFunction<?>)) {
			return null;
		}
		Object policy = this.byHandler.get(handler);
		if (policy == null || policy == AMBIGUOUS) {
			Object request = exchange.getAttribute(RouterFunctions.REQUEST_ATTRIBUTE);
			if (!(request instanceof ServerRequest serverRequest)) {
				return null;
			}
			Route route = match(this.routes, new OwnAttributes(serverRequest));
			return (route != null) ? route.policy : null;
		}
		return (policy != NONE) ? (HandlerPolicy) policy : null;
	}

	/**
	 * The route a request matches, as the router matches it: the first whose predicates
	 * (and those of the nests around it) match.
	 * @return the route, {@link Opaque#ROUTE} when a route that cannot be matched again
	 * comes first, or {@code null} when none matches
	 */
	private static Route match(List<Node> nodes, ServerRequest request) {
		for (Node node : nodes) {
			if (node instanceof Route route) {
				if (route.predicate.test(request)) {
					return route;
				}
			}
			else if (node instanceof Nest nest) {
				Optional<ServerRequest> nested = nest.predicate.nest(request);
				if (nested.isPresent()) {
					Route route = match(nest.children, nested.get());
					if (route != null) {
						return route;
					}
				}
			}
			else {
				return Opaque.ROUTE;
			}
		}
		return null;
	}

	private abstract static class Node {

	}

	private static final class Route extends Node {

		final RequestPredicate predicate;

		/** The policy, or {@code null}. */
		final HandlerPolicy policy;

		Route(RequestPredicate predicate, HandlerPolicy policy) {
			this.predicate = predicate;
			this.policy = policy;
		}

	}

	private static final class Nest extends Node {

		final RequestPredicate predicate;

		final List<Node> children = new ArrayList<>();

		Nest(RequestPredicate predicate) {
			this.predicate = predicate;
		}

	}

	/** A resource route or a router function that cannot be visited. */
	private static final class Opaque extends Node {

		static final Route ROUTE = new Route(null, null);

	}

	/**
	 * The routing's request with attributes of its own, started from the exchange's
	 * without what the router added while matching: matching again changes nothing the
	 * handler sees.
	 */
	private static final class OwnAttributes extends ServerRequestWrapper {

		private final Map<String, Object> attributes;

		OwnAttributes(ServerRequest delegate) {
			super(delegate);
			this.attributes = new HashMap<>(delegate.attributes());
			this.attributes.remove(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE);
			this.attributes.remove(RouterFunctions.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		}

		@Override
		public Map<String, Object> attributes() {
			return this.attributes;
		}

		@Override
		public Optional<Object> attribute(String name) {
			return Optional.ofNullable(this.attributes.get(name));
		}

	}

	/**
	 * Reads the routes: {@code attributes} comes just before the route or nest it belongs
	 * to; a nest's policy is that of the routes in it that name none.
	 */
	private static final class Reader implements RouterFunctions.Visitor {

		private final String attribute;

		final List<Node> top = new ArrayList<>();

		final Map<Object, Object> byHandler = new IdentityHashMap<>();

		final List<HandlerPolicy> named = new ArrayList<>();

		private final Deque<Nest> nests = new ArrayDeque<>();

		/** The policy names of the nests, innermost first (empty: none). */
		private final Deque<String> nestPolicies = new ArrayDeque<>();

		/** The policy named by the attributes just visited, or {@code null}. */
		private String pending;

		Reader(String attribute) {
			this.attribute = attribute;
		}

		private List<Node> current() {
			Nest nest = this.nests.peek();
			return (nest != null) ? nest.children : this.top;
		}

		/** The pending policy, else the innermost nest's, else {@code null}. */
		private String take() {
			String policy = this.pending;
			this.pending = null;
			if (policy == null) {
				String inherited = this.nestPolicies.peek();
				policy = (inherited == null || inherited.isEmpty()) ? null : inherited;
			}
			return policy;
		}

		@Override
		public void startNested(RequestPredicate predicate) {
			String policy = take();
			Nest nest = new Nest(predicate);
			current().add(nest);
			this.nests.push(nest);
			this.nestPolicies.push((policy != null) ? policy : "");
		}

		@Override
		public void endNested(RequestPredicate predicate) {
			this.pending = null;
			this.nests.pop();
			this.nestPolicies.pop();
		}

		@Override
		public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
			String name = take();
			HandlerPolicy policy = (name != null) ? HandlerPolicy.named(describe(predicate), name) : null;
			current().add(new Route(predicate, policy));
			if (policy != null) {
				this.named.add(policy);
			}
			Object before = this.byHandler.get(handlerFunction);
			Object value = (policy != null) ? policy : NONE;
			this.byHandler.put(handlerFunction, (before == null) ? value : same(before, value) ? before : AMBIGUOUS);
		}

		/** Whether two routes of one handler function have the same policy. */
		private static boolean same(Object one, Object other) {
			if (one == NONE || other == NONE || one == AMBIGUOUS) {
				return one == other;
			}
			return ((HandlerPolicy) one).policyName().equals(((HandlerPolicy) other).policyName());
		}

		private String describe(RequestPredicate predicate) {
			StringBuilder description = new StringBuilder("route ");
			for (Iterator<Nest> nests = this.nests.descendingIterator(); nests.hasNext();) {
				description.append(nests.next().predicate).append(' ');
			}
			return description.append(predicate).toString();
		}

		@Override
		public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
			this.pending = null;
			current().add(new Opaque());
		}

		@Override
		public void attributes(Map<String, Object> attributes) {
			Object policy = attributes.get(this.attribute);
			String name = (policy != null) ? policy.toString() : "";
			this.pending = name.isEmpty() ? null : name;
		}

		@Override
		public void unknown(RouterFunction<?> routerFunction) {
			this.pending = null;
			current().add(new Opaque());
		}

	}

}
