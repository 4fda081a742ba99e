package dev.hsts.core;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.apache.commons.logging.Log;

/**
 * Tells every {@link TrustedHostRejectionListener} about a trusted-host refusal and logs
 * it ({@link HostRejectionLog}) at most once a minute per reason, with a count of the
 * lines held back: what the trusted-host filter of every web stack does with a refusal.
 */
public final class HostRejectionReporter {

	private final TrustedHostRejectionListener[] listeners;

	private final LogLimiter<RejectionReason> logLimiter;

	private final Log log;

	/**
	 * @param listeners told about every refusal
	 * @param clock the clock of the log limiter
	 * @param log where refusals are logged
	 */
	public HostRejectionReporter(List<? extends TrustedHostRejectionListener> listeners, Clock clock, Log log) {
		this.listeners = listeners.toArray(new TrustedHostRejectionListener[0]);
		this.logLimiter = LogLimiter.perMinute(clock);
		this.log = Objects.requireNonNull(log, "log");
	}

	/**
	 * Reports a refusal.
	 * @param rejection the refusal
	 */
	public void report(HostRejection rejection) {
		for (TrustedHostRejectionListener listener : this.listeners) {
			try {
				listener.rejected(rejection);
			}
			catch (RuntimeException ex) {
				this.log.debug("A trusted-host rejection listener failed", ex);
			}
		}
		if (!this.log.isWarnEnabled()) {
			return;
		}
		long suppressed = this.logLimiter.tryAcquire(rejection.reason());
		if (suppressed == LogLimiter.SUPPRESSED) {
			return;
		}
		this.log.warn(HostRejectionLog.message(rejection) + " At most one such line per minute per reason"
				+ ((suppressed > 0) ? "; " + suppressed + " more were refused since the previous one." : "."));
	}

}
