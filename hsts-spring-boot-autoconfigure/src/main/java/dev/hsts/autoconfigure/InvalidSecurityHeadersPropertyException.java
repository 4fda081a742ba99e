package dev.hsts.autoconfigure;

import java.util.function.Supplier;

import dev.hsts.core.InvalidPolicyException;
import dev.hsts.core.UntrustedText;

/**
 * A {@code security.headers.*} property whose value the starter refuses: the core's {@link InvalidPolicyException}
 * with the full property name and texts that name full properties. Reported at startup by
 * {@link InvalidSecurityHeadersConfigurationFailureAnalyzer}.
 */
public class InvalidSecurityHeadersPropertyException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String value;

	private final String reason;

	private final String action;

	private InvalidSecurityHeadersPropertyException(InvalidPolicyException refusal) {
		super("Invalid value " + ((refusal.getValue() != null) ? "'" + UntrustedText.escape(refusal.getValue()) + "'"
				: "(none)") + " for '" + PropertyNames.of(refusal.getPath()) + "': "
				+ PropertyNames.render(refusal.getReason()));
		this.property = PropertyNames.of(refusal.getPath());
		this.value = refusal.getValue();
		this.reason = PropertyNames.render(refusal.getReason());
		this.action = PropertyNames.render(refusal.getAction());
		// The refusal is what the operator must fix, so it is the root cause; its trace still shows where it came from.
		setStackTrace(refusal.getStackTrace());
	}

	/**
	 * The refusal of the core, naming full properties.
	 * @param refusal the core's refusal
	 * @return the exception
	 */
	public static InvalidSecurityHeadersPropertyException of(InvalidPolicyException refusal) {
		return new InvalidSecurityHeadersPropertyException(refusal);
	}

	/**
	 * Builds something from the configuration, turning a refusal of the core into this exception.
	 * @param <T> what is built
	 * @param build builds it
	 * @return what was built
	 */
	static <T> T validated(Supplier<T> build) {
		try {
			return build.get();
		}
		catch (InvalidPolicyException ex) {
			throw of(ex);
		}
	}

	/**
	 * The full name of the property whose value is refused.
	 * @return the property, e.g. {@code security.headers.hsts.rollout.stages[1].max-age}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * The refused value.
	 * @return the value, or {@code null} when the problem is a missing value or a combination of values
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * What is wrong with the value.
	 * @return a sentence
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * What to do instead.
	 * @return a sentence
	 */
	public String getAction() {
		return this.action;
	}

}
