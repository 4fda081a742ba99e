package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the trusted-host check ({@code security.headers.trusted-hosts.*}):
 * requests for a host the application does not serve are answered with a 400 before any
 * application code runs.
 */
@ConfigurationProperties(prefix = "security.headers.trusted-hosts")
public class TrustedHostsProperties {

	/**
	 * The hosts the application serves; a request for any other host gets a 400. Each
	 * entry is an exact name (api.example.com), a wildcard (*.example.com: subdomains at
	 * any depth, not example.com itself, so list the apex separately), an IPv4 or IPv6
	 * address (10.1.2.3, ::1), a CIDR range (10.0.0.0/8, fd00::/8) or * (every host; for
	 * local development only). No scheme, port, path or spaces. Empty (the default) turns
	 * the check off.
	 */
	private List<String> allowed = new ArrayList<>();

	/**
	 * Path patterns within the application that skip the check, such as
	 * /actuator/health/** for load-balancer probes that use the pod IP.
	 */
	private List<String> exemptPaths = new ArrayList<>();

	public List<String> getAllowed() {
		return this.allowed;
	}

	public void setAllowed(List<String> allowed) {
		this.allowed = allowed;
	}

	public List<String> getExemptPaths() {
		return this.exemptPaths;
	}

	public void setExemptPaths(List<String> exemptPaths) {
		this.exemptPaths = exemptPaths;
	}

}
