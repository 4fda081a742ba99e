package dev.hsts.core;

/**
 * What a {@link PerRequestHeaderPolicy} knows of the request whose headers it adjusts.
 */
public interface PolicyRequest {

	/**
	 * The request's method.
	 * @return e.g. {@code GET}
	 */
	String method();

	/**
	 * The request's path within the application, as sent (percent-encoded, without the
	 * context path and the query).
	 * @return the path
	 */
	String path();

	/**
	 * The host the request is for, as the application sees it (after the forwarded-header
	 * handling), without the port.
	 * @return the host
	 */
	String host();

	/**
	 * Whether the request arrived over HTTPS, as the application sees it.
	 * @return whether it is secure
	 */
	boolean secure();

	/**
	 * A request header.
	 * @param name the header name
	 * @return its first value, or {@code null}
	 */
	String header(String name);

	/**
	 * The handler the request was mapped to: a {@code HandlerMethod} for an annotated
	 * controller, a {@code HandlerFunction} for a functional route.
	 * @return the handler, or {@code null} when none was mapped
	 */
	Object handler();

	/**
	 * The name of the policy chosen so far (by the path, an annotation, a route attribute
	 * or an earlier hook): {@value HeaderPolicy#DEFAULT_NAME} for the defaults.
	 * @return the name
	 */
	String policyName();

}
