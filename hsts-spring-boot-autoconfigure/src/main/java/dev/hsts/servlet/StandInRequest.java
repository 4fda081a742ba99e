package dev.hsts.servlet;

import java.io.BufferedReader;
import java.nio.charset.Charset;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import jakarta.servlet.http.PushBuilder;

/**
 * A request that was never sent, for asking code what it would do with one (the
 * endpoint's host preview, the check whether Spring Security protects the endpoint): it
 * answers the given values and headers, keeps attributes, and answers everything else
 * with {@code null}, {@code false} or {@code 0}. A plain class rather than a JDK proxy: a
 * proxy of {@link HttpServletRequest} loads a proxy class and every type its methods name
 * (AsyncContext, Part, PushBuilder, ...) while the context starts (issue 21). Not part of
 * the starter's API.
 */
public final class StandInRequest implements HttpServletRequest {

	private final String description;

	private final Map<String, Object> values;

	/** Values by lower-case name. */
	private final Map<String, String> headers = new HashMap<>();

	private final List<String> headerNames;

	private final Map<String, Object> attributes = new HashMap<>();

	private StandInRequest(String description, Map<String, Object> values, Map<String, String> headers) {
		this.description = description;
		this.values = values;
		for (Map.Entry<String, String> header : headers.entrySet()) {
			this.headers.put(key(header.getKey()), header.getValue());
		}
		this.headerNames = List.copyOf(headers.keySet());
	}

	/**
	 * A stand-in request.
	 * @param description what {@code toString()} answers
	 * @param values the answer of each method by name (a {@link Supplier} is asked on
	 * each call), whatever its arguments; {@code getRequestURL} may be given as a
	 * {@link String}: each call then answers a new {@link StringBuffer} of it
	 * @param headers the headers, by name in any case
	 * @return the request
	 */
	public static HttpServletRequest of(String description, Map<String, Object> values, Map<String, String> headers) {
		return new StandInRequest(description, values, headers);
	}

	private boolean answers(String method) {
		return this.values.containsKey(method);
	}

	private Object answer(String method) {
		Object value = this.values.get(method);
		return (value instanceof Supplier<?> supplier) ? supplier.get() : value;
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	@Override
	public String getAuthType() {
		return answers("getAuthType") ? (String) answer("getAuthType") : null;
	}

	@Override
	public Cookie[] getCookies() {
		return answers("getCookies") ? (Cookie[]) answer("getCookies") : null;
	}

	@Override
	public long getDateHeader(String name) {
		return answers("getDateHeader") ? (Long) answer("getDateHeader") : 0L;
	}

	@Override
	public String getHeader(String name) {
		return answers("getHeader") ? (String) answer("getHeader") : this.headers.get(key(name));
	}

	@Override
	@SuppressWarnings("unchecked")
	public Enumeration<String> getHeaders(String name) {
		return answers("getHeaders") ? (Enumeration<String>) answer("getHeaders") : Collections.enumeration(
				this.headers.containsKey(key(name)) ? List.of(this.headers.get(key(name))) : List.<String>of());
	}

	@Override
	@SuppressWarnings("unchecked")
	public Enumeration<String> getHeaderNames() {
		return answers("getHeaderNames") ? (Enumeration<String>) answer("getHeaderNames")
				: Collections.enumeration(this.headerNames);
	}

	@Override
	public int getIntHeader(String name) {
		return answers("getIntHeader") ? (Integer) answer("getIntHeader") : 0;
	}

	@Override
	public String getMethod() {
		return answers("getMethod") ? (String) answer("getMethod") : null;
	}

	@Override
	public String getPathInfo() {
		return answers("getPathInfo") ? (String) answer("getPathInfo") : null;
	}

	@Override
	public String getPathTranslated() {
		return answers("getPathTranslated") ? (String) answer("getPathTranslated") : null;
	}

	@Override
	public String getContextPath() {
		return answers("getContextPath") ? (String) answer("getContextPath") : null;
	}

	@Override
	public String getQueryString() {
		return answers("getQueryString") ? (String) answer("getQueryString") : null;
	}

	@Override
	public String getRemoteUser() {
		return answers("getRemoteUser") ? (String) answer("getRemoteUser") : null;
	}

	@Override
	public boolean isUserInRole(String role) {
		return answers("isUserInRole") ? (Boolean) answer("isUserInRole") : false;
	}

	@Override
	public Principal getUserPrincipal() {
		return answers("getUserPrincipal") ? (Principal) answer("getUserPrincipal") : null;
	}

	@Override
	public String getRequestedSessionId() {
		return answers("getRequestedSessionId") ? (String) answer("getRequestedSessionId") : null;
	}

	@Override
	public String getRequestURI() {
		return answers("getRequestURI") ? (String) answer("getRequestURI") : null;
	}

	@Override
	public StringBuffer getRequestURL() {
		Object url = answers("getRequestURL") ? answer("getRequestURL") : null;
		return (url instanceof String text) ? new StringBuffer(text) : (StringBuffer) url;
	}

	@Override
	public String getServletPath() {
		return answers("getServletPath") ? (String) answer("getServletPath") : null;
	}

	@Override
	public HttpSession getSession(boolean create) {
		return answers("getSession") ? (HttpSession) answer("getSession") : null;
	}

	@Override
	public HttpSession getSession() {
		return answers("getSession") ? (HttpSession) answer("getSession") : null;
	}

	@Override
	public String changeSessionId() {
		return answers("changeSessionId") ? (String) answer("changeSessionId") : null;
	}

	@Override
	public boolean isRequestedSessionIdValid() {
		return answers("isRequestedSessionIdValid") ? (Boolean) answer("isRequestedSessionIdValid") : false;
	}

	@Override
	public boolean isRequestedSessionIdFromCookie() {
		return answers("isRequestedSessionIdFromCookie") ? (Boolean) answer("isRequestedSessionIdFromCookie") : false;
	}

	@Override
	public boolean isRequestedSessionIdFromURL() {
		return answers("isRequestedSessionIdFromURL") ? (Boolean) answer("isRequestedSessionIdFromURL") : false;
	}

	@Override
	public boolean authenticate(HttpServletResponse response) {
		return answers("authenticate") ? (Boolean) answer("authenticate") : false;
	}

	@Override
	public void login(String username, String password) {
		answer("login");
	}

	@Override
	public void logout() {
		answer("logout");
	}

	@Override
	@SuppressWarnings("unchecked")
	public Collection<Part> getParts() {
		return answers("getParts") ? (Collection<Part>) answer("getParts") : null;
	}

	@Override
	public Part getPart(String name) {
		return answers("getPart") ? (Part) answer("getPart") : null;
	}

	@Override
	public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) {
		return answers("upgrade") ? (T) answer("upgrade") : null;
	}

	@Override
	public HttpServletMapping getHttpServletMapping() {
		return answers("getHttpServletMapping") ? (HttpServletMapping) answer("getHttpServletMapping") : null;
	}

	@Override
	public PushBuilder newPushBuilder() {
		return answers("newPushBuilder") ? (PushBuilder) answer("newPushBuilder") : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, String> getTrailerFields() {
		return answers("getTrailerFields") ? (Map<String, String>) answer("getTrailerFields") : null;
	}

	@Override
	public boolean isTrailerFieldsReady() {
		return answers("isTrailerFieldsReady") ? (Boolean) answer("isTrailerFieldsReady") : false;
	}

	@Override
	public Object getAttribute(String name) {
		return answers("getAttribute") ? (Object) answer("getAttribute") : this.attributes.get(name);
	}

	@Override
	@SuppressWarnings("unchecked")
	public Enumeration<String> getAttributeNames() {
		return answers("getAttributeNames") ? (Enumeration<String>) answer("getAttributeNames")
				: Collections.enumeration(new ArrayList<>(this.attributes.keySet()));
	}

	@Override
	public String getCharacterEncoding() {
		return answers("getCharacterEncoding") ? (String) answer("getCharacterEncoding") : null;
	}

	@Override
	public void setCharacterEncoding(String encoding) {
		answer("setCharacterEncoding");
	}

	@Override
	public void setCharacterEncoding(Charset encoding) {
		answer("setCharacterEncoding");
	}

	@Override
	public int getContentLength() {
		return answers("getContentLength") ? (Integer) answer("getContentLength") : 0;
	}

	@Override
	public long getContentLengthLong() {
		return answers("getContentLengthLong") ? (Long) answer("getContentLengthLong") : 0L;
	}

	@Override
	public String getContentType() {
		return answers("getContentType") ? (String) answer("getContentType") : null;
	}

	@Override
	public ServletInputStream getInputStream() {
		return answers("getInputStream") ? (ServletInputStream) answer("getInputStream") : null;
	}

	@Override
	public String getParameter(String name) {
		return answers("getParameter") ? (String) answer("getParameter") : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Enumeration<String> getParameterNames() {
		return answers("getParameterNames") ? (Enumeration<String>) answer("getParameterNames") : null;
	}

	@Override
	public String[] getParameterValues(String name) {
		return answers("getParameterValues") ? (String[]) answer("getParameterValues") : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, String[]> getParameterMap() {
		return answers("getParameterMap") ? (Map<String, String[]>) answer("getParameterMap") : null;
	}

	@Override
	public String getProtocol() {
		return answers("getProtocol") ? (String) answer("getProtocol") : null;
	}

	@Override
	public String getScheme() {
		return answers("getScheme") ? (String) answer("getScheme") : null;
	}

	@Override
	public String getServerName() {
		return answers("getServerName") ? (String) answer("getServerName") : null;
	}

	@Override
	public int getServerPort() {
		return answers("getServerPort") ? (Integer) answer("getServerPort") : 0;
	}

	@Override
	public BufferedReader getReader() {
		return answers("getReader") ? (BufferedReader) answer("getReader") : null;
	}

	@Override
	public String getRemoteAddr() {
		return answers("getRemoteAddr") ? (String) answer("getRemoteAddr") : null;
	}

	@Override
	public String getRemoteHost() {
		return answers("getRemoteHost") ? (String) answer("getRemoteHost") : null;
	}

	@Override
	public void setAttribute(String name, Object value) {
		if (!answers("setAttribute")) {
			this.attributes.put(name, value);
		}
	}

	@Override
	public void removeAttribute(String name) {
		if (!answers("removeAttribute")) {
			this.attributes.remove(name);
		}
	}

	@Override
	public Locale getLocale() {
		return answers("getLocale") ? (Locale) answer("getLocale") : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Enumeration<Locale> getLocales() {
		return answers("getLocales") ? (Enumeration<Locale>) answer("getLocales") : null;
	}

	@Override
	public boolean isSecure() {
		return answers("isSecure") ? (Boolean) answer("isSecure") : false;
	}

	@Override
	public RequestDispatcher getRequestDispatcher(String path) {
		return answers("getRequestDispatcher") ? (RequestDispatcher) answer("getRequestDispatcher") : null;
	}

	@Override
	public int getRemotePort() {
		return answers("getRemotePort") ? (Integer) answer("getRemotePort") : 0;
	}

	@Override
	public String getLocalName() {
		return answers("getLocalName") ? (String) answer("getLocalName") : null;
	}

	@Override
	public String getLocalAddr() {
		return answers("getLocalAddr") ? (String) answer("getLocalAddr") : null;
	}

	@Override
	public int getLocalPort() {
		return answers("getLocalPort") ? (Integer) answer("getLocalPort") : 0;
	}

	@Override
	public ServletContext getServletContext() {
		return answers("getServletContext") ? (ServletContext) answer("getServletContext") : null;
	}

	@Override
	public AsyncContext startAsync() {
		return answers("startAsync") ? (AsyncContext) answer("startAsync") : null;
	}

	@Override
	public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
		return answers("startAsync") ? (AsyncContext) answer("startAsync") : null;
	}

	@Override
	public boolean isAsyncStarted() {
		return answers("isAsyncStarted") ? (Boolean) answer("isAsyncStarted") : false;
	}

	@Override
	public boolean isAsyncSupported() {
		return answers("isAsyncSupported") ? (Boolean) answer("isAsyncSupported") : false;
	}

	@Override
	public AsyncContext getAsyncContext() {
		return answers("getAsyncContext") ? (AsyncContext) answer("getAsyncContext") : null;
	}

	@Override
	public DispatcherType getDispatcherType() {
		return answers("getDispatcherType") ? (DispatcherType) answer("getDispatcherType") : null;
	}

	@Override
	public String getRequestId() {
		return answers("getRequestId") ? (String) answer("getRequestId") : null;
	}

	@Override
	public String getProtocolRequestId() {
		return answers("getProtocolRequestId") ? (String) answer("getProtocolRequestId") : null;
	}

	@Override
	public ServletConnection getServletConnection() {
		return answers("getServletConnection") ? (ServletConnection) answer("getServletConnection") : null;
	}

	@Override
	public String toString() {
		return answers("toString") ? (String) answer("toString") : this.description;
	}

}
