package dev.hsts.core;

/**
 * Told when a change of the policy is applied or refused while the application runs (for
 * metrics, audit, alerts). Called on the thread that refreshed the configuration, after
 * the change took effect or was refused; keep it short.
 */
public interface PolicyChangeListener {

	/**
	 * A change was applied.
	 * @param version the version now in force
	 */
	default void applied(LivePolicy.Version version) {
	}

	/**
	 * A change was refused; the version in force stays.
	 * @param rejection the refusal
	 */
	default void rejected(LivePolicy.Rejection rejection) {
	}

}
