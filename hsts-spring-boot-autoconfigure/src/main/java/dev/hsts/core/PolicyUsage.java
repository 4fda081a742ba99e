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

	/** The request mappings of the handlers with a policy, in mapping order. */
	private volatile List<Mapped> mapped = List.of();

	/**
	 * A handler's policy and the path patterns of its request mapping.
	 *
	 * @param paths the patterns
	 * @param handler the handler's policy
	 */
	private record Mapped(PathPatterns paths, HandlerPolicy handler) {
	}

	/**
	 * The policy a previewed request for a path gets, and what chose it.
	 *
	 * @param policy the policy
	 * @param handler the handler whose policy it is ({@link HandlerPolicy#where()}), or
	 * {@code null} when the path's policy or the defaults apply
	 */
	public record Preview(HeaderPolicy policy, String handler) {
	}

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
	 * Records the request mapping of a handler that asks for a policy, so that a preview
	 * of a path it serves shows its policy. Patterns that are not Spring path patterns
	 * (say, of an {@code AntPathMatcher} configuration) are left out.
	 * @param handler the handler's policy, as the scan made it (the same instance the
	 * policies know)
	 * @param patterns the path patterns of its mapping
	 */
	public synchronized void mapped(HandlerPolicy handler, List<String> patterns) {
		List<String> valid = new ArrayList<>();
		for (String pattern : patterns) {
			try {
				PathPatterns.parse("mapping", List.of(pattern));
				valid.add(pattern);
			}
			catch (InvalidPolicyException ex) {
				// Not previewable; the handler still gets its policy on real requests.
			}
		}
		if (!valid.isEmpty()) {
			List<Mapped> all = new ArrayList<>(this.mapped);
			all.add(new Mapped(PathPatterns.parse("mapping", valid), handler));
			this.mapped = List.copyOf(all);
		}
	}

	/**
	 * The policy a {@code GET} of a path gets, before any {@link PerRequestHeaderPolicy}
	 * hook (which decides per request): that of the first annotated handler whose
	 * mapping's path patterns match it (its other conditions, such as the method or
	 * headers, are not looked at), else the path's policy, else the defaults.
	 * @param encodedPath the path within the application, as sent
	 * @return the policy and the handler that chose it
	 */
	public Preview preview(String encodedPath) {
		HeaderPolicies current = this.policies;
		for (Mapped mapping : this.mapped) {
			if (mapping.paths().matchesPath(encodedPath)) {
				return new Preview(current.choose(mapping.handler(), encodedPath), mapping.handler().where());
			}
		}
		return new Preview(current.forPath(encodedPath), null);
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
