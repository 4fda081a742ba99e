package dev.hsts.actuate;

import org.springframework.context.ApplicationEvent;

import dev.hsts.core.CspViolationReport;

/**
 * Published for every CSP violation report the collector accepts (sampled in, within the
 * rate limits, not a duplicate within the de-duplication window), on the thread that
 * received it. Listen with {@code @EventListener} (or {@code @Async} for slow work), or
 * declare a {@link dev.hsts.core.CspReportListener} bean.
 */
public class CspViolationReportEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient CspViolationReport report;

	/**
	 * @param source the collector
	 * @param report the report
	 */
	public CspViolationReportEvent(Object source, CspViolationReport report) {
		super(source);
		this.report = report;
	}

	/**
	 * The report; its text fields are untrusted input.
	 * @return the report
	 */
	public CspViolationReport getReport() {
		return this.report;
	}

}
