package dev.hsts.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.hsts.core.Finding;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs the findings once, when the application is ready, as one readable report: a WARN
 * when any finding is a warning, an INFO otherwise. Its heading says where to see the
 * findings live: the {@code securityheaders} endpoint's path where the application
 * exposes it over HTTP, how to expose it where the actuator is present, nothing
 * otherwise. Every finding is logged here, and only here.
 */
public class FindingsStartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log LOG = LogFactory.getLog(FindingsStartupReport.class);

	private final SecurityHeadersFindings findings;

	private final Supplier<String> details;

	private final AtomicBoolean reported = new AtomicBoolean();

	/**
	 * A report that does not say where to see the findings.
	 * @param findings the findings
	 */
	public FindingsStartupReport(SecurityHeadersFindings findings) {
		this(findings, () -> null);
	}

	/**
	 * A report whose heading says where to see the findings.
	 * @param findings the findings
	 * @param details where to see them, asked when the application is ready (e.g.
	 * {@code details at /actuator/securityheaders}), or a supplier of {@code null}
	 */
	public FindingsStartupReport(SecurityHeadersFindings findings, Supplier<String> details) {
		this.findings = findings;
		this.details = details;
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
		String report = render(current, this.details.get());
		if (current.stream().anyMatch((finding) -> finding.severity() == Finding.Severity.WARNING)) {
			LOG.warn(report);
		}
		else {
			LOG.info(report);
		}
	}

	/**
	 * The report: a heading, then one finding a paragraph.
	 * @param findings the findings
	 * @param details where to see them, or {@code null}
	 */
	static String render(List<Finding> findings, String details) {
		StringBuilder report = new StringBuilder("Security headers: ").append(findings.size())
			.append((findings.size() == 1) ? " finding" : " findings");
		if (details != null) {
			report.append(" (").append(details).append(')');
		}
		report.append('\n');
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
