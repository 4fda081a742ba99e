package dev.hsts.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.tomcat.util.http.MimeHeaders;

import org.springframework.mock.web.MockFilterChain;

/**
 * The request and response a filter sees on embedded Tomcat, without a socket: Tomcat's
 * own {@link org.apache.coyote.Request}/{@link org.apache.coyote.Response} under the
 * servlet-level {@link Request}/{@link Response}, handed to the chain as their facades,
 * exactly as {@code CoyoteAdapter} does. Each exchange is recycled and filled again per
 * request, as Tomcat does on a keep-alive connection: what the HTTP parser would have set
 * ({@code GET /v1/health HTTP/1.1}, {@code Host: api.example.com}, {@code Accept},
 * {@code User-Agent}, scheme https, server name and port, remote address) and the secure
 * flag of a TLS connector. The response body goes to an output buffer that drops it.
 *
 * <p>
 * Headers live in Tomcat's {@link MimeHeaders} (a small array, names compared without
 * case, no allocation per look-up), not in the mock response's case-insensitive map,
 * whose look-ups lower-case and hash the name on every call. One exchange per benchmark
 * thread.
 */
final class TomcatExchange {

	private final org.apache.coyote.Request coyoteRequest = new org.apache.coyote.Request();

	private final org.apache.coyote.Response coyoteResponse = new org.apache.coyote.Response();

	private final Request request;

	private final Response response;

	TomcatExchange() {
		Connector connector = new Connector();
		this.coyoteRequest.setResponse(this.coyoteResponse);
		this.coyoteResponse.setRequest(this.coyoteRequest);
		this.coyoteResponse.setOutputBuffer(new DiscardingOutputBuffer());
		this.request = new Request(connector, this.coyoteRequest);
		this.response = new Response(this.coyoteResponse);
		this.request.setResponse(this.response);
		this.response.setRequest(this.request);
	}

	/**
	 * What {@code CoyoteAdapter} keeps in the notes of Tomcat's objects
	 * ({@code CoyoteAdapter.ADAPTER_NOTES}).
	 */
	private static final int ADAPTER_NOTES = 1;

	/**
	 * Recycles the exchange and fills in the next request, as Tomcat's HTTP/1.1 processor
	 * would.
	 */
	private void next() {
		this.request.recycle();
		this.response.recycle();
		this.coyoteRequest.recycle();
		this.coyoteResponse.recycle();
		this.coyoteRequest.setNote(ADAPTER_NOTES, this.request);
		this.coyoteResponse.setNote(ADAPTER_NOTES, this.response);
		this.coyoteRequest.method().setString("GET");
		this.coyoteRequest.requestURI().setString("/v1/health");
		this.coyoteRequest.decodedURI().setString("/v1/health");
		this.coyoteRequest.protocol().setString("HTTP/1.1");
		this.coyoteRequest.scheme().setString("https");
		this.coyoteRequest.serverName().setString(Requests.HOST);
		this.coyoteRequest.setServerPort(443);
		this.coyoteRequest.remoteAddr().setString("203.0.113.7");
		this.coyoteRequest.peerAddr().setString("203.0.113.7");
		MimeHeaders headers = this.coyoteRequest.getMimeHeaders();
		headers.addValue("Host").setString(Requests.HOST);
		headers.addValue("Accept").setString("application/json");
		headers.addValue("User-Agent").setString("benchmark/1.0");
		this.request.setSecure(true);
	}

	/**
	 * Runs the next request through the filters to the servlet.
	 * @return the response's status
	 */
	int run(Servlet servlet, Filter[] filters) throws Exception {
		next();
		HttpServletRequest facadeRequest = this.request.getRequest();
		HttpServletResponse facadeResponse = this.response.getResponse();
		new MockFilterChain(servlet, filters).doFilter(facadeRequest, facadeResponse);
		return this.coyoteResponse.getStatus();
	}

	/**
	 * Runs the next request as {@link #run} does, through a request and a response
	 * wrapper that count the calls the filters and the servlet make of the request's
	 * attribute and header methods and of the response's header methods.
	 * @return the calls, by method name, in name order
	 */
	Map<String, Integer> calls(Servlet servlet, Filter[] filters) throws Exception {
		next();
		Map<String, Integer> calls = new TreeMap<>();
		HttpServletRequest request = new CountingRequest(this.request.getRequest(), calls);
		HttpServletResponse response = new CountingResponse(this.response.getResponse(), calls);
		new MockFilterChain(servlet, filters).doFilter(request, response);
		return calls;
	}

	private static void count(Map<String, Integer> calls, String method) {
		calls.merge(method, 1, Integer::sum);
	}

	private static final class CountingRequest extends HttpServletRequestWrapper {

		private final Map<String, Integer> calls;

		CountingRequest(HttpServletRequest request, Map<String, Integer> calls) {
			super(request);
			this.calls = calls;
		}

		@Override
		public Object getAttribute(String name) {
			count(this.calls, "request.getAttribute");
			return super.getAttribute(name);
		}

		@Override
		public void setAttribute(String name, Object value) {
			count(this.calls, "request.setAttribute");
			super.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			count(this.calls, "request.removeAttribute");
			super.removeAttribute(name);
		}

		@Override
		public String getHeader(String name) {
			count(this.calls, "request.getHeader");
			return super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			count(this.calls, "request.getHeaders");
			return super.getHeaders(name);
		}

	}

	private static final class CountingResponse extends HttpServletResponseWrapper {

		private final Map<String, Integer> calls;

		CountingResponse(HttpServletResponse response, Map<String, Integer> calls) {
			super(response);
			this.calls = calls;
		}

		@Override
		public void setHeader(String name, String value) {
			count(this.calls, "response.setHeader");
			super.setHeader(name, value);
		}

		@Override
		public void addHeader(String name, String value) {
			count(this.calls, "response.addHeader");
			super.addHeader(name, value);
		}

		@Override
		public boolean containsHeader(String name) {
			count(this.calls, "response.containsHeader");
			return super.containsHeader(name);
		}

		@Override
		public String getHeader(String name) {
			count(this.calls, "response.getHeader");
			return super.getHeader(name);
		}

		@Override
		public Collection<String> getHeaders(String name) {
			count(this.calls, "response.getHeaders");
			return super.getHeaders(name);
		}

		@Override
		public Collection<String> getHeaderNames() {
			count(this.calls, "response.getHeaderNames");
			return super.getHeaderNames();
		}

	}

	/**
	 * The response headers of the last request, by name (any case), in the order Tomcat
	 * holds them.
	 */
	Map<String, List<String>> headers() {
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		MimeHeaders mime = this.coyoteResponse.getMimeHeaders();
		for (int i = 0; i < mime.size(); i++) {
			String name = mime.getName(i).toString();
			if (!headers.containsKey(name)) {
				List<String> values = new ArrayList<>();
				Enumeration<String> all = mime.values(name);
				while (all.hasMoreElements()) {
					values.add(all.nextElement());
				}
				headers.put(name, values);
			}
		}
		return headers;
	}

	/** Whether the last response was committed (its headers sent). */
	boolean committed() {
		return this.coyoteResponse.isCommitted();
	}

}
