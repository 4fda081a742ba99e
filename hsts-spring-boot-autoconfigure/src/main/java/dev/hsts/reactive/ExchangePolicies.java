package dev.hsts.reactive;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.hsts.core.HandlerPolicy;
import dev.hsts.core.HeaderPolicies;
import dev.hsts.core.PerRequestHeaderPolicy;
import dev.hsts.core.PolicyHeader;

import org.springframework.web.server.ServerWebExchange;

/**
 * What {@link SecurityHeadersWebFilter} needs to give each exchange its policy: the
 * policies ({@link HeaderPolicies}, which choose), the policy each handler asks for
 * (found at startup: annotated handler methods, functional routes' attributes) and the
 * {@link PerRequestHeaderPolicy} hooks. The filter has none when there are no named
 * policies, annotations, route attributes or hooks: then an exchange does what it did
 * before policies existed.
 *
 * <p>
 * <strong>Internal:</strong> public only so that the starter's auto-configuration, in
 * another package, can make it; not an API for applications, and it may change in any
 * release.
 */
public final class ExchangePolicies {

	private final HeaderPolicies policies;

	/** What the handlers found at startup ask for. */
	private final WebFluxHandlerPolicies handlers;

	private final List<PerRequestHeaderPolicy> hooks;

	/** Whether a nonce is made before the handler runs (see {@link #anyUsesNonce}). */
	private final boolean nonceUpFront;

	/**
	 * The headers the policies decide, by {@link PolicyHeader#ordinal()}: those whose
	 * writer is the starter's (a header the application writes with a writer bean of its
	 * own stays the application's).
	 */
	private final long decided;

	/**
	 * @param policies the policies (made with {@link WebFluxHandlerPolicies#all()} of the
	 * same handlers)
	 * @param handlers what the handlers found at startup ask for
	 * @param hooks the hooks, in order
	 * @param decided the headers whose writer is the starter's (the policies decide them)
	 */
	public ExchangePolicies(HeaderPolicies policies, WebFluxHandlerPolicies handlers,
			List<PerRequestHeaderPolicy> hooks, Set<PolicyHeader> decided) {
		this.policies = Objects.requireNonNull(policies, "policies");
		this.handlers = Objects.requireNonNull(handlers, "handlers");
		this.hooks = List.copyOf(hooks);
		this.nonceUpFront = anyUsesNonce(policies, handlers.all());
		long mask = 0;
		for (PolicyHeader header : decided) {
			mask |= 1L << header.ordinal();
		}
		this.decided = mask;
	}

	/**
	 * Whether any policy a handler could get uses a nonce. WebFlux maps the handler after
	 * the filter has run and has no step between mapping and handling where the filter
	 * could act, so the handler's policy is applied when the response commits; a view
	 * renders before that, so the nonce it may need is made up front whenever any policy
	 * that can apply uses one (a hook choosing a named policy included). Only a hook that
	 * sets a Content-Security-Policy with a nonce itself, where no policy uses one, gets
	 * its nonce when the response commits, too late for a view.
	 */
	private static boolean anyUsesNonce(HeaderPolicies policies, List<HandlerPolicy> handlers) {
		if (policies.defaults().usesNonce()) {
			return true;
		}
		for (String name : policies.names()) {
			if (policies.named(name).usesNonce()) {
				return true;
			}
		}
		for (HeaderPolicies.PathBinding binding : policies.pathBindings()) {
			if (binding.policy().usesNonce()) {
				return true;
			}
		}
		for (HandlerPolicy handler : handlers) {
			if (policies.choose(handler, "/").usesNonce()) {
				return true;
			}
		}
		return false;
	}

	/** The policies. */
	public HeaderPolicies policies() {
		return this.policies;
	}

	/**
	 * These handlers and hooks with other policies (a runtime refresh).
	 * @param policies the new policies
	 * @return the exchange policies to use from now on
	 */
	public ExchangePolicies with(HeaderPolicies policies) {
		Set<PolicyHeader> decided = EnumSet.noneOf(PolicyHeader.class);
		for (PolicyHeader header : PolicyHeader.values()) {
			if (decides(header.ordinal())) {
				decided.add(header);
			}
		}
		return new ExchangePolicies(policies, this.handlers, this.hooks, decided);
	}

	/**
	 * Whether the policies decide a header.
	 * @param ordinal the header's {@link PolicyHeader#ordinal()}
	 * @return whether its writer is the starter's
	 */
	boolean decides(int ordinal) {
		return (this.decided & (1L << ordinal)) != 0;
	}

	List<PerRequestHeaderPolicy> hooks() {
		return this.hooks;
	}

	/** Whether there are {@link PerRequestHeaderPolicy} hooks. */
	public boolean hasHooks() {
		return !this.hooks.isEmpty();
	}

	boolean nonceUpFront() {
		return this.nonceUpFront;
	}

	/**
	 * The policy the handler an exchange was mapped to asks for.
	 * @param exchange the exchange
	 * @param handler the handler, or {@code null}
	 * @return the handler's policy, or {@code null}
	 */
	HandlerPolicy handlerPolicy(ServerWebExchange exchange, Object handler) {
		return this.handlers.find(exchange, handler);
	}

}
