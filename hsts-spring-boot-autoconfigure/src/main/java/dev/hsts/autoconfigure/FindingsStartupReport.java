package dev.hsts.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.hsts.core.Finding;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs the findings once, when the application is ready, as one readable report: a WARN
 * when any finding is a warning, an INFO otherwise.
 */
public class FindingsStartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log LOG = LogFactory.getLog(FindingsStartupReport.class);

	private final SecurityHeadersFindings findings;

	private final AtomicBoolean reported = new AtomicBoolean();

	public FindingsStartupReport(SecurityHeadersFindings findings) {
		this.findings = findings;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!this.reported.compareAndSet(false, true)) {
			return;
		}
		List<Finding> current = this.findings.findings();
		if (current.isEmpty()) {
			return;
		}
		String report = render(current);
		if (current.stream().anyMatch((finding) -> finding.severity() == Finding.Severity.WARNING)) {
			LOG.warn(report);
		}
		else {
			LOG.info(report);
		}
	}

	/** The report: a heading, then one finding a paragraph. */
	static String render(List<Finding> findings) {
		StringBuilder report = new StringBuilder("Security headers: ").append(findings.size())
			.append((findings.size() == 1) ? " finding" : " findings")
			.append(" (details at /actuator/securityheaders)\n");
		for (Finding finding : findings) {
			report.append("  [").append(finding.severity().id()).append("] ").append(finding.code());
			if (finding.property() != null) {
				report.append(" (").append(finding.property()).append(')');
			}
			report.append("\n      ").append(finding.message()).append('\n');
		}
		return report.toString().stripTrailing();
	}

}
