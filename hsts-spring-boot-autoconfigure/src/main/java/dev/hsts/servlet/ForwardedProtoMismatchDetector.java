package dev.hsts.servlet;

import jakarta.servlet.http.HttpServletRequest;

import dev.hsts.core.ForwardedProtoMismatches;

/**
 * Detects the most common deployment mistake on a servlet container: a proxy terminates
 * TLS and says so with {@code X-Forwarded-Proto: https} (or
 * {@code Forwarded: proto=https}), but the application does not believe it, sees the
 * request as plain HTTP, and silently sends no HSTS (see
 * {@link ForwardedProtoMismatches}). Costs nothing on secure requests and one header read
 * on plain ones.
 */
public class ForwardedProtoMismatchDetector extends ForwardedProtoMismatches {

	/**
	 * Checks a request the application sees as not secure.
	 * @param request the request
	 */
	public void check(HttpServletRequest request) {
		if (!request.isSecure()) {
			check(request.getHeader("X-Forwarded-Proto"), request.getHeader("Forwarded"), request.getRemoteAddr());
		}
	}

}
