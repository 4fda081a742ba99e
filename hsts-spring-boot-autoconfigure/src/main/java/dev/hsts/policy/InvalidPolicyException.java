package dev.hsts.policy;

import java.util.Objects;

/**
 * A configuration value that the policy refuses. Carries the property that holds the value, what is wrong with
 * it and what to do instead, so that startup can fail with a message an operator can act on.
 */
public class InvalidPolicyException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String value;

	private final String reason;

	private final String action;

	/**
	 * @param property the full property name, e.g. {@code security.headers.hsts.rollout.stages[1].max-age}
	 * @param value the offending value as configured (may be {@code null})
	 * @param reason what is wrong, as a sentence
	 * @param action what to do instead, as a sentence
	 */
	public InvalidPolicyException(String property, Object value, String reason, String action) {
		super("Invalid value " + render(value) + " for '" + property + "': " + reason);
		this.property = Objects.requireNonNull(property, "property");
		this.value = (value != null) ? String.valueOf(value) : null;
		this.reason = Objects.requireNonNull(reason, "reason");
		this.action = Objects.requireNonNull(action, "action");
	}

	private static String render(Object value) {
		return (value != null) ? "'" + Printable.escape(String.valueOf(value)) + "'" : "(none)";
	}

	/** The full name of the property whose value is refused. */
	public String getProperty() {
		return this.property;
	}

	/** The refused value, or {@code null} when the problem is a missing value or a combination of values. */
	public String getValue() {
		return this.value;
	}

	/** What is wrong with the value. */
	public String getReason() {
		return this.reason;
	}

	/** What to do instead. */
	public String getAction() {
		return this.action;
	}

}
