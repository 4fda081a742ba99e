package dev.hsts.reactive;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.ViewResolverRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.RedirectView;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.reactive.result.view.UrlBasedViewResolver;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;

/**
 * A WebFlux application with one endpoint per kind of response a real reactive
 * application produces (annotated controllers and a functional router; handler results,
 * errors handled in each way WebFlux offers, redirects, static resources, streams,
 * responses committed early, the application's own header values), for the tests that
 * check the headers are on every one of them. The reactive counterpart of
 * {@code dev.hsts.servlet.ResponseKindsApplication}.
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@Import({ ReactiveResponseKindsApplication.Endpoints.class, ReactiveResponseKindsApplication.Views.class })
public class ReactiveResponseKindsApplication {

	static final String HSTS = "Strict-Transport-Security";

	/** What {@code /catalog} sets. */
	static final String CATALOG_CACHE_CONTROL = "max-age=60, public";

	/** The functional endpoints. */
	@Bean
	RouterFunction<ServerResponse> functionalRoutes() {
		return RouterFunctions.route()
			.GET("/fn/ok", (request) -> ServerResponse.ok().bodyValue("fn ok"))
			.GET("/fn/status/{code}",
					(request) -> ServerResponse.status(Integer.parseInt(request.pathVariable("code"))).build())
			.GET("/fn/fail", (request) -> {
				throw new IllegalStateException("handler function failed");
			})
			.GET("/fn/error-signal", (request) -> Mono.error(new IllegalStateException("handler function failed")))
			.GET("/fn/not-found",
					(request) -> Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no such thing")))
			.GET("/fn/redirect", (request) -> ServerResponse.temporaryRedirect(URI.create("/ok")).build())
			.GET("/fn/etag",
					(request) -> request.checkNotModified("\"fn1\"")
						.switchIfEmpty(Mono.defer(() -> ServerResponse.ok().eTag("\"fn1\"").bodyValue("tagged"))))
			.GET("/fn/catalog",
					(request) -> ServerResponse.ok()
						.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
						.bodyValue("[\"catalog\"]"))
			.GET("/fn/own-hsts", (request) -> ServerResponse.ok().header(HSTS, "max-age=8").bodyValue("own"))
			.GET("/fn/sse",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.TEXT_EVENT_STREAM)
						.body(Flux.range(0, 3).map((i) -> ServerSentEvent.builder("event " + i).build()),
								ServerSentEvent.class))
			.build();
	}

	/**
	 * Boot's error handling runs at order -1; this one runs before it and answers
	 * {@link ConflictException} itself, writing the body directly.
	 */
	@Bean
	WebExceptionHandler conflictExceptionHandler() {
		return new ConflictExceptionHandler();
	}

	/**
	 * An application filter after the starter's: answers {@code /filter-answers} itself
	 * (204, completed before the chain), and fails {@code /filter-fail}.
	 */
	@Bean
	WebFilter applicationFilter() {
		return new ApplicationFilter();
	}

	/** Resolves {@code redirect:} view names (no template engine here). */
	@Bean
	WebFluxConfigurer redirectViewNames() {
		return new WebFluxConfigurer() {

			@Override
			public void configureViewResolvers(ViewResolverRegistry registry) {
				UrlBasedViewResolver resolver = new UrlBasedViewResolver();
				// Only redirect: names are used; a resolver needs some view class.
				resolver.setViewClass(RedirectView.class);
				registry.viewResolver(resolver);
			}

		};
	}

	static DataBuffer text(ServerHttpResponse response, String text) {
		return response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	/** Answered by {@link ConflictExceptionHandler}. */
	static class ConflictException extends RuntimeException {

		ConflictException() {
			super("conflict");
		}

	}

	/** Answered by an {@code @ExceptionHandler}. */
	static class UnprocessableException extends RuntimeException {

		UnprocessableException() {
			super("unprocessable");
		}

	}

	static final class ConflictExceptionHandler implements WebExceptionHandler, Ordered {

		@Override
		public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
			if (!(ex instanceof ConflictException)) {
				return Mono.error(ex);
			}
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(HttpStatus.CONFLICT);
			response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
			return response.writeWith(Mono.just(text(response, "handled by the application")));
		}

		@Override
		public int getOrder() {
			return -2;
		}

	}

	static final class ApplicationFilter implements WebFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, org.springframework.web.server.WebFilterChain chain) {
			String path = exchange.getRequest().getPath().pathWithinApplication().value();
			if (path.equals("/filter-answers")) {
				exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
				return exchange.getResponse().setComplete();
			}
			if (path.equals("/filter-fail")) {
				return Mono.error(new IllegalStateException("filter failed"));
			}
			return chain.filter(exchange);
		}

		@Override
		public int getOrder() {
			return 0;
		}

	}

	@RestController
	static class Endpoints {

		@RequestMapping("/ok")
		Mono<String> ok() {
			return Mono.just("ok");
		}

		@GetMapping("/plain-string")
		String plainString() {
			return "plain";
		}

		@GetMapping("/flux")
		Flux<String> flux() {
			return Flux.just("a", "b", "c");
		}

		@GetMapping("/entity")
		Mono<ResponseEntity<String>> entity() {
			return Mono.just(ResponseEntity.ok().header("X-Entity", "yes").body("entity"));
		}

		@GetMapping("/async")
		Mono<String> async() {
			return Mono.fromCallable(() -> "async").subscribeOn(Schedulers.boundedElastic());
		}

		@GetMapping("/empty")
		Mono<Void> empty() {
			return Mono.empty();
		}

		/** Completes the response itself, before any body. */
		@GetMapping("/set-complete")
		Mono<Void> setComplete(ServerWebExchange exchange) {
			exchange.getResponse().setStatusCode(HttpStatus.ACCEPTED);
			return exchange.getResponse().setComplete();
		}

		/** Writes the body itself, then fails: the response is committed already. */
		@GetMapping("/write-then-error")
		Mono<Void> writeThenError(ServerWebExchange exchange) {
			ServerHttpResponse response = exchange.getResponse();
			return response.writeWith(Mono.just(text(response, "committed early")))
				.then(Mono.error(new IllegalStateException("failed after the commit")));
		}

		/**
		 * A body that fails before its first item: the response has not committed when
		 * the error handling answers.
		 */
		@GetMapping("/flux-fails-first")
		Flux<String> fluxFailsFirst() {
			return Flux.error(new IllegalStateException("failed before the first item"));
		}

		/** Writes and flushes the body in pieces. */
		@GetMapping("/flush-early")
		Mono<Void> flushEarly(ServerWebExchange exchange) {
			ServerHttpResponse response = exchange.getResponse();
			response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
			return response.writeAndFlushWith(
					Flux.just(Mono.just(text(response, "committed early")), Mono.just(text(response, " and more"))));
		}

		@GetMapping("/redirect-entity")
		ResponseEntity<Void> redirectEntity() {
			return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/ok")).build();
		}

		@GetMapping("/etag")
		ResponseEntity<String> etag() {
			return ResponseEntity.ok().eTag("\"v1\"").body("tagged");
		}

		@GetMapping("/catalog")
		ResponseEntity<String> catalog() {
			return ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
				.body("[\"catalog\"]");
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("controller failed");
		}

		@GetMapping("/mono-error")
		Mono<String> monoError() {
			return Mono.error(new IllegalStateException("controller failed"));
		}

		@GetMapping("/status/{code}")
		String status(@PathVariable int code) {
			throw new ResponseStatusException(HttpStatus.valueOf(code));
		}

		@GetMapping("/custom-handled")
		Mono<String> customHandled() {
			return Mono.error(new ConflictException());
		}

		@GetMapping("/exception-handler")
		String exceptionHandler() {
			throw new UnprocessableException();
		}

		@ExceptionHandler(UnprocessableException.class)
		ResponseEntity<String> unprocessable(UnprocessableException ex) {
			return ResponseEntity.unprocessableEntity().body("handled by @ExceptionHandler");
		}

		@GetMapping(path = "/sse", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		Flux<ServerSentEvent<String>> sse() {
			return Flux.range(0, 3).map((i) -> ServerSentEvent.builder("event " + i).id(String.valueOf(i)).build());
		}

		@GetMapping(path = "/stream", produces = MediaType.APPLICATION_NDJSON_VALUE)
		Flux<String> stream() {
			return Flux.range(0, 100).map((i) -> "line " + i);
		}

		@GetMapping("/stream-buffers")
		Flux<DataBuffer> streamBuffers(ServerWebExchange exchange) {
			ServerHttpResponse response = exchange.getResponse();
			response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
			return Flux.range(0, 100).map((i) -> text(response, "line " + i + "\n"));
		}

		@GetMapping("/big")
		String big() {
			return "x".repeat(200_000);
		}

		/** The native request's class: tells which server answered. */
		@GetMapping("/server")
		String server(ServerWebExchange exchange) {
			return ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()).getClass().getName();
		}

		/**
		 * Sets {@code name: value} itself: {@code mode} is set (on the response headers),
		 * add, or entity (a ResponseEntity header).
		 */
		@GetMapping("/own")
		ResponseEntity<String> own(@RequestParam String name, @RequestParam String value, @RequestParam String mode,
				ServerWebExchange exchange) {
			switch (mode) {
				case "set" -> exchange.getResponse().getHeaders().set(name, value);
				case "add" -> exchange.getResponse().getHeaders().add(name, value);
				case "entity" -> {
					return ResponseEntity.ok().header(name, value).body("own");
				}
				default -> throw new IllegalArgumentException(mode);
			}
			return ResponseEntity.ok("own");
		}

		@GetMapping("/own-hsts-set")
		String ownHstsSet(ServerWebExchange exchange) {
			exchange.getResponse().getHeaders().set(HSTS, "max-age=5");
			return "own";
		}

		@GetMapping("/own-hsts-added")
		String ownHstsAdded(ServerWebExchange exchange) {
			exchange.getResponse().getHeaders().add(HSTS, "max-age=6");
			return "own";
		}

		@GetMapping("/own-hsts-entity")
		ResponseEntity<String> ownHstsEntity() {
			return ResponseEntity.ok().header(HSTS, "max-age=7").body("own");
		}

		/**
		 * Sets its value just before the commit, as another header-writing filter would.
		 */
		@GetMapping("/own-hsts-before-commit")
		String ownHstsBeforeCommit(ServerWebExchange exchange) {
			ServerHttpResponse response = exchange.getResponse();
			response.beforeCommit(() -> Mono.fromRunnable(() -> response.getHeaders().set(HSTS, "max-age=9")));
			return "own";
		}

		/** Sets the starter's HSTS value itself: it must still go out once. */
		@GetMapping("/own-hsts-same-value")
		String ownHstsSameValue(ServerWebExchange exchange) {
			exchange.getResponse().getHeaders().add(HSTS, "max-age=300");
			return "own";
		}

	}

	@Controller
	static class Views {

		@GetMapping("/redirect-view")
		String redirectView() {
			return "redirect:/ok";
		}

		@GetMapping("/rendering-redirect")
		Rendering renderingRedirect() {
			return Rendering.redirectTo("/ok").status(HttpStatus.FOUND).build();
		}

	}

}
