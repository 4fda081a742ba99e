package dev.hsts.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * An application with one endpoint per kind of response a real application produces, for
 * the tests that check the header is on every one of them.
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@Import({ ResponseKindsApplication.Endpoints.class, ResponseKindsApplication.Views.class })
public class ResponseKindsApplication {

	static final String HSTS = "Strict-Transport-Security";

	/**
	 * A filter after ours that throws for one path, as a broken application filter would.
	 */
	@Bean
	FilterRegistrationBean<Filter> throwingFilter() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			if (((HttpServletRequest) request).getRequestURI().equals("/filter-fail")) {
				throw new ServletException("filter failed");
			}
			chain.doFilter(request, response);
		});
		registration.setOrder(0);
		return registration;
	}

	/**
	 * What the request attributes held when the filters returned, by path: before the
	 * starter's filter, whether the response was committed and the starter's provisional
	 * values (request attributes), which an error dispatch reads.
	 */
	static final Map<String, String> AFTER_CHAIN = new ConcurrentHashMap<>();

	/** A filter before the starter's that records {@link #AFTER_CHAIN}. */
	@Bean
	FilterRegistrationBean<Filter> afterChainRecorder() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			boolean committedInside = false;
			try {
				chain.doFilter(request, response);
				committedInside = response.isCommitted();
			}
			finally {
				List<String> provisional = new ArrayList<>();
				for (String name : Collections.list(request.getAttributeNames())) {
					if (name.startsWith(HeaderWriters.class.getName() + ".provisional.")) {
						provisional.add(name.substring(name.lastIndexOf('.') + 1) + "=" + request.getAttribute(name));
					}
				}
				AFTER_CHAIN.put(((HttpServletRequest) request).getRequestURI(),
						"committed=" + committedInside + " provisional=" + provisional);
			}
		});
		registration.setOrder(SecurityHeadersFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	@RestController
	static class Endpoints {

		/**
		 * A body of unknown length, written without a flush: the response is still
		 * uncommitted when the chain returns (on every Tomcat line; a converter's body
		 * may be flushed or sized).
		 */
		@GetMapping("/unsized")
		void unsized(HttpServletResponse response) throws IOException {
			response.setContentType("text/plain");
			response.getWriter().write("unsized");
		}

		@RequestMapping("/ok")
		String ok() {
			return "ok";
		}

		@GetMapping("/send-redirect")
		void sendRedirect(HttpServletResponse response) throws IOException {
			response.sendRedirect("/ok");
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

		@GetMapping("/deferred")
		DeferredResult<String> deferred() {
			DeferredResult<String> result = new DeferredResult<>(10_000L);
			CompletableFuture.runAsync(() -> result.setResult("deferred"));
			return result;
		}

		@GetMapping("/deferred-error")
		DeferredResult<String> deferredError() {
			DeferredResult<String> result = new DeferredResult<>(10_000L);
			CompletableFuture.runAsync(() -> result.setErrorResult(new IllegalStateException("async failed")));
			return result;
		}

		@GetMapping("/callable")
		Callable<String> callable() {
			return () -> "callable";
		}

		@GetMapping("/stream")
		StreamingResponseBody stream() {
			return (out) -> {
				for (int i = 0; i < 100; i++) {
					out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
					out.flush();
				}
			};
		}

		@GetMapping("/sse")
		SseEmitter sse() {
			SseEmitter emitter = new SseEmitter(10_000L);
			CompletableFuture.runAsync(() -> {
				try {
					emitter.send("event");
					emitter.complete();
				}
				catch (IOException ex) {
					emitter.completeWithError(ex);
				}
			});
			return emitter;
		}

		@GetMapping("/reset")
		void reset(HttpServletResponse response) throws IOException {
			response.setHeader("X-Before-Reset", "yes");
			response.getWriter().write("discarded");
			response.reset();
			response.setContentType("text/plain");
			response.getWriter().write("after reset");
		}

		@GetMapping("/reset-flush")
		void resetFlush(HttpServletResponse response) throws IOException {
			response.getWriter().write("discarded");
			response.reset();
			response.getWriter().write("after reset, flushed");
			response.flushBuffer();
		}

		@GetMapping("/flush-early")
		void flushEarly(HttpServletResponse response) throws IOException {
			response.getWriter().write("committed early");
			response.flushBuffer();
			response.getWriter().write(" and more");
		}

		@GetMapping("/big")
		String big() {
			return "x".repeat(200_000);
		}

		/**
		 * A body written through the response's writer in small pieces, whose characters
		 * take two bytes each: 10 000 characters, 20 000 bytes, over Tomcat's 8 KiB
		 * buffer.
		 */
		@GetMapping("/big-multibyte")
		void bigMultibyte(HttpServletResponse response) throws IOException {
			response.setContentType("text/plain;charset=UTF-8");
			for (int i = 0; i < 20; i++) {
				response.getWriter().write("\u00e9".repeat(500));
			}
		}

		@GetMapping("/own-hsts-set")
		String ownHstsSet(HttpServletResponse response) {
			response.setHeader(HSTS, "max-age=5");
			return "own";
		}

		@GetMapping("/own-hsts-added")
		String ownHstsAdded(HttpServletResponse response) {
			response.addHeader(HSTS, "max-age=6");
			return "own";
		}

		@GetMapping("/own-hsts-entity")
		ResponseEntity<String> ownHstsEntity() {
			return ResponseEntity.ok().header(HSTS, "max-age=7").body("own");
		}

	}

	@Controller
	static class Views {

		@GetMapping("/redirect-view")
		String redirectView() {
			return "redirect:/ok";
		}

		@GetMapping("/forward")
		String forward() {
			return "forward:/ok";
		}

		@GetMapping(path = "/html-error", produces = "text/html")
		@ResponseBody
		String htmlError() {
			throw new IllegalStateException("html page failed");
		}

	}

}
