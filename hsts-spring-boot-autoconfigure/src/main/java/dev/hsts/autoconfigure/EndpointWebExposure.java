package dev.hsts.autoconfigure;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.ServletContext;

import dev.hsts.core.Finding;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
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
final class EndpointWebExposure implements ApplicationListener<ContextRefreshedEvent> {

	/** The code of the finding that anyone can read the endpoint. */
	static final String UNPROTECTED = "endpoint.unprotected";

	static final String EXPOSURE_PROPERTY = "management.endpoints.web.exposure.include";

	private static final String SECURITY = "org.springframework.security.web.FilterChainProxy";

	private static final String ACTUATOR = "org.springframework.boot.actuate.endpoint.annotation.Endpoint";

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

	/**
	 * Where to see the findings, for the heading of the startup report: the endpoint's
	 * path where it is exposed over HTTP; how to expose it where the actuator serves HTTP
	 * and the application did not switch the endpoint off; {@code null} otherwise.
	 * @param environment the environment
	 * @param exposure the endpoint's exposure, if there is an endpoint
	 * @return the text, asked when the report is written
	 */
	static Supplier<String> details(Environment environment, ObjectProvider<EndpointWebExposure> exposure) {
		return () -> {
			EndpointWebExposure endpoint = exposure.getIfAvailable();
			String location = (endpoint != null) ? endpoint.location() : null;
			if (location != null) {
				return "details at " + location;
			}
			boolean actuatorOverHttp = ClassUtils.isPresent(ACTUATOR, EndpointWebExposure.class.getClassLoader())
					&& environment.getProperty("management.server.port", Integer.class, 0) >= 0;
			boolean switchedOff = "none"
				.equalsIgnoreCase(environment.getProperty("management.endpoint.securityheaders.access", ""));
			return (actuatorOverHttp && !switchedOff)
					? "to see them over HTTP, add securityheaders to " + EXPOSURE_PROPERTY : null;
		};
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		// The actuator's own server runs in a child context of this one.
		if (event.getApplicationContext() instanceof WebApplicationContext child && child.getParent() == this.context) {
			this.managementServletContext = child.getServletContext();
		}
	}

	/**
	 * Where the endpoint answers, for the startup report.
	 * @return e.g. {@code /actuator/securityheaders} or
	 * {@code /actuator/securityheaders on the management port 9001}, or {@code null} when
	 * the endpoint is not exposed over HTTP
	 */
	String location() {
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

	/**
	 * The {@code endpoint.unprotected} finding: the endpoint is exposed over HTTP and an
	 * anonymous client can read it.
	 * @return the finding, or empty
	 */
	Optional<Finding> finding() {
		String path = this.endpointPath.get();
		if (path == null || (this.separatePort && isLoopback(managementAddress()))) {
			return Optional.empty();
		}
		String why = whyAnonymousGetPasses(path);
		if (why == null) {
			return Optional.empty();
		}
		String port = (this.separatePort)
				? "the management port is not bound to a loopback address (management.server.address), and " : "";
		return Optional.of(new Finding(Finding.Severity.WARNING, UNPROTECTED,
				"The securityheaders endpoint is exposed over HTTP at " + location() + " (" + EXPOSURE_PROPERTY
						+ ") and nothing protects it: " + port + why + ". Anyone who can reach it reads the "
						+ "security policy, the trusted hosts and these findings. Require an authenticated user for it "
						+ "with Spring Security (EndpointRequest.to(\"securityheaders\")), or serve the actuator on a "
						+ "port of its own bound to loopback (management.server.port with "
						+ "management.server.address=127.0.0.1), or remove securityheaders from " + EXPOSURE_PROPERTY
						+ ".",
				EXPOSURE_PROPERTY));
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
		return withoutTrailingSlash(this.environment
			.getProperty((this.separatePort) ? "management.server.base-path" : "server.servlet.context-path", ""));
	}

	/** The path of the DispatcherServlet ({@code spring.mvc.servlet.path}). */
	private String servletPath() {
		return withoutTrailingSlash(this.environment.getProperty("spring.mvc.servlet.path", ""));
	}

	private static String withoutTrailingSlash(String path) {
		String trimmed = path.trim();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return (trimmed.isEmpty() || trimmed.startsWith("/")) ? trimmed : "/" + trimmed;
	}

	private InetAddress managementAddress() {
		return Binder.get(this.environment).bind("management.server.address", InetAddress.class).orElse(null);
	}

	private static boolean isLoopback(InetAddress address) {
		return address != null && address.isLoopbackAddress();
	}

}
