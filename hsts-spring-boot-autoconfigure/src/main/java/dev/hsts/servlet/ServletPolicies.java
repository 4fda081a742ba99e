package dev.hsts.servlet;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.hsts.core.HeaderPolicies;
import dev.hsts.core.PerRequestHeaderPolicy;
import dev.hsts.core.PolicyHeader;

/**
 * The named policies as {@link SecurityHeadersFilter} applies them
 * ({@link SecurityHeadersFilter#setPolicies(ServletPolicies)}): the policies, the hooks,
 * and which headers they decide (those whose writer is the starter's; a header the
 * application writes with a writer bean of its own stays the application's).
 *
 * <p>
 * With policies, the starter's writers of those headers step aside and each request gets
 * the values of its policy instead: on a path policy's paths from before the chain on;
 * when handlers ask for policies or hooks exist, from the moment Spring MVC mapped the
 * request to its handler ({@link PolicyHandlerInterceptor}), or when the response is
 * complete if it never was. Nothing is written twice and nothing is removed: a value
 * written is the request's final one. A header the application set itself is never
 * replaced.
 *
 * <p>
 * <strong>Internal:</strong> public only so that the starter's auto-configuration, in
 * another package, can make it; not an API for applications, and it may change in any
 * release.
 */
public final class ServletPolicies {

	/**
	 * The request attribute that keeps a request's policy for its error and async
	 * dispatches, so that an error page gets the headers of the handler that failed.
	 */
	static final String REQUEST_POLICY_ATTRIBUTE = ServletPolicies.class.getName() + ".policy";

	private static final PolicyHeader[] HEADERS = PolicyHeader.values();

	private final HeaderPolicies policies;

	private final PerRequestHeaderPolicy[] hooks;

	private final List<PerRequestHeaderPolicy> hookList;

	private final boolean[] decides = new boolean[HEADERS.length];

	private final boolean handlerPolicies;

	private final boolean waitsForHandler;

	/**
	 * @param policies the policies
	 * @param hooks the hooks, in order
	 * @param decided the headers whose writer is the starter's (the policies decide them)
	 * @param handlerPolicies whether handlers ask for policies (annotations, route
	 * attributes): then a request's policy is known only once its handler is
	 */
	public ServletPolicies(HeaderPolicies policies, List<PerRequestHeaderPolicy> hooks, Set<PolicyHeader> decided,
			boolean handlerPolicies) {
		this.policies = policies;
		this.hookList = List.copyOf(hooks);
		this.hooks = hooks.toArray(new PerRequestHeaderPolicy[0]);
		for (PolicyHeader header : decided) {
			this.decides[header.ordinal()] = true;
		}
		this.handlerPolicies = handlerPolicies;
		this.waitsForHandler = handlerPolicies || !hooks.isEmpty();
	}

	/**
	 * The same hooks and headers with other policies (after a refresh).
	 * @param policies the policies
	 * @return the new instance
	 */
	public ServletPolicies with(HeaderPolicies policies) {
		Set<PolicyHeader> decided = EnumSet.noneOf(PolicyHeader.class);
		for (PolicyHeader header : HEADERS) {
			if (this.decides[header.ordinal()]) {
				decided.add(header);
			}
		}
		return new ServletPolicies(policies, this.hookList, decided, this.handlerPolicies);
	}

	/** The policies. */
	public HeaderPolicies getPolicies() {
		return this.policies;
	}

	/** The hooks, in order. */
	public List<PerRequestHeaderPolicy> getHooks() {
		return this.hookList;
	}

	/**
	 * Whether the policies decide a header.
	 * @param header a header
	 * @return whether its writer is the starter's
	 */
	public boolean decides(PolicyHeader header) {
		return this.decides[header.ordinal()];
	}

	/** Whether a request's policy is known only once its handler is. */
	boolean waitsForHandler() {
		return this.waitsForHandler;
	}

	PerRequestHeaderPolicy[] hooks() {
		return this.hooks;
	}

	/**
	 * Whether a writer is one of the starter's writers of a header the policies decide,
	 * which steps aside for them.
	 */
	boolean replaces(ResponseHeaderWriter writer) {
		if (writer instanceof FixedHeaderWriter fixed) {
			PolicyHeader header = PolicyHeader.of(fixed.getHeaderName());
			return header != null && decides(header);
		}
		if (writer instanceof CspHeaderWriter) {
			return decides(PolicyHeader.CONTENT_SECURITY_POLICY);
		}
		if (writer instanceof CacheControlDefaultWriter) {
			return decides(PolicyHeader.CACHE_CONTROL);
		}
		return writer instanceof StagedHstsHeaderWriter && decides(PolicyHeader.STRICT_TRANSPORT_SECURITY);
	}

}
