package dev.hsts.autoconfigure;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the {@code securityheaders} actuator endpoint
 * ({@code management.endpoint.securityheaders.*}).
 */
@ConfigurationProperties(prefix = "management.endpoint.securityheaders")
public class SecurityHeadersEndpointProperties {

	/**
	 * When to show values that may hold secrets (the report-uri and report-to of a
	 * Content-Security-Policy, which often carry a token): never, always, or
	 * when-authorized (a user with one of the roles). Masked as ****** otherwise.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles that may see the values with show-values=when-authorized. Empty means any
	 * authenticated user.
	 */
	private Set<String> roles = new HashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
