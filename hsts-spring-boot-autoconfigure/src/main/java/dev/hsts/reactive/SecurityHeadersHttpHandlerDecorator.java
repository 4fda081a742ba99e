package dev.hsts.reactive;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Hands WebFlux the server's response in a decorator on which
 * {@link SecurityHeadersWebFilter} runs its commit pass when the response is about to
 * commit, instead of as a {@code beforeCommit} action (which costs a Spring response its
 * fast commit path). Spring's {@code WebHttpHandlerBuilder} applies every
 * {@link HttpHandlerDecoratorFactory} bean, so an application built from its context
 * (Spring Boot's, or a test's {@code WebTestClient} bound to it) has it. Without it the
 * filter registers its pass with {@code beforeCommit}, with the same result.
 *
 * <p>
 * First in order, so its decorator is the one nearest the server's response: the pass
 * runs after what other decorators do when a body is handed over, as a
 * {@code beforeCommit} action would.
 */
public class SecurityHeadersHttpHandlerDecorator implements HttpHandlerDecoratorFactory, Ordered {

	@Override
	public HttpHandler apply(HttpHandler handler) {
		return new Decorated(handler);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/** A class, not a lambda: it is made while the context starts (issue 21). */
	private static final class Decorated implements HttpHandler {

		private final HttpHandler handler;

		Decorated(HttpHandler handler) {
			this.handler = handler;
		}

		@Override
		public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
			return this.handler.handle(request, CommitPassResponse.of(response));
		}

	}

}
