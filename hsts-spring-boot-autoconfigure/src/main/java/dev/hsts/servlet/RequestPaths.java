package dev.hsts.servlet;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The paths of a servlet request that the starter's path patterns are matched against.
 */
final class RequestPaths {

	private RequestPaths() {
	}

	/**
	 * The path the client asked for, within the application, still percent-encoded: on an
	 * error or forward dispatch, the original request's path (so an error page gets the
	 * headers of the path that failed); without the context path.
	 * @param request the request
	 * @return the path, {@code /} at least
	 */
	static String pathWithinApplication(HttpServletRequest request) {
		Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (original == null) {
			original = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
		}
		String uri = (original instanceof String text) ? text : request.getRequestURI();
		if (uri == null || uri.isEmpty()) {
			return "/";
		}
		String contextPath = request.getContextPath();
		if (contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)) {
			uri = uri.substring(contextPath.length());
		}
		return uri.isEmpty() ? "/" : uri;
	}

	/**
	 * The path within the application as the container dispatches it: the servlet path
	 * plus the path info, decoded and normalised, so no spelling of a path can reach
	 * another handler than the one it names.
	 * @param request the request
	 * @return the path, {@code /} at least
	 */
	static String dispatchedPath(HttpServletRequest request) {
		String servletPath = request.getServletPath();
		String pathInfo = request.getPathInfo();
		String path = (servletPath != null) ? servletPath : "";
		if (pathInfo != null) {
			path = path + pathInfo;
		}
		return path.isEmpty() ? "/" : path;
	}

}
