package dev.hsts.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.server.PathContainer;

/**
 * Every policy of the application, validated, and which one a request gets. Made once at
 * startup (and again on a runtime refresh) from the defaults, the named policies
 * ({@code policies.<name>.*}), the CSP path policies
 * ({@code content-security-policy.path-policies}) and the policies the handlers ask for
 * (annotations, route attributes); the web stack adapters only read the request and write
 * the chosen policy.
 *
 * <p>
 * Precedence, highest first: a {@link PerRequestHeaderPolicy} hook ({@link #adjust}), the
 * handler method's annotation, the handler class's annotation (or a functional route's
 * attribute), a path policy, the defaults ({@link #choose}). A handler policy without a
 * name applies its inline values over the path's policy.
 *
 * <p>
 * Path policies: the named policies with {@code paths}, lowest {@code order} first, then
 * the CSP path policies in their configured order (first match wins, each replacing both
 * Content-Security-Policy headers and leaving the rest to the defaults, as before named
 * policies existed). Two named policies whose paths can match the same path must have
 * different orders.
 */
public final class HeaderPolicies {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private final HeaderPolicy defaults;

	/** The named policies, resolved, by name, as configured. */
	private final Map<String, HeaderPolicy> named;

	/** Path policies in the order they are tried. */
	private final PathBinding[] pathBindings;

	/** The policy of each handler policy that names one, resolved. */
	private final Map<HandlerPolicy, HeaderPolicy> handlers;

	private final List<HandlerPolicy> handlerPolicies;

	/**
	 * A path policy: its name, patterns, order and resolved policy.
	 *
	 * @param name the policy's name
	 * @param paths its path patterns
	 * @param order its order, or {@code null}
	 * @param policy the policy
	 */
	public record PathBinding(String name, PathPatterns paths, Integer order, HeaderPolicy policy) {
	}

	private HeaderPolicies(HeaderPolicy defaults, Map<String, HeaderPolicy> named, PathBinding[] pathBindings,
			Map<HandlerPolicy, HeaderPolicy> handlers, List<HandlerPolicy> handlerPolicies) {
		this.defaults = defaults;
		this.named = named;
		this.pathBindings = pathBindings;
		this.handlers = handlers;
		this.handlerPolicies = handlerPolicies;
	}

	/**
	 * Validates and resolves every policy.
	 * @param defaults the defaults (the top-level settings)
	 * @param cspPathPolicies the CSP path policies, first match wins
	 * @param named the named policies, as configured
	 * @param handlerPolicies the policies the handlers ask for (annotations, route
	 * attributes), each checked against the named policies
	 * @return the policies
	 * @throws InvalidPolicyException naming the setting (or the handler) of the first
	 * problem: a name that is not valid, a value that is not, two path policies that can
	 * match the same path without an order between them, a handler naming a policy that
	 * is not configured
	 */
	public static HeaderPolicies of(HeaderPolicy defaults, List<CspPathPolicy> cspPathPolicies,
			List<PolicySettings> named, List<HandlerPolicy> handlerPolicies) {
		Map<String, HeaderPolicy> resolved = new LinkedHashMap<>();
		List<PathBinding> bindings = new ArrayList<>();
		for (PolicySettings settings : named) {
			HeaderPolicy policy = resolve(defaults, settings);
			resolved.put(settings.name(), policy);
			PathPatterns paths = PathPatterns.parse("policies." + settings.name() + ".paths", settings.paths());
			if (!paths.isEmpty()) {
				bindings.add(new PathBinding(settings.name(), paths, settings.order(), policy));
			}
		}
		checkOverlaps(bindings);
		sortByOrder(bindings);
		for (int i = 0; i < cspPathPolicies.size(); i++) {
			CspPathPolicy csp = cspPathPolicies.get(i);
			String name = "content-security-policy.path-policies[" + i + "]";
			HeaderPolicy policy = defaults.with(name, PolicyHeader.CONTENT_SECURITY_POLICY, csp.policy())
				.with(name, PolicyHeader.CONTENT_SECURITY_POLICY_REPORT_ONLY, csp.reportOnlyPolicy());
			bindings.add(new PathBinding(name, csp.paths(), null, policy));
		}
		Map<HandlerPolicy, HeaderPolicy> handlers = new IdentityHashMap<>();
		for (HandlerPolicy handler : handlerPolicies) {
			String name = handler.policyName();
			if (name == null) {
				continue;
			}
			HeaderPolicy base = name.equals(HeaderPolicy.DEFAULT_NAME) ? defaults : resolved.get(name);
			if (base == null) {
				throw new InvalidPolicyException("policies." + name, name,
						"no policy named '" + UntrustedText.escape(name) + "' is configured, but " + handler.where()
								+ " asks for it.",
						"Define it under ${policies." + name + "} (configured: "
								+ (resolved.isEmpty() ? "none" : String.join(", ", resolved.keySet()))
								+ "), or correct the name where it is used.");
			}
			handlers.put(handler, handler.applyTo(base));
		}
		return new HeaderPolicies(defaults, Collections.unmodifiableMap(resolved), bindings.toArray(new PathBinding[0]),
				handlers, List.copyOf(handlerPolicies));
	}

	private static HeaderPolicy resolve(HeaderPolicy defaults, PolicySettings settings) {
		String name = settings.name();
		String prefix = "policies." + name + ".";
		if (!NAME.matcher(name).matches() || name.equals(HeaderPolicy.DEFAULT_NAME)) {
			throw new InvalidPolicyException("policies." + name, name,
					name.equals(HeaderPolicy.DEFAULT_NAME) ? "'default' names the top-level settings."
							: "a policy name has lower-case letters, digits and '-' only.",
					"Name the policy with lower-case letters, digits and '-', e.g. embeddable or public-pages.");
		}
		Object[] values = defaults.values();
		PathPatterns excluded = defaults.cacheControlExcludedPaths();
		for (PolicyHeader header : PolicyHeader.values()) {
			String value = (header != PolicyHeader.STRICT_TRANSPORT_SECURITY) ? settings.value(header) : null;
			if (header == PolicyHeader.CACHE_CONTROL) {
				Boolean enabled = settings.cacheControlEnabled();
				if (value != null) {
					String validated = HeaderValues.cacheControl(prefix + header.setting(), value);
					values[header.ordinal()] = Boolean.FALSE.equals(enabled) ? null : validated;
					excluded = null;
				}
				else if (enabled != null) {
					values[header.ordinal()] = enabled ? defaults.cacheControlValue() : null;
				}
			}
			else if (header == PolicyHeader.STRICT_TRANSPORT_SECURITY) {
				if (settings.hstsEnabled() != null) {
					values[header.ordinal()] = settings.hstsEnabled() ? HeaderPolicy.ON : null;
				}
			}
			else if (value != null) {
				values[header.ordinal()] = header.validate(prefix + header.setting(), value);
			}
		}
		return new HeaderPolicy(name, values, defaults.cacheControlValue(), excluded, defaults.reporting());
	}

	private static void checkOverlaps(List<PathBinding> bindings) {
		for (int i = 0; i < bindings.size(); i++) {
			for (int j = i + 1; j < bindings.size(); j++) {
				PathBinding first = bindings.get(i);
				PathBinding second = bindings.get(j);
				if (first.order() != null && second.order() != null && !first.order().equals(second.order())) {
					continue;
				}
				String[] overlap = overlap(first.paths(), second.paths());
				if (overlap != null) {
					throw new InvalidPolicyException("policies." + second.name() + ".order", second.order(),
							"the paths of the policies '" + first.name() + "' (" + overlap[0] + ") and '"
									+ second.name() + "' (" + overlap[1]
									+ ") can match the same path, and no order decides which applies there.",
							"Give the one that should win a lower order, e.g. ${policies." + first.name()
									+ ".order}=1 and ${policies." + second.name()
									+ ".order}=2, or make their paths disjoint.");
				}
			}
		}
	}

	private static String[] overlap(PathPatterns first, PathPatterns second) {
		for (String a : first.patterns()) {
			for (String b : second.patterns()) {
				if (PathOverlap.mayOverlap(a, b)) {
					return new String[] { a, b };
				}
			}
		}
		return null;
	}

	/** A stable insertion sort by order, unset last (no comparator lambda at startup). */
	private static void sortByOrder(List<PathBinding> bindings) {
		for (int i = 1; i < bindings.size(); i++) {
			PathBinding binding = bindings.get(i);
			int at = i;
			while (at > 0 && before(binding, bindings.get(at - 1))) {
				bindings.set(at, bindings.get(at - 1));
				at--;
			}
			bindings.set(at, binding);
		}
	}

	private static boolean before(PathBinding a, PathBinding b) {
		if (a.order() == null) {
			return false;
		}
		return b.order() == null || a.order() < b.order();
	}

	/**
	 * The defaults.
	 * @return the policy named {@value HeaderPolicy#DEFAULT_NAME}
	 */
	public HeaderPolicy defaults() {
		return this.defaults;
	}

	/**
	 * A named policy.
	 * @param name a name; {@value HeaderPolicy#DEFAULT_NAME} for the defaults
	 * @return the policy, or {@code null} when none has the name
	 */
	public HeaderPolicy named(String name) {
		return HeaderPolicy.DEFAULT_NAME.equals(name) ? this.defaults : this.named.get(name);
	}

	/**
	 * The names of the configured policies.
	 * @return the names, as configured
	 */
	public Set<String> names() {
		return this.named.keySet();
	}

	/**
	 * Whether named policies are configured.
	 * @return whether there is at least one
	 */
	public boolean hasNamedPolicies() {
		return !this.named.isEmpty();
	}

	/**
	 * The path policies in the order they are tried: the named ones by order, then the
	 * CSP path policies.
	 * @return the path policies
	 */
	public List<PathBinding> pathBindings() {
		return List.of(this.pathBindings);
	}

	/**
	 * The handler policies these policies were made with.
	 * @return them, as given
	 */
	public List<HandlerPolicy> handlerPolicies() {
		return this.handlerPolicies;
	}

	/**
	 * Whether {@link #forPath(String)} needs the path.
	 * @return whether there are path policies
	 */
	public boolean dependsOnPath() {
		return this.pathBindings.length > 0;
	}

	/**
	 * The policy of a path: that of the first path policy whose patterns match it, or the
	 * defaults. The path is parsed at most once, and only if a pattern may match it.
	 * @param encodedPath the path within the application, as sent (percent-encoded); may
	 * be {@code null} when {@link #dependsOnPath()} is {@code false}
	 * @return the policy
	 */
	public HeaderPolicy forPath(String encodedPath) {
		if (encodedPath == null) {
			return this.defaults;
		}
		PathContainer path = null;
		for (PathBinding binding : this.pathBindings) {
			PathPatterns paths = binding.paths();
			if (!paths.mayMatch(encodedPath)) {
				continue;
			}
			if (path == null) {
				path = PathPatterns.parse(encodedPath);
			}
			if (paths.matches(path)) {
				return binding.policy();
			}
		}
		return this.defaults;
	}

	/**
	 * The policy of a request before any hook: the handler's (a named policy with the
	 * handler's inline values over it; without a name, the inline values over the path's
	 * policy), else the path's, else the defaults.
	 * @param handler the policy the request's handler asks for (the method's merged over
	 * its class's, see {@link HandlerPolicy#over}), or {@code null}
	 * @param encodedPath the path within the application, as sent
	 * @return the policy
	 */
	public HeaderPolicy choose(HandlerPolicy handler, String encodedPath) {
		if (handler == null) {
			return forPath(encodedPath);
		}
		HeaderPolicy resolved = this.handlers.get(handler);
		if (resolved != null) {
			return resolved;
		}
		HeaderPolicy base = (handler.policyName() != null) ? named(handler.policyName()) : null;
		return handler.applyTo((base != null) ? base : forPath(encodedPath));
	}

	/**
	 * Runs the hooks on a request, in order, each seeing what the previous ones chose.
	 * @param chosen the policy chosen without hooks ({@link #choose})
	 * @param request the request (its {@link PolicyRequest#policyName()} is not used:
	 * each hook is told the policy chosen so far)
	 * @param hooks the hooks, in order
	 * @return the policy the request gets
	 * @throws IllegalArgumentException when a hook asks for a policy or a value that is
	 * refused
	 */
	public HeaderPolicy adjust(HeaderPolicy chosen, PolicyRequest request, List<PerRequestHeaderPolicy> hooks) {
		if (hooks.isEmpty()) {
			return chosen;
		}
		Adjustment adjustment = new Adjustment(this, chosen, request);
		for (int i = 0; i < hooks.size(); i++) {
			hooks.get(i).adjust(adjustment, adjustment);
		}
		return adjustment.current;
	}

	/**
	 * What the hooks change, and the request as each hook sees it (with the policy chosen
	 * so far): one object for both, as one class.
	 */
	private static final class Adjustment implements PolicyAdjustment, PolicyRequest {

		private final HeaderPolicies policies;

		private final PolicyRequest request;

		private HeaderPolicy current;

		Adjustment(HeaderPolicies policies, HeaderPolicy chosen, PolicyRequest request) {
			this.policies = policies;
			this.current = chosen;
			this.request = request;
		}

		@Override
		public void use(String policyName) {
			HeaderPolicy policy = this.policies.named(policyName);
			if (policy == null) {
				throw new IllegalArgumentException(
						"No security headers policy named '" + UntrustedText.escape(String.valueOf(policyName))
								+ "' is configured (configured: " + this.policies.names() + ")");
			}
			this.current = policy;
		}

		@Override
		public void set(String header, String value) {
			PolicyHeader policyHeader = managed(header);
			if (policyHeader == PolicyHeader.STRICT_TRANSPORT_SECURITY) {
				throw new IllegalArgumentException("Strict-Transport-Security is on or off per request, its value is "
						+ "the rollout's: omit it, or leave it to the policy");
			}
			if (value == null) {
				throw new IllegalArgumentException("No value for " + header + ": use omit to send none");
			}
			this.current = this.current.with(this.current.name(), policyHeader,
					policyHeader.validate("PerRequestHeaderPolicy " + policyHeader.headerName(), value));
		}

		@Override
		public void omit(String header) {
			this.current = this.current.with(this.current.name(), managed(header), null);
		}

		private static PolicyHeader managed(String name) {
			PolicyHeader header = PolicyHeader.of(name);
			if (header == null) {
				throw new IllegalArgumentException("'" + UntrustedText.escape(String.valueOf(name))
						+ "' is not a header the security headers policies manage");
			}
			return header;
		}

		@Override
		public String method() {
			return this.request.method();
		}

		@Override
		public String path() {
			return this.request.path();
		}

		@Override
		public String host() {
			return this.request.host();
		}

		@Override
		public boolean secure() {
			return this.request.secure();
		}

		@Override
		public String header(String name) {
			return this.request.header(name);
		}

		@Override
		public Object handler() {
			return this.request.handler();
		}

		@Override
		public String policyName() {
			return this.current.name();
		}

	}

}
