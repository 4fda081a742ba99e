package dev.hsts.autoconfigure;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.ServletContext;

import dev.hsts.core.Finding;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.WebApplicationContext;

/**
 * Where the {@code securityheaders} endpoint answers over HTTP, as the running
 * application serves it, and whether an anonymous client can read it there: the
 * {@code endpoint.unprotected} finding.
 *
 * <p>
 * Exposed over HTTP means Spring Boot mapped the endpoint to a web path (its exposure
 * include/exclude and access rules, as the actuator applied them). Protected means either
 * that the actuator has a port of its own bound to a loopback address
 * ({@code management.server.port} and {@code management.server.address}), or that the
 * application's Spring Security filter chains refuse an anonymous {@code GET} of the
 * endpoint (see {@link SpringSecurityProbe}). When that cannot be told, nothing is
 * reported.
 */
final class EndpointWebExposure implements EndpointExposure, ApplicationListener<ContextRefreshedEvent> {

	private static final String SECURITY = "org.springframework.security.web.FilterChainProxy";

	private final ApplicationContext context;

	private final Environment environment;

	private final Supplier<String> endpointPath;

	private final boolean separatePort;

	/** The servlet context of the actuator's own server, once it has started. */
	private volatile ServletContext managementServletContext;

	/**
	 * @param context the application context
	 * @param endpointPath the path Spring Boot maps the endpoint to (the actuator's base
	 * path and the endpoint's path, e.g. {@code /actuator/securityheaders}), or
	 * {@code null} when it is not exposed over HTTP
	 * @param separatePort whether the actuator has a server of its own
	 * ({@code management.server.port} differs from the application's)
	 */
	EndpointWebExposure(ApplicationContext context, Supplier<String> endpointPath, boolean separatePort) {
		this.context = context;
		this.environment = context.getEnvironment();
		this.endpointPath = endpointPath;
		this.separatePort = separatePort;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		// The actuator's own server runs in a child context of this one.
		if (event.getApplicationContext() instanceof WebApplicationContext child && child.getParent() == this.context) {
			this.managementServletContext = child.getServletContext();
		}
	}

	@Override
	public String location() {
		String path = this.endpointPath.get();
		if (path == null) {
			return null;
		}
		if (!this.separatePort) {
			return contextPath() + servletPath() + path;
		}
		String port = this.environment.getProperty("local.management.port",
				this.environment.getProperty("management.server.port", ""));
		return contextPath() + path + " on the management port " + port;
	}

	@Override
	public Optional<Finding> finding() {
		String path = this.endpointPath.get();
		if (path == null || (this.separatePort && EndpointExposure.managementOnLoopback(this.environment))) {
			return Optional.empty();
		}
		String why = whyAnonymousGetPasses(path);
		return (why != null) ? Optional.of(EndpointExposure.unprotected(location(), this.separatePort, why))
				: Optional.empty();
	}

	private String whyAnonymousGetPasses(String path) {
		if (!ClassUtils.isPresent(SECURITY, getClass().getClassLoader())) {
			return "the application has no Spring Security (spring-security-web is not on the class path)";
		}
		ServletContext servletContext = (this.separatePort) ? this.managementServletContext : null;
		if (servletContext == null && this.context instanceof WebApplicationContext web) {
			servletContext = web.getServletContext();
		}
		String servletPath = (this.separatePort) ? "" : servletPath();
		return SpringSecurityProbe.whyAnonymousGetPasses(this.context, servletContext, contextPath(), servletPath,
				path);
	}

	/**
	 * The context path of the server the endpoint answers on: the application's
	 * ({@code server.servlet.context-path}), or the actuator's own
	 * ({@code management.server.base-path}).
	 */
	private String contextPath() {
		return EndpointExposure.withoutTrailingSlash(this.environment
			.getProperty((this.separatePort) ? "management.server.base-path" : "server.servlet.context-path", ""));
	}

	/** The path of the DispatcherServlet ({@code spring.mvc.servlet.path}). */
	private String servletPath() {
		return EndpointExposure.withoutTrailingSlash(this.environment.getProperty("spring.mvc.servlet.path", ""));
	}

}
