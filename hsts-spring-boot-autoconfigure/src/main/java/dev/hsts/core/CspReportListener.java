package dev.hsts.core;

/**
 * Told about every Content-Security-Policy violation report the collector accepts
 * (sampled in, within the rate limits, and not a duplicate of one seen in the
 * de-duplication window), for example to forward it to a store of your own. Declare one
 * or more beans; each is called in turn on the thread that received the report, so hand
 * slow work (a remote call) to an executor. An exception a listener throws is logged and
 * does not reach the browser or the other listeners.
 */
@FunctionalInterface
public interface CspReportListener {

	/**
	 * A report was accepted.
	 * @param report the report; its text fields are untrusted input
	 */
	void onReport(CspViolationReport report);

}
