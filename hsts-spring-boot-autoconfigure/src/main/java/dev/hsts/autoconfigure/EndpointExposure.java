package dev.hsts.autoconfigure;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Supplier;

import dev.hsts.core.Finding;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Where the {@code securityheaders} endpoint answers over HTTP, as the running
 * application serves it, and whether an anonymous client can read it there: the
 * {@code endpoint.unprotected} finding. The same codes, messages and heading on every web
 * stack: {@link EndpointWebExposure} for servlet applications,
 * {@link ReactiveEndpointWebExposure} for WebFlux applications.
 */
interface EndpointExposure {

	/** The code of the finding that anyone can read the endpoint. */
	String UNPROTECTED = "endpoint.unprotected";

	/** The property that exposes the endpoint over HTTP. */
	String EXPOSURE_PROPERTY = "management.endpoints.web.exposure.include";

	/**
	 * Where the endpoint answers, for the startup report.
	 * @return e.g. {@code /actuator/securityheaders} or
	 * {@code /actuator/securityheaders on the management port 9001}, or {@code null} when
	 * the endpoint is not exposed over HTTP
	 */
	String location();

	/**
	 * The {@code endpoint.unprotected} finding: the endpoint is exposed over HTTP and an
	 * anonymous client can read it.
	 * @return the finding, or empty
	 */
	Optional<Finding> finding();

	/**
	 * Where to see the findings, for the heading of the startup report: the endpoint's
	 * path where it is exposed over HTTP; how to expose it where the actuator serves HTTP
	 * and the application did not switch the endpoint off; {@code null} otherwise.
	 * @param environment the environment
	 * @param exposure the endpoint's exposure, if there is an endpoint
	 * @return the text, asked when the report is written
	 */
	static Supplier<String> details(Environment environment, ObjectProvider<? extends EndpointExposure> exposure) {
		return () -> {
			EndpointExposure endpoint = exposure.getIfAvailable();
			String location = (endpoint != null) ? endpoint.location() : null;
			if (location != null) {
				return "details at " + location;
			}
			boolean actuatorOverHttp = ClassUtils.isPresent(
					"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
					EndpointExposure.class.getClassLoader())
					&& environment.getProperty("management.server.port", Integer.class, 0) >= 0;
			boolean switchedOff = "none"
				.equalsIgnoreCase(environment.getProperty("management.endpoint.securityheaders.access", ""));
			return (actuatorOverHttp && !switchedOff)
					? "to see them over HTTP, add securityheaders to " + EXPOSURE_PROPERTY : null;
		};
	}

	/**
	 * The {@code endpoint.unprotected} finding.
	 * @param location where the endpoint answers ({@link #location()})
	 * @param separatePort whether the actuator has a server of its own
	 * @param why why an anonymous {@code GET} gets through, as a phrase
	 * @return the finding
	 */
	static Finding unprotected(String location, boolean separatePort, String why) {
		String port = (separatePort)
				? "the management port is not bound to a loopback address (management.server.address), and " : "";
		return new Finding(Finding.Severity.WARNING, UNPROTECTED,
				"The securityheaders endpoint is exposed over HTTP at " + location + " (" + EXPOSURE_PROPERTY
						+ ") and nothing protects it: " + port + why + ". Anyone who can reach it reads the "
						+ "security policy, the trusted hosts and these findings. Require an authenticated user for it "
						+ "with Spring Security (EndpointRequest.to(\"securityheaders\")), or serve the actuator on a "
						+ "port of its own bound to loopback (management.server.port with "
						+ "management.server.address=127.0.0.1), or remove securityheaders from " + EXPOSURE_PROPERTY
						+ ".",
				EXPOSURE_PROPERTY);
	}

	/**
	 * Whether the actuator's own server is bound to a loopback address
	 * ({@code management.server.address}).
	 * @param environment the environment
	 * @return whether it is
	 */
	static boolean managementOnLoopback(Environment environment) {
		InetAddress address = Binder.get(environment).bind("management.server.address", InetAddress.class).orElse(null);
		return address != null && address.isLoopbackAddress();
	}

	/**
	 * A path property's value as a prefix: {@code ""} or a path that starts with a slash
	 * and does not end with one.
	 * @param path the value
	 * @return the prefix
	 */
	static String withoutTrailingSlash(String path) {
		String trimmed = path.trim();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return (trimmed.isEmpty() || trimmed.startsWith("/")) ? trimmed : "/" + trimmed;
	}

}
