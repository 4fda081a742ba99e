package dev.hsts.reactive;

import java.net.InetSocketAddress;
import java.net.URI;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * What the adapter reads from a WebFlux request, in one place.
 */
final class ExchangeRequests {

	private ExchangeRequests() {
	}

	/**
	 * Whether the request is secure as the application sees it: it arrived over TLS, or
	 * the server's forwarded-header handling ({@code server.forward-headers-strategy})
	 * made its scheme {@code https}.
	 */
	static boolean isSecure(ServerHttpRequest request) {
		return request.getSslInfo() != null || "https".equalsIgnoreCase(request.getURI().getScheme());
	}

	/**
	 * The host the application sees (after the forwarded-header handling), as a server
	 * name: an IPv6 literal in brackets; {@code null} when there is none.
	 */
	static String serverName(ServerHttpRequest request) {
		URI uri = request.getURI();
		String host = uri.getHost();
		if (host == null) {
			// A registry-based authority java.net.URI does not take apart (say, a name
			// with
			// '_').
			String authority = uri.getRawAuthority();
			if (authority == null) {
				return null;
			}
			int colon = authority.lastIndexOf(':');
			host = (colon > 0 && authority.indexOf(']') < colon) ? authority.substring(0, colon) : authority;
		}
		return host;
	}

	/** The peer address, for messages; {@code null} when unknown. */
	static String peer(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null) {
			return null;
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

	/** The path within the application as sent (percent-encoded). */
	static String encodedPath(ServerHttpRequest request) {
		return request.getPath().pathWithinApplication().value();
	}

}
