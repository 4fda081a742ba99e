package dev.hsts.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hsts.core.ContentSecurityPolicy;
import dev.hsts.core.LivePolicy;
import dev.hsts.core.PolicyChangeListener;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Records each change of the policy while the application runs as a Spring Boot
 * {@link AuditEvent} (type {@value #APPLIED}: the version, when, and each property with
 * its value before and after; type {@value #REJECTED}: the property, the refused value
 * and why). Boot's audit listener stores it in the application's
 * {@code AuditEventRepository} ({@code /actuator/auditevents}). The report targets of a
 * Content-Security-Policy are masked: they may hold a key.
 */
public class PolicyChangeAuditor implements PolicyChangeListener {

	/** The type of the event of an applied change. */
	public static final String APPLIED = "SECURITY_HEADERS_POLICY_CHANGED";

	/** The type of the event of a refused change. */
	public static final String REJECTED = "SECURITY_HEADERS_POLICY_CHANGE_REJECTED";

	/** The principal of the events: the starter. */
	public static final String PRINCIPAL = "security-headers";

	private final ApplicationEventPublisher publisher;

	public PolicyChangeAuditor(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void applied(LivePolicy.Version version) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("version", version.number());
		data.put("appliedAt", version.appliedAt().toString());
		List<Map<String, Object>> changes = new ArrayList<>();
		for (LivePolicy.Change change : version.changes()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("property", change.setting());
			entry.put("from", masked(change.setting(), change.from()));
			entry.put("to", masked(change.setting(), change.to()));
			changes.add(entry);
		}
		data.put("changes", changes);
		data.put("hsts", version.hsts().headerValueAt(version.appliedAt().toEpochMilli()));
		this.publisher.publishEvent(new AuditApplicationEvent(version.appliedAt(), PRINCIPAL, APPLIED, data));
	}

	@Override
	public void rejected(LivePolicy.Rejection rejection) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("property", rejection.setting());
		data.put("value",
				(rejection.setting() != null) ? masked(rejection.setting(), rejection.value()) : rejection.value());
		data.put("message", rejection.message());
		this.publisher.publishEvent(new AuditApplicationEvent(rejection.at(), PRINCIPAL, REJECTED, data));
	}

	private static String masked(String property, String value) {
		return (value != null && property.contains("content-security-policy"))
				? ContentSecurityPolicy.maskReportTargets(value) : value;
	}

}
