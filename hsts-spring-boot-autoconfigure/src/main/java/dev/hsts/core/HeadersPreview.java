package dev.hsts.core;

import java.util.List;

/**
 * The live header policy of one web stack, for the {@code securityheaders} endpoint: what
 * its writers write ({@link #describe()}) and what a secure request for a host gets now
 * ({@link #preview(String)}). Each web stack adapter has its own, so the endpoint needs
 * neither the servlet API nor WebFlux.
 */
public interface HeadersPreview {

	/**
	 * What the writers write, each in its own words, in the order they run; a writer that
	 * does not describe itself is shown with what it writes on a preview request.
	 * @return the descriptions
	 */
	List<HeaderDescription> describe();

	/**
	 * The exact response headers a secure {@code GET /} for {@code host} gets now.
	 * @param host the {@code Host} header, with an optional port
	 * @return the preview
	 */
	default HostPreview preview(String host) {
		return preview(host, "/");
	}

	/**
	 * The exact response headers a secure {@code GET} of a path for {@code host} gets
	 * now: path policies, paths exempt from the trusted-host check and paths excluded
	 * from the Cache-Control default apply as they would to a real request.
	 * @param host the {@code Host} header, with an optional port
	 * @param path the path within the application, as sent (percent-encoded), starting
	 * with a slash; see {@link #isPreviewablePath(String)}
	 * @return the preview
	 */
	HostPreview preview(String host, String path);

	/**
	 * Whether a path can be previewed: a slash, then at most 2 048 characters that may
	 * appear in a request target's path (RFC 3986: unreserved, sub-delims, ':', '@', '/',
	 * and '%' followed by two hex digits); no query, no fragment.
	 * @param path the path
	 * @return whether it is one
	 */
	static boolean isPreviewablePath(String path) {
		if (path == null || path.isEmpty() || path.charAt(0) != '/' || path.length() > 2049) {
			return false;
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '%') {
				if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
						|| Character.digit(path.charAt(i + 2), 16) < 0) {
					return false;
				}
			}
			else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "-._~!$&'()*+,;=:@/".indexOf(c) >= 0)) {
				return false;
			}
		}
		return true;
	}

}
