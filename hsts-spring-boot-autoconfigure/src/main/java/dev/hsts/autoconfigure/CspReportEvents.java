package dev.hsts.autoconfigure;

import org.springframework.context.ApplicationEventPublisher;

import dev.hsts.actuate.CspViolationReportEvent;
import dev.hsts.core.CspReportListener;
import dev.hsts.core.CspViolationReport;

/**
 * Publishes a {@link CspViolationReportEvent} per accepted report.
 */
final class CspReportEvents implements CspReportListener {

	private final ApplicationEventPublisher publisher;

	private final Object source;

	CspReportEvents(ApplicationEventPublisher publisher, Object source) {
		this.publisher = publisher;
		this.source = source;
	}

	@Override
	public void onReport(CspViolationReport report) {
		this.publisher.publishEvent(new CspViolationReportEvent(this.source, report));
	}

}
