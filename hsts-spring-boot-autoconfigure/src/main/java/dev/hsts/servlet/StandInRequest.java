package dev.hsts.servlet;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request that was never sent, for asking code what it would do with one (the
 * endpoint's host preview, the check whether Spring Security protects the endpoint): it
 * answers the given values and headers, keeps attributes, and answers everything else
 * with {@code null}, {@code false} or {@code 0}. Not part of the starter's API.
 */
public final class StandInRequest {

	private StandInRequest() {
	}

	/**
	 * A stand-in request.
	 * @param description what {@code toString()} answers
	 * @param values the answer of each method by name (a {@link Supplier} is asked on
	 * each call), whatever its arguments
	 * @param headers the headers, by name in any case
	 * @return the request
	 */
	public static HttpServletRequest of(String description, Map<String, Object> values, Map<String, String> headers) {
		Map<String, String> headersByKey = new HashMap<>();
		for (Map.Entry<String, String> header : headers.entrySet()) {
			headersByKey.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
		}
		List<String> headerNames = List.copyOf(headers.keySet());
		Map<String, Object> attributes = new HashMap<>();
		return (HttpServletRequest) Proxy.newProxyInstance(StandInRequest.class.getClassLoader(),
				new Class<?>[] { HttpServletRequest.class }, (proxy, method, args) -> {
					String name = method.getName();
					if (values.containsKey(name)) {
						Object value = values.get(name);
						return (value instanceof Supplier<?> supplier) ? supplier.get() : value;
					}
					return switch (name) {
						case "getHeader" -> headersByKey.get(key(args[0]));
						case "getHeaders" -> Collections.enumeration(headersByKey.containsKey(key(args[0]))
								? List.of(headersByKey.get(key(args[0]))) : List.<String>of());
						case "getHeaderNames" -> Collections.enumeration(headerNames);
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
						case "toString" -> description;
						case "hashCode" -> System.identityHashCode(proxy);
						case "equals" -> proxy == args[0];
						default -> defaultValue(method.getReturnType());
					};
				});
	}

	private static String key(Object name) {
		return ((String) name).toLowerCase(Locale.ROOT);
	}

	/**
	 * What an unanswered method returns: {@code null}, {@code false} or {@code 0} of its
	 * type.
	 * @param type the return type
	 * @return the value
	 */
	public static Object defaultValue(Class<?> type) {
		if (!type.isPrimitive() || type == void.class) {
			return null;
		}
		if (type == boolean.class) {
			return false;
		}
		if (type == char.class) {
			return '\0';
		}
		return switch (type.getName()) {
			case "long" -> 0L;
			case "float" -> 0f;
			case "double" -> 0d;
			case "short" -> (short) 0;
			case "byte" -> (byte) 0;
			default -> 0;
		};
	}

}
