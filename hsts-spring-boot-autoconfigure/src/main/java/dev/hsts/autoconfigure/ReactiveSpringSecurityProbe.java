package dev.hsts.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import dev.hsts.reactive.PreviewServerExchange;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.authorization.AuthorizationWebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Asks the application's Spring Security configuration for WebFlux, through its public
 * API only, what an anonymous {@code GET} of a path meets: the application's
 * {@link WebFilterChainProxy} runs on a secure request that is never sent (a
 * {@link PreviewServerExchange}: no headers but {@code Host}, no cookies, no session),
 * with a last filter chain that only records that the request reached it. Reached: the
 * request gets through. Answered with 401, 403 or a redirect: Spring Security refuses it.
 * Anything else cannot be told. The application's observations do not record the probe
 * ({@link UnobservedProbe}).
 */
final class ReactiveSpringSecurityProbe {

	private static final Log LOG = LogFactory.getLog(ReactiveSpringSecurityProbe.class);

	private static final String HOST = "localhost";

	/** Enough for a chain that does no I/O for an anonymous request; never waited out. */
	private static final long TIMEOUT_SECONDS = 10;

	private ReactiveSpringSecurityProbe() {
	}

	/**
	 * Why an anonymous {@code GET} of a path gets through, or {@code null} when Spring
	 * Security refuses it or when that cannot be told.
	 * @param context the application context of the server the path is served on (the
	 * actuator's own, when it has a port of its own), which holds or inherits the Spring
	 * Security beans
	 * @param basePath the path the server serves everything under ({@code ""} for the
	 * root)
	 * @param path the path within it
	 * @return the reason, as a phrase, or {@code null}
	 */
	static String whyAnonymousGetPasses(ApplicationContext context, String basePath, String path) {
		String request = "GET " + basePath + path;
		WebFilterChainProxy proxy = context.getBeanProvider(WebFilterChainProxy.class).getIfUnique();
		if (proxy == null) {
			if (context.getBeanNamesForType(WebFilterChainProxy.class).length > 0) {
				LOG.debug("Cannot tell whether Spring Security protects " + request
						+ ": the application has more than one WebFilterChainProxy");
				return null;
			}
			return "the application has no Spring Security filter chain (no WebFilterChainProxy bean)";
		}
		UnobservedProbe unobserved = UnobservedProbe.start(context);
		try {
			PreviewServerExchange probe = probe(context, basePath, path);
			AtomicBoolean reached = new AtomicBoolean();
			WebFilterChain last = (exchange) -> Mono.fromRunnable(() -> reached.set(true));
			await(proxy.filter(probe.exchange(), last));
			if (reached.get()) {
				return whyChainLetsThrough(context, basePath, path, request);
			}
			HttpStatus status = HttpStatus.resolve(probe.status());
			if (status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN
					|| (status != null && status.is3xxRedirection())) {
				return null;
			}
			LOG.debug("Cannot tell whether Spring Security protects " + request + ": it answered " + probe.status()
					+ " without passing the request on");
			return null;
		}
		catch (RuntimeException | ExecutionException | TimeoutException ex) {
			LOG.debug("Cannot tell whether Spring Security protects " + request, ex);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			unobserved.end();
		}
	}

	/**
	 * Which chain let the request through: the first {@link SecurityWebFilterChain} bean
	 * that matches it, in the order the {@link WebFilterChainProxy} of Spring Security's
	 * configuration tries them.
	 */
	private static String whyChainLetsThrough(ApplicationContext context, String basePath, String path, String request)
			throws ExecutionException, TimeoutException, InterruptedException {
		List<SecurityWebFilterChain> chains = context.getBeanProvider(SecurityWebFilterChain.class)
			.orderedStream()
			.toList();
		for (SecurityWebFilterChain chain : chains) {
			if (Boolean.TRUE.equals(await(chain.matches(probe(context, basePath, path).exchange())))) {
				List<?> filters = await(chain.getWebFilters().collectList());
				boolean authorizes = filters != null
						&& filters.stream().anyMatch((filter) -> filter instanceof AuthorizationWebFilter);
				return authorizes
						? "the Spring Security filter chain that matches an anonymous " + request
								+ " lets it through (permitAll() or a rule like it)"
						: "the Spring Security filter chain that matches an anonymous " + request
								+ " has no authorization rules (no authorizeExchange)";
			}
		}
		return "none of the application's Spring Security filter chains matches an anonymous " + request;
	}

	private static PreviewServerExchange probe(ApplicationContext context, String basePath, String path) {
		return new PreviewServerExchange(HttpMethod.GET, HOST, basePath, path, context);
	}

	private static <T> T await(Mono<T> mono) throws ExecutionException, TimeoutException, InterruptedException {
		CompletableFuture<T> future = mono.toFuture();
		return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

}
