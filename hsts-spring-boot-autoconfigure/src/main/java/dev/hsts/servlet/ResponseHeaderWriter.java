package dev.hsts.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes headers on a response: what {@link SecurityHeadersFilter} applies to every
 * response, and the type of every header writer bean of the starter. The servlet
 * adapter's own interface, so the starter needs no Spring Security; it has the same
 * method as Spring Security's {@code HeaderWriter}, so a writer can implement both. Where
 * Spring Security is on the classpath, Spring Security {@code HeaderWriter} beans are
 * applied too.
 *
 * <p>
 * A writer should only fill in what the response does not have yet
 * ({@link HttpServletResponse#containsHeader(String)}): the filter may run it more than
 * once for a response (after a reset, at commit), and what the application set wins.
 */
@FunctionalInterface
public interface ResponseHeaderWriter {

	/**
	 * Writes this writer's headers.
	 * @param request the request
	 * @param response the response to write them on
	 */
	void writeHeaders(HttpServletRequest request, HttpServletResponse response);

}
