package dev.hsts.reactive;

import java.util.List;

import dev.hsts.annotation.SecurityHeadersPolicy;
import dev.hsts.core.PerRequestHeaderPolicy;
import dev.hsts.core.PolicyAdjustment;
import dev.hsts.core.PolicyRequest;
import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * A WebFlux application whose handlers choose named policies in every way a WebFlux
 * application can: by path, by an annotation on the controller class or the handler
 * method, inline on a method, by a functional route's attribute (on a plain router and on
 * one built with a filter and a nest), and by the per-request hook; with errors handled
 * by Boot's error handler and by an {@code @ExceptionHandler}, and handlers that set a
 * managed header themselves. The properties are {@link #PROPERTIES}.
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@Import({ ReactivePoliciesApplication.Plain.class, ReactivePoliciesApplication.Payment.class,
		ReactivePoliciesApplication.ClassOnPath.class, ReactivePoliciesApplication.Routes.class })
public class ReactivePoliciesApplication {

	/** The CSP every response without a policy of its own gets. */
	static final String DEFAULT_CSP = "default-src 'self'";

	static final String EMBEDDABLE_CSP = "frame-ancestors 'self' https://partner.example";

	/** The payment policy's CSP, with a nonce. */
	static final String PAYMENT_CSP = "default-src 'none'; script-src 'nonce-{nonce}'";

	static final String PUBLIC_CACHE_CONTROL = "max-age=600, public";

	/** The request header the hook reads to choose a policy. */
	static final String USE_POLICY = "X-Test-Use-Policy";

	static final List<String> PROPERTIES = List.of("security.headers.content-security-policy.policy=" + DEFAULT_CSP,
			// embeddable: by path; referrer-policy and the rest inherited.
			"security.headers.policies.embeddable.paths=/embed/**",
			"security.headers.policies.embeddable.frame-options=SAMEORIGIN",
			"security.headers.policies.embeddable.content-security-policy.policy=" + EMBEDDABLE_CSP,
			// payment: by annotation only, a nonce in its CSP.
			"security.headers.policies.payment.content-security-policy.policy=" + PAYMENT_CSP,
			"security.headers.policies.payment.referrer-policy=same-origin",
			// public-page: cacheable, no X-Frame-Options, no HSTS.
			"security.headers.policies.public-page.cache-control.value=" + PUBLIC_CACHE_CONTROL,
			"security.headers.policies.public-page.frame-options=disabled",
			"security.headers.policies.public-page.hsts.enabled=false",
			// download: by path too, no nosniff.
			"security.headers.policies.download.paths=/files/**",
			"security.headers.policies.download.content-type-options=disabled",
			"logging.level.org.springframework.web.server.adapter=OFF",
			"logging.level.org.springframework.boot.autoconfigure.web.reactive.error=OFF",
			"logging.level.org.springframework.boot.webflux.autoconfigure.error=OFF",
			"logging.level.reactor.netty=OFF");

	/**
	 * The hook: a request with {@value #USE_POLICY} gets that policy; {@code /hook/set}
	 * gets its own Referrer-Policy, {@code /hook/omit} no X-Frame-Options;
	 * {@code /hook/echo} says in a header what the hook was told.
	 */
	@Bean
	PerRequestHeaderPolicy testHeaderPolicy() {
		return new TestHook();
	}

	static final class TestHook implements PerRequestHeaderPolicy {

		@Override
		public void adjust(PolicyRequest request, PolicyAdjustment adjustment) {
			String use = request.header(USE_POLICY);
			if (use != null) {
				adjustment.use(use);
			}
			if (request.path().equals("/hook/set")) {
				adjustment.set("Referrer-Policy", "origin");
			}
			if (request.path().equals("/hook/omit")) {
				adjustment.omit("X-Frame-Options");
			}
			if (request.path().startsWith("/hook/echo")) {
				// What the hook saw, sent back in a header the starter manages.
				adjustment.set("Permissions-Policy",
						"camera=(), x-policy=(\"" + request.policyName() + "\"), x-handler=(\""
								+ (request.handler() != null) + "\"), x-secure=(\"" + request.secure() + "\")");
			}
		}

	}

	/** Answered by an {@code @ExceptionHandler}. */
	static class UnprocessableException extends RuntimeException {

		UnprocessableException() {
			super("unprocessable");
		}

	}

	/** Handlers without a class annotation. */
	@RestController
	static class Plain {

		@GetMapping("/plain")
		String plain() {
			return "plain";
		}

		@GetMapping("/embed/plain")
		String embedPlain() {
			return "embed";
		}

		/** Method annotation above the path policy. */
		@GetMapping("/embed/method")
		@SecurityHeadersPolicy("public-page")
		String embedMethod() {
			return "public";
		}

		@GetMapping("/files/report")
		String file() {
			return "file";
		}

		/** An inline override, no named policy. */
		@GetMapping("/inline")
		@SecurityHeadersPolicy(frameOptions = "SAMEORIGIN")
		String inline() {
			return "inline";
		}

		/** A named policy with an inline override on top. */
		@GetMapping("/named-inline")
		@SecurityHeadersPolicy(value = "embeddable", contentSecurityPolicy = "frame-ancestors https://other.example")
		String namedInline() {
			return "named inline";
		}

		/** The public-page policy sends no X-Frame-Options; this handler sets its own. */
		@GetMapping("/own-frame")
		@SecurityHeadersPolicy("public-page")
		String ownFrame(ServerWebExchange exchange) {
			exchange.getResponse().getHeaders().set("X-Frame-Options", "SAMEORIGIN");
			return "own";
		}

		/** Conditional: a 304 gets no Cache-Control, whatever the policy. */
		@GetMapping("/public/etag")
		@SecurityHeadersPolicy("public-page")
		ResponseEntity<String> etag() {
			return ResponseEntity.ok().eTag("\"p1\"").body("tagged");
		}

		@GetMapping("/hook/set")
		String hookSet() {
			return "hook";
		}

		@GetMapping("/hook/omit")
		String hookOmit() {
			return "hook";
		}

		@GetMapping("/hook/echo")
		@SecurityHeadersPolicy("public-page")
		String hookEcho() {
			return "hook";
		}

	}

	/** A class annotation, with a method that names another policy. */
	@RestController
	@RequestMapping("/pay")
	@SecurityHeadersPolicy("payment")
	static class Payment {

		/** The nonce the page's scripts would carry: the exchange attribute. */
		@GetMapping("/checkout")
		String checkout(ServerWebExchange exchange) {
			return String.valueOf((Object) exchange.getAttribute(CspExchangeWriter.NONCE_ATTRIBUTE));
		}

		@GetMapping("/widget")
		@SecurityHeadersPolicy("embeddable")
		String widget() {
			return "widget";
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("payment failed");
		}

		@GetMapping("/error-signal")
		Mono<String> errorSignal() {
			return Mono.error(new IllegalStateException("payment failed"));
		}

		@GetMapping("/handled")
		String handled() {
			throw new UnprocessableException();
		}

		@ExceptionHandler(UnprocessableException.class)
		ResponseEntity<String> unprocessable(UnprocessableException ex) {
			return ResponseEntity.unprocessableEntity().body("handled by @ExceptionHandler");
		}

		/** Sets its own Referrer-Policy: it wins over the policy's. */
		@GetMapping("/own-referrer")
		String ownReferrer(ServerWebExchange exchange) {
			exchange.getResponse().getHeaders().set("Referrer-Policy", "origin");
			return "own";
		}

	}

	/** A class annotation on a controller under a path policy's paths. */
	@RestController
	@RequestMapping("/embed/classy")
	@SecurityHeadersPolicy("download")
	static class ClassOnPath {

		@GetMapping
		String classy() {
			return "classy";
		}

	}

	/** The functional routes. */
	static class Routes {

		/** A plain router: attributes on single routes. */
		@Bean
		RouterFunction<ServerResponse> policyRoutes() {
			return RouterFunctions.route()
				.GET("/fn/embed", new Text("fn embed"))
				.withAttribute(SecurityHeadersPolicy.ROUTE_ATTRIBUTE, "embeddable")
				.GET("/fn/plain", new Text("fn plain"))
				.GET("/fn/fail", new Fail())
				.withAttribute(SecurityHeadersPolicy.ROUTE_ATTRIBUTE, "payment")
				.GET("/fn/nonce", new Nonce())
				.withAttribute(SecurityHeadersPolicy.ROUTE_ATTRIBUTE, "payment")
				.build();
		}

		/**
		 * A router built with a filter (its routes map to a wrapper of their handler
		 * function) and a nest whose attribute its routes inherit, one of them naming
		 * another; one handler function serves two routes with different policies.
		 */
		@Bean
		RouterFunction<ServerResponse> filteredRoutes() {
			Text shared = new Text("shared");
			return RouterFunctions.route()
				.path("/fnf", new Nest(shared))
				.withAttribute(SecurityHeadersPolicy.ROUTE_ATTRIBUTE, "embeddable")
				.GET("/fns/public", shared)
				.withAttribute(SecurityHeadersPolicy.ROUTE_ATTRIBUTE, "public-page")
				.filter(new Tagging())
				.build();
		}

	}

	static final class Nest implements java.util.function.Consumer<RouterFunctions.Builder> {

		private final Text shared;

		Nest(Text shared) {
			this.shared = shared;
		}

		@Override
		public void accept(RouterFunctions.Builder builder) {
			builder.GET("/widget", new Text("fnf widget"))
				.GET("/shared", this.shared)
				.GET("/download", new Text("fnf download"))
				.withAttribute(SecurityHeadersPolicy.ROUTE_ATTRIBUTE, "download");
		}

	}

	static final class Text implements HandlerFunction<ServerResponse> {

		private final String text;

		Text(String text) {
			this.text = text;
		}

		@Override
		public Mono<ServerResponse> handle(ServerRequest request) {
			return ServerResponse.ok().bodyValue(this.text);
		}

	}

	static final class Fail implements HandlerFunction<ServerResponse> {

		@Override
		public Mono<ServerResponse> handle(ServerRequest request) {
			return Mono.error(new IllegalStateException("route failed"));
		}

	}

	static final class Nonce implements HandlerFunction<ServerResponse> {

		@Override
		public Mono<ServerResponse> handle(ServerRequest request) {
			return ServerResponse.ok()
				.bodyValue(String.valueOf(request.attribute(CspExchangeWriter.NONCE_ATTRIBUTE).orElse(null)));
		}

	}

	static final class Tagging implements
			org.springframework.web.reactive.function.server.HandlerFilterFunction<ServerResponse, ServerResponse> {

		@Override
		public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
			return next.handle(request);
		}

	}

}
