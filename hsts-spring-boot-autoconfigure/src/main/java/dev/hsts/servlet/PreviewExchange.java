package dev.hsts.servlet;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

import dev.hsts.core.HeaderDescription;

/**
 * A secure {@code GET /} for a host, and a response that records headers, for previewing
 * what the real writers and checks do for that host without sending a request (the
 * {@code securityheaders} endpoint), or for learning what another writer writes (the
 * headers of a Spring Security filter chain, at startup). Only what header writers and
 * the trusted-host check read is answered; everything else answers {@code null},
 * {@code false} or {@code 0}.
 */
public final class PreviewExchange {

	private final HttpServletRequest request;

	private final HttpServletResponse response;

	/** Values by lower-case name. */
	private final Map<String, List<String>> headers = new LinkedHashMap<>();

	/** The name as first written, by lower-case name. */
	private final Map<String, String> names = new HashMap<>();

	private int status = 200;

	/**
	 * A preview of a secure {@code GET /} for a host.
	 * @param host the {@code Host} header, with an optional port
	 */
	public PreviewExchange(String host) {
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
						valuesOf((String) args[0]).add((String) args[1]);
						yield null;
					}
					case "setIntHeader", "setDateHeader" -> {
						this.names.putIfAbsent(key((String) args[0]), (String) args[0]);
						this.headers.put(key((String) args[0]),
								new ArrayList<>(List.of(text(method.getName(), args[1]))));
						yield null;
					}
					case "addIntHeader", "addDateHeader" -> {
						this.names.putIfAbsent(key((String) args[0]), (String) args[0]);
						valuesOf((String) args[0]).add(text(method.getName(), args[1]));
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

	/**
	 * The recorded values of a header, added when missing. Loops and no lambdas in this
	 * class but the handler: the starter previews Spring Security's headers while the
	 * context starts (issue 21).
	 */
	private List<String> valuesOf(String name) {
		List<String> values = this.headers.get(key(name));
		if (values == null) {
			values = new ArrayList<>();
			this.headers.put(key(name), values);
		}
		return values;
	}

	private static String serverName(String host) {
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			return (end > 0) ? host.substring(0, end + 1) : host;
		}
		int colon = host.indexOf(':');
		return (colon >= 0 && host.indexOf(':', colon + 1) < 0) ? host.substring(0, colon) : host;
	}

	/** A header value given as a number or a date, as it goes on the wire. */
	private static String text(String method, Object value) {
		return method.endsWith("DateHeader") ? DateTimeFormatter.RFC_1123_DATE_TIME
			.format(Instant.ofEpochMilli((Long) value).atOffset(ZoneOffset.UTC)) : String.valueOf(value);
	}

	/** Header names compare case-insensitively. */
	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * What a writer writes: its own description when it gives one
	 * ({@link DescribedHeaderWriter}), or else what it writes on a preview of a secure
	 * {@code GET /} for {@code localhost}.
	 * @param writer the writer
	 * @return one description per header, in the order it writes them
	 */
	public static List<HeaderDescription> describe(ResponseHeaderWriter writer) {
		if (writer instanceof DescribedHeaderWriter described) {
			return described.describe();
		}
		PreviewExchange exchange = new PreviewExchange("localhost");
		writer.writeHeaders(exchange.request(), exchange.response());
		List<HeaderDescription> written = new ArrayList<>();
		for (Map.Entry<String, Object> header : exchange.headers().entrySet()) {
			written.add(HeaderDescription.everywhere(header.getKey(), String.valueOf(header.getValue())));
		}
		return written;
	}

	/** The secure {@code GET /} request. */
	public HttpServletRequest request() {
		return this.request;
	}

	/** The response, which records the headers written on it. */
	public HttpServletResponse response() {
		return this.response;
	}

	/**
	 * Removes a header from the recorded response, as a server that refuses the request
	 * before the application would leave it out.
	 * @param name the header name
	 */
	public void removeHeader(String name) {
		this.headers.remove(key(name));
	}

	/**
	 * Sets the response's status, as a check that refuses the request would.
	 * @param status the status
	 */
	public void reject(int status) {
		this.status = status;
	}

	/** The response's status: 200 unless set. */
	public int status() {
		return this.status;
	}

	/**
	 * The recorded headers, each with its values, in the order they were written.
	 * @return by name as first written: a value, or a list of values when there are
	 * several
	 */
	public Map<String, Object> headers() {
		Map<String, Object> result = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> header : headerValues().entrySet()) {
			List<String> values = header.getValue();
			result.put(header.getKey(), (values.size() == 1) ? values.get(0) : values);
		}
		return result;
	}

	/**
	 * The recorded headers, each with its values, in the order they were written.
	 * @return the values by name as first written
	 */
	public Map<String, List<String>> headerValues() {
		Map<String, List<String>> result = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> header : this.headers.entrySet()) {
			result.put(this.names.get(header.getKey()), List.copyOf(header.getValue()));
		}
		return result;
	}

}
