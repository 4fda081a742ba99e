package dev.hsts.core;

import java.util.Objects;

/**
 * A configuration value that the policy refuses. Carries where the value sits in the
 * configuration, relative to the starter's own settings
 * ({@code hsts.rollout.stages[1].max-age}), what is wrong with it and what to do instead,
 * so that startup can fail with a message an operator can act on. The texts may name
 * other settings as <code>${hsts.revoke}</code>; the layer that knows the property names
 * (the Spring Boot auto-configuration) turns both into full property names.
 */
public class InvalidPolicyException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String path;

	private final String value;

	private final String reason;

	private final String action;

	/**
	 * Creates a refusal.
	 * @param path where the value sits, relative to the configuration, e.g.
	 * {@code hsts.rollout.stages[1].max-age}
	 * @param value the offending value as configured (may be {@code null})
	 * @param reason what is wrong, as a sentence
	 * @param action what to do instead, as a sentence
	 */
	public InvalidPolicyException(String path, Object value, String reason, String action) {
		super("Invalid value " + render(value) + " for '" + path + "': " + reason);
		this.path = Objects.requireNonNull(path, "path");
		this.value = (value != null) ? String.valueOf(value) : null;
		this.reason = Objects.requireNonNull(reason, "reason");
		this.action = Objects.requireNonNull(action, "action");
	}

	private static String render(Object value) {
		return (value != null) ? "'" + UntrustedText.escape(String.valueOf(value)) + "'" : "(none)";
	}

	/**
	 * Where the refused value sits, relative to the configuration.
	 * @return the path, e.g. {@code hsts.rollout.stages[1].max-age}
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * The refused value.
	 * @return the value, or {@code null} when the problem is a missing value or a
	 * combination of values
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * What is wrong with the value.
	 * @return a sentence; other settings are written as <code>${path}</code>
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * What to do instead.
	 * @return a sentence; other settings are written as <code>${path}</code>
	 */
	public String getAction() {
		return this.action;
	}

}
