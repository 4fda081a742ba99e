package dev.hsts.servlet;

import java.io.PrintWriter;
import java.nio.charset.Charset;
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
import java.util.Collection;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
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
		this(host, "/");
	}

	/**
	 * A preview of a secure {@code GET} of a path for a host.
	 * @param host the {@code Host} header, with an optional port
	 * @param path the path within the application, as sent (percent-encoded), starting
	 * with a slash
	 */
	public PreviewExchange(String host, String path) {
		Map<String, Object> answers = new HashMap<>();
		answers.put("isSecure", true);
		answers.put("getScheme", "https");
		answers.put("getProtocol", "HTTP/1.1");
		answers.put("getMethod", "GET");
		answers.put("getServerName", serverName(host));
		answers.put("getServerPort", 443);
		answers.put("getRequestURI", path);
		answers.put("getServletPath", path);
		answers.put("getContextPath", "");
		answers.put("getDispatcherType", DispatcherType.REQUEST);
		answers.put("getRequestURL", "https://" + host + path);
		this.request = StandInRequest.of("preview request for " + host, answers, Map.of("Host", host));
		this.response = new RecordingResponse();
	}

	/**
	 * The recorded values of a header, added when missing. Loops and no lambdas in this
	 * class, and plain classes rather than JDK proxies for the request and the response:
	 * the starter previews Spring Security's headers while the context starts (issue 21).
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

	/** A header value given as a date, as it goes on the wire. */
	private static String date(long value) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(value).atOffset(ZoneOffset.UTC));
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

	/**
	 * The response: records headers and the status, answers everything else with
	 * {@code null}, {@code false} or {@code 0}, and ignores the rest.
	 */
	private final class RecordingResponse implements HttpServletResponse {

		private void record(String name, String value, boolean add) {
			PreviewExchange.this.names.putIfAbsent(key(name), name);
			if (add) {
				valuesOf(name).add(value);
			}
			else {
				PreviewExchange.this.headers.put(key(name), new ArrayList<>(List.of(value)));
			}
		}

		@Override
		public void setHeader(String name, String value) {
			record(name, value, false);
		}

		@Override
		public void addHeader(String name, String value) {
			record(name, value, true);
		}

		@Override
		public void setIntHeader(String name, int value) {
			record(name, String.valueOf(value), false);
		}

		@Override
		public void addIntHeader(String name, int value) {
			record(name, String.valueOf(value), true);
		}

		@Override
		public void setDateHeader(String name, long date) {
			record(name, date(date), false);
		}

		@Override
		public void addDateHeader(String name, long date) {
			record(name, date(date), true);
		}

		@Override
		public boolean containsHeader(String name) {
			return PreviewExchange.this.headers.containsKey(key(name));
		}

		@Override
		public String getHeader(String name) {
			List<String> values = PreviewExchange.this.headers.get(key(name));
			return (values != null) ? values.get(0) : null;
		}

		@Override
		public Collection<String> getHeaders(String name) {
			return PreviewExchange.this.headers.getOrDefault(key(name), List.of());
		}

		@Override
		public Collection<String> getHeaderNames() {
			return new ArrayList<>(PreviewExchange.this.headers.keySet());
		}

		@Override
		public int getStatus() {
			return PreviewExchange.this.status;
		}

		@Override
		public void setStatus(int status) {
			PreviewExchange.this.status = status;
		}

		@Override
		public boolean isCommitted() {
			return false;
		}

		@Override
		public void addCookie(Cookie cookie) {
		}

		@Override
		public String encodeURL(String url) {
			return null;
		}

		@Override
		public String encodeRedirectURL(String url) {
			return null;
		}

		@Override
		public void sendError(int status, String message) {
		}

		@Override
		public void sendError(int status) {
		}

		@Override
		public void sendRedirect(String location) {
		}

		@Override
		public void sendRedirect(String location, boolean clearBuffer) {
		}

		@Override
		public void sendRedirect(String location, int status) {
		}

		@Override
		public void sendRedirect(String location, int status, boolean clearBuffer) {
		}

		@Override
		public void setTrailerFields(Supplier<Map<String, String>> supplier) {
		}

		@Override
		public Supplier<Map<String, String>> getTrailerFields() {
			return null;
		}

		@Override
		public String getCharacterEncoding() {
			return null;
		}

		@Override
		public String getContentType() {
			return null;
		}

		@Override
		public ServletOutputStream getOutputStream() {
			return null;
		}

		@Override
		public PrintWriter getWriter() {
			return null;
		}

		@Override
		public void setCharacterEncoding(String encoding) {
		}

		@Override
		public void setCharacterEncoding(Charset encoding) {
		}

		@Override
		public void setContentLength(int length) {
		}

		@Override
		public void setContentLengthLong(long length) {
		}

		@Override
		public void setContentType(String type) {
		}

		@Override
		public void setBufferSize(int size) {
		}

		@Override
		public int getBufferSize() {
			return 0;
		}

		@Override
		public void flushBuffer() {
		}

		@Override
		public void resetBuffer() {
		}

		@Override
		public void reset() {
		}

		@Override
		public void setLocale(Locale locale) {
		}

		@Override
		public Locale getLocale() {
			return null;
		}

		@Override
		public String toString() {
			return "preview response";
		}

	}

}
