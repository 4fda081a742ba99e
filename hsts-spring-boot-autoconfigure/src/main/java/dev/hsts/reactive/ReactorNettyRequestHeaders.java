package dev.hsts.reactive;

import java.util.Iterator;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.ClassUtils;

/**
 * The {@code Host} lines of a request, read in Reactor Netty's own request headers by
 * Netty's {@code AsciiString} name, whose hash is made once; through Spring's
 * {@code HttpHeaders}, Netty hashes the characters of a {@code String} name on every
 * look-up. The trusted-host check reads them on every request.
 *
 * <p>
 * Used only where the request is Spring's {@code ReactorServerHttpRequest} itself, whose
 * headers are Reactor Netty's (so in Spring Framework 6.2 and 7): a request that a filter
 * or the forwarded-header handling mutated or decorated may have other headers, and is
 * read through {@link ServerHttpRequest#getHeaders()}.
 */
final class ReactorNettyRequestHeaders {

	/** The Spring request class whose headers are Reactor Netty's. */
	private static final String BACKED_REQUEST = "org.springframework.http.server.reactive.ReactorServerHttpRequest";

	private static final boolean PRESENT = ClassUtils.isPresent("reactor.netty.http.server.HttpServerRequest",
			ReactorNettyRequestHeaders.class.getClassLoader())
			&& ClassUtils.isPresent(BACKED_REQUEST, ReactorNettyRequestHeaders.class.getClassLoader());

	/** {@link #BACKED_REQUEST}, once a request of it has been seen. */
	private static volatile Class<?> backedRequest;

	/**
	 * What {@link #host(ServerHttpRequest)} gives for a request with more than one
	 * {@code Host} line (compared by identity).
	 */
	static final String MORE_THAN_ONE = new String("(more than one Host line)");

	/**
	 * What {@link #host(ServerHttpRequest)} gives for a request that is not Spring's
	 * Reactor Netty request itself (compared by identity).
	 */
	static final String NOT_NATIVE = new String("(not Reactor Netty's own request)");

	private ReactorNettyRequestHeaders() {
	}

	/**
	 * The {@code Host} line of a request, read without making a list of its lines.
	 * @param request the exchange's request
	 * @return its value as sent; {@code null} when there is none; {@link #MORE_THAN_ONE}
	 * when there are more; {@link #NOT_NATIVE} when the request is not Spring's Reactor
	 * Netty request itself
	 */
	static String host(ServerHttpRequest request) {
		if (!PRESENT) {
			return NOT_NATIVE;
		}
		Class<?> type = request.getClass();
		if (type != backedRequest) {
			if (!type.getName().equals(BACKED_REQUEST)) {
				return NOT_NATIVE;
			}
			backedRequest = type;
		}
		Object nativeRequest = ((AbstractServerHttpRequest) request).getNativeRequest();
		if (!(nativeRequest instanceof HttpServerRequest reactorRequest)) {
			return NOT_NATIVE;
		}
		Iterator<String> lines = reactorRequest.requestHeaders().valueStringIterator(HttpHeaderNames.HOST);
		if (!lines.hasNext()) {
			return null;
		}
		String host = lines.next();
		return lines.hasNext() ? MORE_THAN_ONE : host;
	}

}
