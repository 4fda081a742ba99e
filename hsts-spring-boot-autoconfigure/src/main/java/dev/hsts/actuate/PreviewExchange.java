package dev.hsts.actuate;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.servlet.StandInRequest;

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
		Map<String, Object> answers = new HashMap<>();
		answers.put("isSecure", true);
		answers.put("getScheme", "https");
		answers.put("getProtocol", "HTTP/1.1");
		answers.put("getMethod", "GET");
		answers.put("getServerName", serverName(host));
		answers.put("getServerPort", 443);
		answers.put("getRequestURI", "/");
		answers.put("getServletPath", "/");
		answers.put("getContextPath", "");
		answers.put("getDispatcherType", DispatcherType.REQUEST);
		answers.put("getRequestURL",
				(Supplier<StringBuffer>) () -> new StringBuffer("https://").append(host).append('/'));
		this.request = StandInRequest.of("preview request for " + host, answers, Map.of("Host", host));
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
					default -> StandInRequest.defaultValue(method.getReturnType());
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
