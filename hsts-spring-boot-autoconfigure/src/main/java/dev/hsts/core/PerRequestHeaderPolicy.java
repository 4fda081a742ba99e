package dev.hsts.core;

/**
 * A hook that adjusts the headers of one request, for what neither paths nor annotations
 * express (a tenant's framing rules, a header that depends on a request header). Define a
 * bean of this type; several run in their order ({@code @Order}, {@code Ordered}), each
 * seeing what the previous ones chose. Runs once per request, when the handler is known
 * (or, when no handler was mapped, when the response is complete), after the path, class
 * and method policies were applied: what it decides wins over all of them. It never
 * replaces a header the application set on the response itself.
 *
 * <p>
 * It runs on the request's thread, for every request: keep it cheap, and do not block.
 */
@FunctionalInterface
public interface PerRequestHeaderPolicy {

	/**
	 * Adjusts the headers of one request.
	 * @param request what is known of the request, and the policy chosen so far
	 * @param adjustment how to change it
	 */
	void adjust(PolicyRequest request, PolicyAdjustment adjustment);

}
