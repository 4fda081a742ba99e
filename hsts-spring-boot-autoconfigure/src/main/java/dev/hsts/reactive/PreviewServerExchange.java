package dev.hsts.reactive;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.server.ServerWebExchange;

/**
 * A secure {@code GET /} for a host as a WebFlux exchange that is never sent, and a
 * response that records headers, for previewing what the real writers and checks do for
 * that host (the {@code securityheaders} endpoint), or for learning what another writer
 * writes (the headers of a Spring Security {@code SecurityWebFilterChain}, at startup),
 * or a secure request for a path, for asking whether a filter lets it through (Spring
 * Security's {@code WebFilterChainProxy}, for the {@code endpoint.unprotected} finding).
 * Only what header writers and the trusted-host check read is answered; everything else
 * answers {@code null}, {@code false} or {@code 0}. Completing the response
 * ({@link ServerHttpResponse#setComplete()}) runs the actions registered with
 * {@link ServerHttpResponse#beforeCommit}, as a real response does.
 */
public final class PreviewServerExchange {

	private final ServerWebExchange exchange;

	private final ServerHttpRequest request;

	private final ServerHttpResponse response;

	private final HttpHeaders responseHeaders = new HttpHeaders();

	private final List<Supplier<? extends Mono<Void>>> commitActions = new ArrayList<>();

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private HttpStatusCode status = HttpStatus.OK;

	private boolean committed;

	/**
	 * A preview of a secure {@code GET /} for a host.
	 * @param host the {@code Host} header, with an optional port
	 */
	public PreviewServerExchange(String host) {
		this(host, "/");
	}

	/**
	 * A preview of a secure {@code GET} of a path for a host.
	 * @param host the {@code Host} header, with an optional port
	 * @param path the path within the application, as sent (percent-encoded), starting
	 * with a slash
	 */
	public PreviewServerExchange(String host, String path) {
		this(HttpMethod.GET, host, uri(host, path), null, null);
	}

	/**
	 * A secure request without headers but {@code Host}, cookies, body or session, for
	 * asking what a {@code WebFilter} does with it (whether Spring Security's
	 * {@code WebFilterChainProxy} lets an anonymous request for a path through).
	 * @param method the method
	 * @param host the {@code Host} header, with an optional port
	 * @param contextPath the path the application is served under ({@code ""} for the
	 * root, or e.g. {@code spring.webflux.base-path})
	 * @param path the path within the application, starting with a slash
	 * @param applicationContext the application context the exchange answers, or
	 * {@code null}
	 */
	public PreviewServerExchange(HttpMethod method, String host, String contextPath, String path,
			ApplicationContext applicationContext) {
		this(method, host, URI.create("https://" + host + contextPath + path), contextPath, applicationContext);
	}

	private PreviewServerExchange(HttpMethod method, String host, URI uri, String contextPath,
			ApplicationContext applicationContext) {
		HttpHeaders requestHeaders = new HttpHeaders();
		requestHeaders.set("Host", host);
		Map<String, Object> requestAnswers = new LinkedHashMap<>();
		requestAnswers.put("getURI", uri);
		requestAnswers.put("getPath",
				RequestPath.parse(uri, (contextPath == null || contextPath.isEmpty()) ? null : contextPath));
		requestAnswers.put("getHeaders", requestHeaders);
		requestAnswers.put("getMethod", method);
		requestAnswers.put("getId", "securityheaders-preview");
		requestAnswers.put("getQueryParams", new LinkedMultiValueMap<>());
		requestAnswers.put("getCookies", new LinkedMultiValueMap<>());
		requestAnswers.put("getBody", Flux.empty());
		requestAnswers.put("getAttributes", this.attributes);
		this.request = proxy(ServerHttpRequest.class, requestAnswers);
		Map<String, Object> responseAnswers = new LinkedHashMap<>();
		responseAnswers.put("getHeaders", this.responseHeaders);
		responseAnswers.put("getCookies", new LinkedMultiValueMap<>());
		responseAnswers.put("bufferFactory", DefaultDataBufferFactory.sharedInstance);
		responseAnswers.put("getStatusCode", (Supplier<HttpStatusCode>) () -> this.status);
		responseAnswers.put("isCommitted", (Supplier<Boolean>) () -> this.committed);
		responseAnswers.put("setComplete", (Supplier<Mono<Void>>) this::completion);
		this.response = proxy(ServerHttpResponse.class, responseAnswers, this::respond);
		Map<String, Object> exchangeAnswers = new LinkedHashMap<>();
		exchangeAnswers.put("getRequest", this.request);
		exchangeAnswers.put("getResponse", this.response);
		exchangeAnswers.put("getAttributes", this.attributes);
		exchangeAnswers.put("getLogPrefix", "[securityheaders-preview] ");
		if (applicationContext != null) {
			exchangeAnswers.put("getApplicationContext", applicationContext);
		}
		this.exchange = proxy(ServerWebExchange.class, exchangeAnswers);
	}

	private static URI uri(String host, String path) {
		try {
			return URI.create("https://" + host + path);
		}
		catch (IllegalArgumentException ex) {
			// A host java.net.URI refuses: the request line's URI stays usable, the Host
			// header carries the host.
			return URI.create("https://invalid.invalid" + path);
		}
	}

	/** The response methods that take arguments. */
	private Object respond(Method method, Object[] args) {
		switch (method.getName()) {
			case "setStatusCode" -> {
				this.status = (HttpStatusCode) args[0];
				return true;
			}
			case "beforeCommit" -> {
				@SuppressWarnings("unchecked")
				Supplier<? extends Mono<Void>> action = (Supplier<? extends Mono<Void>>) args[0];
				this.commitActions.add(action);
				return null;
			}
			case "writeWith", "writeAndFlushWith" -> {
				return completion();
			}
			default -> {
				return NOT_HANDLED;
			}
		}
	}

	private static final Object NOT_HANDLED = new Object();

	private Mono<Void> completion() {
		return Mono.defer(() -> {
			if (this.committed) {
				return Mono.empty();
			}
			this.committed = true;
			return Flux.fromIterable(this.commitActions).concatMap(Supplier::get).then();
		});
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
		return proxy(type, answers, (method, args) -> NOT_HANDLED);
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, Map<String, Object> answers,
			java.util.function.BiFunction<Method, Object[], Object> withArguments) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getDeclaringClass() == Object.class) {
				return switch (method.getName()) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					default -> type.getSimpleName() + " preview";
				};
			}
			if (args != null && args.length > 0) {
				Object answer = withArguments.apply(method, args);
				if (answer != NOT_HANDLED) {
					return answer;
				}
			}
			else if (answers.containsKey(method.getName())) {
				Object answer = answers.get(method.getName());
				return (answer instanceof Supplier<?> supplier
						&& !Supplier.class.isAssignableFrom(method.getReturnType())) ? supplier.get() : answer;
			}
			if (method.isDefault()) {
				return InvocationHandler.invokeDefault(proxy, method, args);
			}
			return defaultValue(method.getReturnType());
		};
		return (T) Proxy.newProxyInstance(PreviewServerExchange.class.getClassLoader(), new Class<?>[] { type },
				handler);
	}

	private static Object defaultValue(Class<?> type) {
		if (type == boolean.class) {
			return false;
		}
		if (type == int.class || type == long.class || type == short.class || type == byte.class) {
			return 0;
		}
		if (type == Mono.class) {
			return Mono.empty();
		}
		if (type == Flux.class) {
			return Flux.empty();
		}
		return null;
	}

	/** The exchange. */
	public ServerWebExchange exchange() {
		return this.exchange;
	}

	/** The response status. */
	public int status() {
		return this.status.value();
	}

	/**
	 * Sets the status of a refused request.
	 * @param status the status
	 */
	public void reject(int status) {
		this.status = HttpStatusCode.valueOf(status);
	}

	/**
	 * Completes the response, running the actions registered to run before it commits.
	 */
	public void complete() {
		completion().toFuture().join();
	}

	/**
	 * The headers written, by name; one value as a string, several as a list.
	 * @return the headers
	 */
	public Map<String, Object> headers() {
		Map<String, Object> headers = new LinkedHashMap<>();
		this.responseHeaders.forEach((name, values) -> {
			if (!values.isEmpty()) {
				headers.put(name, (values.size() == 1) ? values.get(0) : List.copyOf(values));
			}
		});
		return headers;
	}

	/**
	 * The headers written, by name, each with all its values.
	 * @return the headers
	 */
	public Map<String, List<String>> headerValues() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		this.responseHeaders.forEach((name, values) -> headers.put(name, List.copyOf(values)));
		return headers;
	}

}
