package dev.hsts.servlet;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.annotation.SecurityHeadersPolicy;
import dev.hsts.core.PerRequestHeaderPolicy;
import dev.hsts.core.PolicyAdjustment;
import dev.hsts.core.PolicyRequest;
import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * An application with named policies chosen by path, by annotations on a controller class
 * and its methods, by functional route attributes and by a per-request hook; and an
 * interceptor of its own that answers a request with {@code X-Stop} itself, before the
 * handler runs.
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@Import({ PoliciesApplication.EmbedController.class, PoliciesApplication.PlainController.class })
public class PoliciesApplication {

	@Bean
	RouterFunction<ServerResponse> policyRoutes() {
		HandlerFunction<ServerResponse> ok = new Ok();
		return RouterFunctions.route()
			.GET("/fn/widget", ok)
			.withAttribute(SecurityHeadersPolicy.ROUTE_ATTRIBUTE, "embeddable")
			.GET("/fn/plain", new Ok())
			.build()
			.and(RouterFunctions.route()
				.GET("/fn/filtered", new Ok())
				.withAttribute(SecurityHeadersPolicy.ROUTE_ATTRIBUTE, "strict")
				.filter(new PassThrough())
				.build());
	}

	@Bean
	WebMvcConfigurer stoppingInterceptor() {
		return new StoppingInterceptor();
	}

	@Bean
	PerRequestHeaderPolicy partnerHook() {
		return new PartnerHook();
	}

	/**
	 * Partners get the embeddable policy wherever they go, with their own referrer rule.
	 */
	static final class PartnerHook implements PerRequestHeaderPolicy {

		@Override
		public void adjust(PolicyRequest request, PolicyAdjustment adjustment) {
			if ("partner".equals(request.header("X-Tenant"))) {
				adjustment.use("embeddable");
				adjustment.set("Referrer-Policy", "same-origin");
			}
			if ("echo".equals(request.header("X-Tenant"))) {
				// Tells what the hook was given, in a header it may set.
				adjustment.set("Permissions-Policy", "camera=(\"https://" + request.policyName() + "."
						+ request.method().toLowerCase() + "." + (request.handler() != null) + ".example\")");
			}
		}

	}

	/**
	 * Answers a request that has {@code X-Stop} with a 403 of its own and stops it there,
	 * as an application's authorization interceptor would (registered at the default
	 * order).
	 */
	static final class StoppingInterceptor implements WebMvcConfigurer, HandlerInterceptor {

		@Override
		public void addInterceptors(InterceptorRegistry registry) {
			registry.addInterceptor(this);
		}

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws IOException {
			if (request.getHeader("X-Stop") == null) {
				return true;
			}
			response.setStatus(403);
			response.getWriter().write("stopped");
			return false;
		}

	}

	static final class Ok implements HandlerFunction<ServerResponse> {

		@Override
		public ServerResponse handle(org.springframework.web.servlet.function.ServerRequest request) {
			return ServerResponse.ok().body("ok");
		}

	}

	static final class PassThrough
			implements org.springframework.web.servlet.function.HandlerFilterFunction<ServerResponse, ServerResponse> {

		@Override
		public ServerResponse filter(org.springframework.web.servlet.function.ServerRequest request,
				HandlerFunction<ServerResponse> next) throws Exception {
			return next.handle(request);
		}

	}

	@RestController
	@SecurityHeadersPolicy("embeddable")
	static class EmbedController {

		@GetMapping("/embed/class")
		String byClass() {
			return "class";
		}

		@GetMapping("/embed/method")
		@SecurityHeadersPolicy("strict")
		String byMethod() {
			return "method";
		}

		@GetMapping("/embed/inline")
		@SecurityHeadersPolicy(frameOptions = "SAMEORIGIN")
		String inline() {
			return "inline";
		}

		@GetMapping("/embed/fail")
		String fail() {
			throw new IllegalStateException("fails");
		}

		@GetMapping("/embed/send-error")
		void sendError(HttpServletResponse response) throws IOException {
			response.sendError(503);
		}

		@GetMapping("/embed/page")
		View page() {
			return new HeadersEndpoints.NonceTemplateView(
					"<!doctype html><script nonce=\"${cspNonce}\">console.log('embedded')</script>");
		}

	}

	@RestController
	static class PlainController {

		@GetMapping({ "/plain", "/paths/x", "/paths/inner/x", "/docs/x" })
		String plain() {
			return "plain";
		}

		@GetMapping("/paths/annotated")
		@SecurityHeadersPolicy("strict")
		String annotatedOnAPolicyPath() {
			return "annotated";
		}

		@GetMapping("/paths/own-frame-options")
		@SecurityHeadersPolicy("strict")
		String ownFrameOptions(HttpServletResponse response) {
			response.setHeader("X-Frame-Options", "SAMEORIGIN");
			response.setHeader("Content-Security-Policy", "default-src 'self' own.example");
			return "own";
		}

	}

}
