package dev.hsts.core;

import java.util.List;
import java.util.Objects;

/**
 * The configured settings of one named policy ({@code policies.<name>.*}), as written:
 * each key left unset ({@code null}) inherits the defaults' value; {@code disabled} means
 * "not sent" with this policy. Validated by {@link HeaderPolicies#of}.
 *
 * <p>
 * <strong>Internal:</strong> public only so that the starter's auto-configuration, in
 * another package, can make it; not an API for applications, and it may change in any
 * release.
 */
public final class PolicySettings {

	private final String name;

	private final String[] values = new String[PolicyHeader.values().length];

	private Boolean cacheControlEnabled;

	private Boolean hstsEnabled;

	private List<String> paths = List.of();

	private Integer order;

	/**
	 * @param name the policy's name, as configured
	 */
	public PolicySettings(String name) {
		this.name = Objects.requireNonNull(name, "name");
	}

	/**
	 * Sets a header's value (for Cache-Control, its {@code cache-control.value}).
	 * @param header a header other than Strict-Transport-Security
	 * @param value the configured value, {@code disabled}, or {@code null} to inherit
	 * @return these settings
	 */
	public PolicySettings value(PolicyHeader header, String value) {
		if (header == PolicyHeader.STRICT_TRANSPORT_SECURITY) {
			throw new IllegalArgumentException("HSTS is switched with hstsEnabled");
		}
		this.values[header.ordinal()] = value;
		return this;
	}

	/**
	 * @param enabled {@code cache-control.enabled}, or {@code null} to inherit
	 * @return these settings
	 */
	public PolicySettings cacheControlEnabled(Boolean enabled) {
		this.cacheControlEnabled = enabled;
		return this;
	}

	/**
	 * @param enabled {@code hsts.enabled}, or {@code null} to inherit
	 * @return these settings
	 */
	public PolicySettings hstsEnabled(Boolean enabled) {
		this.hstsEnabled = enabled;
		return this;
	}

	/**
	 * @param paths the path patterns the policy applies to, or {@code null}/empty for
	 * none (then only annotations, route attributes and hooks choose it)
	 * @return these settings
	 */
	public PolicySettings paths(List<String> paths) {
		this.paths = (paths != null) ? paths : List.of();
		return this;
	}

	/**
	 * @param order which of two path policies that match a path wins (lower wins), or
	 * {@code null}
	 * @return these settings
	 */
	public PolicySettings order(Integer order) {
		this.order = order;
		return this;
	}

	/** The name. */
	public String name() {
		return this.name;
	}

	String value(PolicyHeader header) {
		return this.values[header.ordinal()];
	}

	Boolean cacheControlEnabled() {
		return this.cacheControlEnabled;
	}

	Boolean hstsEnabled() {
		return this.hstsEnabled;
	}

	List<String> paths() {
		return this.paths;
	}

	Integer order() {
		return this.order;
	}

}
