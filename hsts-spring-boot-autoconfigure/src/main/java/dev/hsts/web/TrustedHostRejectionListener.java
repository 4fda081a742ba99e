package dev.hsts.web;

import jakarta.servlet.http.HttpServletRequest;

import dev.hsts.policy.RejectionReason;

/**
 * Told about every request the {@link TrustedHostFilter} refuses, before the response is written (for example to
 * count them: {@link TrustedHostRejectionMetrics}). Must be fast and must not throw.
 */
@FunctionalInterface
public interface TrustedHostRejectionListener {

	/**
	 * @param request the refused request
	 * @param reason why it was refused
	 */
	void rejected(HttpServletRequest request, RejectionReason reason);

}
