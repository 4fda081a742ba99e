package dev.hsts.core;

/**
 * Told about every request the trusted-host check refuses, before the response is written
 * (for example to count them). Must be fast and must not throw. The same on every web
 * stack.
 */
@FunctionalInterface
public interface TrustedHostRejectionListener {

	/**
	 * A request was refused.
	 * @param rejection what was refused, and why
	 */
	void rejected(HostRejection rejection);

}
