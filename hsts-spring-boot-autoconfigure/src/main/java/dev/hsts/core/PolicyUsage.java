package dev.hsts.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each policy applies, for the endpoint: the paths of each named policy and the
 * handlers (annotated controller methods, functional routes) found at startup that ask
 * for it. Follows the policies in force ({@link #update(HeaderPolicies)}).
 */
public final class PolicyUsage {

	/** The key of handlers that only set inline values (over their path's policy). */
	public static final String INLINE = "(inline)";

	private volatile HeaderPolicies policies;

	/**
	 * @param policies the policies in force
	 */
	public PolicyUsage(HeaderPolicies policies) {
		this.policies = policies;
	}

	/**
	 * Follows a change of the policies.
	 * @param policies the policies in force now
	 */
	public void update(HeaderPolicies policies) {
		this.policies = policies;
	}

	/**
	 * The policies in force.
	 * @return the policies
	 */
	public HeaderPolicies policies() {
		return this.policies;
	}

	/**
	 * The path patterns of each named policy.
	 * @return by policy name, every configured policy (an empty list when it has no
	 * paths), in configuration order; CSP path policies not included
	 */
	public Map<String, List<String>> paths() {
		HeaderPolicies current = this.policies;
		Map<String, List<String>> paths = new LinkedHashMap<>();
		for (String name : current.names()) {
			paths.put(name, List.of());
		}
		for (HeaderPolicies.PathBinding binding : current.pathBindings()) {
			if (paths.containsKey(binding.name())) {
				paths.put(binding.name(), binding.paths().patterns());
			}
		}
		return paths;
	}

	/**
	 * The handlers that ask for each policy.
	 * @return by policy name ({@value HeaderPolicy#DEFAULT_NAME} for the defaults,
	 * {@value #INLINE} for handlers with inline values only), handler descriptions such
	 * as {@code com.example.EmbedController#widget}
	 */
	public Map<String, List<String>> handlers() {
		Map<String, List<String>> handlers = new LinkedHashMap<>();
		for (HandlerPolicy handler : this.policies.handlerPolicies()) {
			String name = (handler.policyName() != null) ? handler.policyName() : INLINE;
			List<String> list = handlers.get(name);
			if (list == null) {
				list = new ArrayList<>();
				handlers.put(name, list);
			}
			list.add(handler.where());
		}
		return handlers;
	}

}
