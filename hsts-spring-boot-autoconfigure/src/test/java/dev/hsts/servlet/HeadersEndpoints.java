package dev.hsts.servlet;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.View;

/**
 * Endpoints for the header tests: responses of every status, the application setting a
 * header itself in each way it can, its own Cache-Control, and a page rendered with the
 * CSP nonce. Imported by the test applications with and without Spring Security.
 */
@Import({ HeadersEndpoints.Api.class, HeadersEndpoints.Pages.class })
public class HeadersEndpoints {

	/**
	 * A response of each kind the endpoints give without authentication: method, path,
	 * request headers, status, and the Cache-Control it gets with the default
	 * configuration ({@code null}: none).
	 * @return the arguments of a parameterized test
	 */
	public static Stream<Arguments> responseKinds() {
		String[] none = new String[0];
		return Stream.of(Arguments.of("GET", "/catalog", none, 200, CATALOG_CACHE_CONTROL),
				Arguments.of("GET", "/etag", new String[] { "If-None-Match", "\"v1\"" }, 304, null),
				Arguments.of("GET", "/missing", none, 404, "no-store"),
				Arguments.of("GET", "/fail", none, 500, "no-store"),
				Arguments.of("GET", "/status/418", none, 418, "no-store"),
				Arguments.of("GET", "/send-error", none, 403, "no-store"),
				Arguments.of("GET", "/send-redirect", none, 302, "no-store"),
				Arguments.of("GET", "/flush-early", none, 200, "no-store"),
				Arguments.of("GET", "/deferred-cached", none, 200, CATALOG_CACHE_CONTROL),
				Arguments.of("GET", "/static.txt", none, 200, "no-store"));
	}

	/** What {@code /catalog} sets. */
	public static final String CATALOG_CACHE_CONTROL = "max-age=60, public";

	/** What the error page of {@code /send-error-cached} adds. */
	public static final String ERROR_PAGE_CACHE_CONTROL = "max-age=5";

	/**
	 * An error page that adds a Cache-Control of its own (with addHeader, as Spring's
	 * message converters do) for {@code /send-error-cached}: it runs on the error
	 * dispatch, after the starter wrote its default when the application sent the error.
	 */
	@Bean
	FilterRegistrationBean<Filter> errorPageCacheControl() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			if ("/send-error-cached".equals(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))) {
				((HttpServletResponse) response).addHeader("Cache-Control", ERROR_PAGE_CACHE_CONTROL);
			}
			chain.doFilter(request, response);
		});
		registration.setDispatcherTypes(DispatcherType.ERROR);
		registration.setOrder(0);
		return registration;
	}

	@RestController
	static class Api {

		@RequestMapping({ "/ok", "/public/ok", "/admin/ok" })
		String ok() {
			return "ok";
		}

		/**
		 * Sets {@code name: value} itself: {@code mode} is set (setHeader), add
		 * (addHeader) or entity.
		 */
		@GetMapping("/own")
		ResponseEntity<String> own(@RequestParam String name, @RequestParam String value, @RequestParam String mode,
				HttpServletResponse response) {
			switch (mode) {
				case "set" -> response.setHeader(name, value);
				case "add" -> response.addHeader(name, value);
				case "entity" -> {
					return ResponseEntity.ok().header(name, value).body("own");
				}
				default -> throw new IllegalArgumentException(mode);
			}
			return ResponseEntity.ok("own");
		}

		@GetMapping("/catalog")
		ResponseEntity<String> catalog() {
			return ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
				.body("[\"catalog\"]");
		}

		@GetMapping("/etag")
		ResponseEntity<String> etag() {
			return ResponseEntity.ok().eTag("\"v1\"").body("tagged");
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("controller failed");
		}

		@GetMapping("/status/{code}")
		String status(@PathVariable int code) {
			throw new ResponseStatusException(HttpStatus.valueOf(code));
		}

		@GetMapping("/send-error")
		void sendError(HttpServletResponse response) throws IOException {
			response.sendError(403, "forbidden");
		}

		@GetMapping("/send-error-cached")
		void sendErrorCached(HttpServletResponse response) throws IOException {
			response.sendError(404);
		}

		@GetMapping("/cached-then-error")
		void cachedThenError(HttpServletResponse response) throws IOException {
			response.setHeader("Cache-Control", "max-age=7");
			response.sendError(409);
		}

		@GetMapping("/send-redirect")
		void sendRedirect(HttpServletResponse response) throws IOException {
			response.sendRedirect("/ok");
		}

		@GetMapping("/flush-early")
		void flushEarly(HttpServletResponse response) throws IOException {
			response.getWriter().write("committed early");
			response.flushBuffer();
		}

		@GetMapping("/deferred-cached")
		DeferredResult<ResponseEntity<String>> deferredCached() {
			DeferredResult<ResponseEntity<String>> result = new DeferredResult<>(10_000L);
			CompletableFuture.runAsync(() -> result.setResult(ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
				.body("deferred")));
			return result;
		}

	}

	@Controller
	static class Pages {

		/**
		 * A page rendered by a (minimal) template engine that reads the request
		 * attribute, as Thymeleaf would.
		 */
		@GetMapping({ "/page", "/docs/ui", "/plain/page" })
		View page() {
			return new NonceTemplateView("<!doctype html><title>page</title>"
					+ "<script nonce=\"${cspNonce}\">console.log('hello')</script>");
		}

	}

	/**
	 * Renders a template, replacing {@code ${cspNonce}} with the request attribute of
	 * that name.
	 */
	static final class NonceTemplateView implements View {

		private final String template;

		NonceTemplateView(String template) {
			this.template = template;
		}

		@Override
		public String getContentType() {
			return "text/html;charset=UTF-8";
		}

		@Override
		public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
				throws IOException {
			response.setContentType(getContentType());
			response.getWriter()
				.write(this.template.replace("${cspNonce}",
						String.valueOf(request.getAttribute(CspHeaderWriter.NONCE_ATTRIBUTE))));
		}

	}

}
