package dev.hsts.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Keys under {@code security.headers} that the starter does not bind: Boot would ignore
 * them in silence, leaving what they were meant to set at its default. Reported at
 * startup by {@link UnknownSecurityHeadersPropertiesFailureAnalyzer}.
 */
class UnknownSecurityHeadersPropertiesException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<UnknownKey> keys;

	UnknownSecurityHeadersPropertiesException(List<UnknownKey> keys) {
		super("Unknown security headers properties: " + keys.stream()
			.map((key) -> key.key() + " (" + key.origin() + ")"
					+ ((key.suggestion() != null) ? ", did you mean " + key.suggested() + "?" : ""))
			.collect(Collectors.joining("; ")));
		this.keys = List.copyOf(keys);
	}

	/**
	 * The unknown keys.
	 * @return the keys, in the order the configuration sources are read
	 */
	List<UnknownKey> getKeys() {
		return this.keys;
	}

	/**
	 * A key the starter does not bind.
	 *
	 * @param key the key as the configuration writes it
	 * @param origin where it is set, as Spring Boot reports origins
	 * @param suggestion the closest key the starter binds, or {@code null} when none is
	 * close
	 * @param variable the environment variable of the suggestion, when the unknown key is
	 * an environment variable, otherwise {@code null}
	 */
	record UnknownKey(String key, String origin, String suggestion, String variable) {

		/**
		 * The suggestion as a reader takes it.
		 * @return the key, and the environment variable if any
		 */
		String suggested() {
			return (this.variable != null) ? this.suggestion + " (environment variable " + this.variable + ")"
					: this.suggestion;
		}

	}

}
