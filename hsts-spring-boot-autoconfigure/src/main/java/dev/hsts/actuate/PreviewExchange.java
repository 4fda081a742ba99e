package dev.hsts.actuate;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A secure {@code GET /} for a host, and a response that records headers, for previewing
 * what the real writers and checks do for that host without sending a request. Only what
 * header writers and the trusted-host check read is answered; everything else answers
 * {@code null}, {@code false} or {@code 0}.
 */
final class PreviewExchange {

	final HttpServletRequest request;

	final HttpServletResponse response;

	/** Values by lower-case name. */
	private final Map<String, List<String>> headers = new LinkedHashMap<>();

	/** The name as first written, by lower-case name. */
	private final Map<String, String> names = new HashMap<>();

	private int status = 200;

	PreviewExchange(String host) {
		Map<String, Object> attributes = new HashMap<>();
		String serverName = serverName(host);
		this.request = (HttpServletRequest) Proxy.newProxyInstance(PreviewExchange.class.getClassLoader(),
				new Class<?>[] { HttpServletRequest.class }, (proxy, method, args) -> switch (method.getName()) {
					case "isSecure" -> true;
					case "getScheme" -> "https";
					case "getProtocol" -> "HTTP/1.1";
					case "getMethod" -> "GET";
					case "getServerName" -> serverName;
					case "getServerPort" -> 443;
					case "getRequestURI", "getServletPath" -> "/";
					case "getContextPath" -> "";
					case "getDispatcherType" -> DispatcherType.REQUEST;
					case "getRequestURL" -> new StringBuffer("https://").append(host).append('/');
					case "getHeader" -> "host".equalsIgnoreCase((String) args[0]) ? host : null;
					case "getHeaders" -> Collections
						.enumeration("host".equalsIgnoreCase((String) args[0]) ? List.of(host) : List.<String>of());
					case "getHeaderNames" -> Collections.enumeration(List.of("Host"));
					case "getAttribute" -> attributes.get((String) args[0]);
					case "setAttribute" -> {
						attributes.put((String) args[0], args[1]);
						yield null;
					}
					case "removeAttribute" -> {
						attributes.remove((String) args[0]);
						yield null;
					}
					case "getAttributeNames" -> Collections.enumeration(new ArrayList<>(attributes.keySet()));
					case "toString" -> "preview request for " + host;
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> defaultValue(method.getReturnType());
				});
		this.response = (HttpServletResponse) Proxy.newProxyInstance(PreviewExchange.class.getClassLoader(),
				new Class<?>[] { HttpServletResponse.class }, (proxy, method, args) -> switch (method.getName()) {
					case "setHeader" -> {
						this.names.putIfAbsent(key((String) args[0]), (String) args[0]);
						this.headers.put(key((String) args[0]), new ArrayList<>(List.of((String) args[1])));
						yield null;
					}
					case "addHeader" -> {
						this.names.putIfAbsent(key((String) args[0]), (String) args[0]);
						this.headers.computeIfAbsent(key((String) args[0]), (k) -> new ArrayList<>())
							.add((String) args[1]);
						yield null;
					}
					case "containsHeader" -> this.headers.containsKey(key((String) args[0]));
					case "getHeader" -> {
						List<String> values = this.headers.get(key((String) args[0]));
						yield (values != null) ? values.get(0) : null;
					}
					case "getHeaders" -> this.headers.getOrDefault(key((String) args[0]), List.of());
					case "getHeaderNames" -> new ArrayList<>(this.headers.keySet());
					case "getStatus" -> this.status;
					case "setStatus" -> {
						this.status = (Integer) args[0];
						yield null;
					}
					case "isCommitted" -> false;
					case "toString" -> "preview response";
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> defaultValue(method.getReturnType());
				});
	}

	private static String serverName(String host) {
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			return (end > 0) ? host.substring(0, end + 1) : host;
		}
		int colon = host.indexOf(':');
		return (colon >= 0 && host.indexOf(':', colon + 1) < 0) ? host.substring(0, colon) : host;
	}

	/** Header names compare case-insensitively. */
	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private static Object defaultValue(Class<?> type) {
		if (type == boolean.class) {
			return false;
		}
		if (type == int.class || type == long.class || type == short.class || type == byte.class) {
			return (type == long.class) ? 0L : 0;
		}
		return null;
	}

	void removeHeader(String name) {
		this.headers.remove(key(name));
	}

	void reject(int status) {
		this.status = status;
	}

	int status() {
		return this.status;
	}

	/** The recorded headers, each with its values, in the order they were written. */
	Map<String, Object> headers() {
		Map<String, Object> result = new LinkedHashMap<>();
		this.headers.forEach((key, values) -> result.put(this.names.get(key),
				(values.size() == 1) ? values.get(0) : List.copyOf(values)));
		return result;
	}

}
