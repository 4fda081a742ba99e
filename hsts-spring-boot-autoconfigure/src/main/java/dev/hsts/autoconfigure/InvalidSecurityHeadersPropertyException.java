package dev.hsts.autoconfigure;

import java.util.function.Supplier;

import dev.hsts.core.InvalidPolicyException;

/**
 * A {@code security.headers.*} property whose value the starter refuses: the core's
 * {@link InvalidPolicyException} as an operator reads it, with the full property name as
 * its path and texts that name full properties. Reported at startup by
 * {@link InvalidSecurityHeadersConfigurationFailureAnalyzer}.
 */
public class InvalidSecurityHeadersPropertyException extends InvalidPolicyException {

	private static final long serialVersionUID = 1L;

	private InvalidSecurityHeadersPropertyException(InvalidPolicyException refusal) {
		super(isAnnotation(refusal.getPath()) ? refusal.getPath() : PropertyNames.of(refusal.getPath()),
				refusal.getValue(), PropertyNames.render(refusal.getReason()),
				PropertyNames.render(refusal.getAction()));
		// The refusal is what the operator must fix, so this is the root cause; its trace
		// shows where it came from.
		setStackTrace(refusal.getStackTrace());
	}

	/**
	 * Whether a refusal names an annotation attribute
	 * ({@code @SecurityHeadersPolicy(frameOptions) on com.example.Controller#method})
	 * rather than a setting.
	 * @param path the refusal's path
	 * @return whether it is an annotation's
	 */
	static boolean isAnnotation(String path) {
		return path.startsWith("@");
	}

	/**
	 * The refusal of the core, naming full properties.
	 * @param refusal the core's refusal
	 * @return the exception
	 */
	public static InvalidSecurityHeadersPropertyException of(InvalidPolicyException refusal) {
		return (refusal instanceof InvalidSecurityHeadersPropertyException named) ? named
				: new InvalidSecurityHeadersPropertyException(refusal);
	}

	/**
	 * Builds something from the configuration, turning a refusal of the core into this
	 * exception.
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
	 * The full name of the property whose value is refused (the same as
	 * {@link #getPath()}).
	 * @return the property, e.g. {@code security.headers.hsts.rollout.stages[1].max-age}
	 */
	public String getProperty() {
		return getPath();
	}

}
