package dev.hsts.autoconfigure;

import java.util.Optional;
import java.util.function.Supplier;

import dev.hsts.core.Finding;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * {@link EndpointExposure} in a WebFlux application: where the {@code securityheaders}
 * endpoint answers over HTTP (the application's {@code spring.webflux.base-path}, or the
 * actuator's own port and {@code management.server.base-path}), and whether an anonymous
 * client can read it there.
 *
 * <p>
 * Protected means either that the actuator has a port of its own bound to a loopback
 * address ({@code management.server.port} and {@code management.server.address}), or that
 * the application's Spring Security {@code WebFilterChainProxy} refuses an anonymous
 * {@code GET} of the endpoint (see {@link ReactiveSpringSecurityProbe}). When that cannot
 * be told, nothing is reported. Refers to no servlet type.
 */
final class ReactiveEndpointWebExposure implements EndpointExposure, ApplicationListener<ContextRefreshedEvent> {

	private static final String SECURITY = "org.springframework.security.web.server.WebFilterChainProxy";

	private final ApplicationContext context;

	private final Environment environment;

	private final Supplier<String> endpointPath;

	private final boolean separatePort;

	/** The context of the actuator's own server, once it has started. */
	private volatile ApplicationContext managementContext;

	/**
	 * @param context the application context
	 * @param endpointPath the path Spring Boot maps the endpoint to (the actuator's base
	 * path and the endpoint's path, e.g. {@code /actuator/securityheaders}), or
	 * {@code null} when it is not exposed over HTTP
	 * @param separatePort whether the actuator has a server of its own
	 * ({@code management.server.port} differs from the application's)
	 */
	ReactiveEndpointWebExposure(ApplicationContext context, Supplier<String> endpointPath, boolean separatePort) {
		this.context = context;
		this.environment = context.getEnvironment();
		this.endpointPath = endpointPath;
		this.separatePort = separatePort;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		// The actuator's own server runs in a child context of this one.
		ApplicationContext refreshed = event.getApplicationContext();
		if (refreshed.getParent() == this.context) {
			this.managementContext = refreshed;
		}
	}

	@Override
	public String location() {
		String path = this.endpointPath.get();
		if (path == null) {
			return null;
		}
		if (!this.separatePort) {
			return basePath() + path;
		}
		String port = this.environment.getProperty("local.management.port",
				this.environment.getProperty("management.server.port", ""));
		return basePath() + path + " on the management port " + port;
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
		ApplicationContext served = (this.separatePort && this.managementContext != null) ? this.managementContext
				: this.context;
		return ReactiveSpringSecurityProbe.whyAnonymousGetPasses(served, basePath(), path);
	}

	/**
	 * The path the server the endpoint answers on serves everything under: the
	 * application's ({@code spring.webflux.base-path}), or the actuator's own
	 * ({@code management.server.base-path}).
	 */
	private String basePath() {
		return EndpointExposure.withoutTrailingSlash(this.environment
			.getProperty((this.separatePort) ? "management.server.base-path" : "spring.webflux.base-path", ""));
	}

}
