package dev.hsts.reactive;

import java.util.List;

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

	private ReactorNettyRequestHeaders() {
	}

	/**
	 * Every {@code Host} line of a request, each value as sent.
	 * @param request the exchange's request
	 * @return the lines (empty when there is none), or {@code null} when the request is
	 * not Spring's Reactor Netty request itself
	 */
	static List<String> hostLines(ServerHttpRequest request) {
		if (!PRESENT) {
			return null;
		}
		Class<?> type = request.getClass();
		if (type != backedRequest) {
			if (!type.getName().equals(BACKED_REQUEST)) {
				return null;
			}
			backedRequest = type;
		}
		Object nativeRequest = ((AbstractServerHttpRequest) request).getNativeRequest();
		return (nativeRequest instanceof HttpServerRequest reactorRequest)
				? reactorRequest.requestHeaders().getAll(HttpHeaderNames.HOST) : null;
	}

}
