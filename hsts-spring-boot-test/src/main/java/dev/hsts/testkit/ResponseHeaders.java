package dev.hsts.testkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The header fields of one response as a client received them: each field line one value,
 * in the order received, names case-insensitive; with what is known of the request (its
 * host and path) and, where the client knows it, the application that answered. Made by
 * {@link SecurityHeadersAssertions} for each client kind, or with {@link #of} for any
 * other client.
 */
public final class ResponseHeaders {

	private final String description;

	private final Map<String, List<String>> fields;

	private final String requestHost;

	private final String requestPath;

	private final Object applicationContext;

	private ResponseHeaders(String description, Map<String, List<String>> fields, String requestHost,
			String requestPath, Object applicationContext) {
		this.description = description;
		this.fields = fields;
		this.requestHost = requestHost;
		this.requestPath = requestPath;
		this.applicationContext = applicationContext;
	}

	/**
	 * The headers of a response from any client.
	 * @param description what the response is, for failure messages (say
	 * {@code the response to GET https://api.example.com/})
	 * @param fields the header fields by name, each field line one value
	 * @return the headers
	 */
	public static ResponseHeaders of(String description, Map<String, ? extends List<String>> fields) {
		return of(description, fields, null);
	}

	/**
	 * The headers of a response to a request for a URI.
	 * @param description what the response is, for failure messages
	 * @param fields the header fields by name, each field line one value
	 * @param requestUri the URI requested, or {@code null}
	 * @return the headers
	 */
	public static ResponseHeaders of(String description, Map<String, ? extends List<String>> fields, URI requestUri) {
		String host = (requestUri != null) ? requestUri.getHost() : null;
		String path = (requestUri != null) ? requestUri.getRawPath() : null;
		return new ResponseHeaders(description, copy(fields), host, (path == null || path.isEmpty()) ? null : path,
				null);
	}

	/**
	 * The same headers, with the request's host as its {@code Host} header named it (when
	 * the client sent one other than the URI's).
	 * @param host the host, without port, or {@code null} to keep the one known
	 * @return the headers
	 */
	ResponseHeaders withRequestHost(String host) {
		if (host == null || host.isEmpty()) {
			return this;
		}
		return new ResponseHeaders(this.description, this.fields, hostWithoutPort(host), this.requestPath,
				this.applicationContext);
	}

	/**
	 * The same headers, with the application that answered (an
	 * {@code org.springframework.context.ApplicationContext}).
	 */
	ResponseHeaders withApplicationContext(Object context) {
		return new ResponseHeaders(this.description, this.fields, this.requestHost, this.requestPath, context);
	}

	private static Map<String, List<String>> copy(Map<String, ? extends List<String>> fields) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		for (Map.Entry<String, ? extends List<String>> field : fields.entrySet()) {
			if (field.getKey() == null) {
				continue; // HttpURLConnection's status line
			}
			copy.computeIfAbsent(field.getKey().toLowerCase(Locale.ROOT), ResponseHeaders::newList)
				.addAll(field.getValue());
		}
		for (Map.Entry<String, List<String>> field : copy.entrySet()) {
			field.setValue(Collections.unmodifiableList(field.getValue()));
		}
		return Collections.unmodifiableMap(copy);
	}

	private static List<String> newList(String name) {
		return new ArrayList<>(2);
	}

	static String hostWithoutPort(String host) {
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			return (end > 0) ? host.substring(0, end + 1) : host;
		}
		int colon = host.indexOf(':');
		return (colon >= 0 && host.indexOf(':', colon + 1) < 0) ? host.substring(0, colon) : host;
	}

	/**
	 * Every field value of a header, one per field line, in the order received.
	 * @param name the header name, any case
	 * @return the values, empty when the response has none
	 */
	public List<String> values(String name) {
		List<String> values = this.fields.get(name.toLowerCase(Locale.ROOT));
		return (values != null) ? values : List.of();
	}

	/**
	 * The header names, in lower case.
	 * @return the names
	 */
	public List<String> names() {
		return List.copyOf(this.fields.keySet());
	}

	/**
	 * What the response is, for failure messages.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * The host the request was for, when the client says.
	 * @return the host, without port
	 */
	public Optional<String> requestHost() {
		return Optional.ofNullable(this.requestHost);
	}

	/**
	 * The path requested, when the client says.
	 * @return the raw path
	 */
	public Optional<String> requestPath() {
		return Optional.ofNullable(this.requestPath);
	}

	/** The application that answered, when the client knows it; internal. */
	Object applicationContext() {
		return this.applicationContext;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
