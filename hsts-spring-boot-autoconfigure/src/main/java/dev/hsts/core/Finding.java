package dev.hsts.core;

import java.util.Locale;
import java.util.Objects;

/**
 * Something an operator should know about the live configuration: a stable code tools can
 * match on, a severity, a message that says what to do, and the property it concerns.
 *
 * @param severity how serious it is ({@link Severity#ERROR} stops startup)
 * @param code a stable identifier, e.g. {@code hsts.revoked}
 * @param message what it means and what to do
 * @param property the setting to change, or {@code null}: relative to the configuration
 * ({@code hsts.revoke}) in a finding of the core, whose message names other settings as
 * <code>${path}</code>; a full property name once the Spring Boot layer has qualified it
 */
public record Finding(Severity severity, String code, String message, String property) {

	public Finding {
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(message, "message");
	}

	/** How serious a finding is. */
	public enum Severity {

		/** The configuration is refused: the application does not start. */
		ERROR,

		/** Probably a mistake, or a risk to decide on knowingly. */
		WARNING,

		/** Worth knowing: where the rollout stands, a reminder. */
		INFO;

		/**
		 * The name used in the endpoint and the log: {@code error}, {@code warning},
		 * {@code info}.
		 */
		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
