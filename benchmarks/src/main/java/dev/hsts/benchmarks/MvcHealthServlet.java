package dev.hsts.benchmarks;

import java.util.Map;

import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * {@code GET /v1/health} as sample-app answers it: Spring MVC's {@link DispatcherServlet}
 * with a {@code @RestController} whose map Jackson writes through the response the
 * filters hand on (the starter's wrapper, where it is there).
 */
final class MvcHealthServlet {

	private MvcHealthServlet() {
	}

	/**
	 * A dispatcher servlet, initialised, in a context of its own.
	 * @return the servlet
	 */
	static DispatcherServlet create() throws Exception {
		MockServletContext servletContext = new MockServletContext();
		AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
		context.register(HealthController.class);
		context.setServletContext(servletContext);
		context.refresh();
		DispatcherServlet servlet = new DispatcherServlet(context);
		servlet.init(new MockServletConfig(servletContext));
		return servlet;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@RestController
	static class HealthController {

		@GetMapping("/v1/health")
		Map<String, String> health() {
			return Map.of("status", "UP");
		}

	}

}
