package dev.hsts.actuate;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.hsts.core.CspReportCollector;
import dev.hsts.core.CspViolationReport;

/**
 * Counts CSP violation reports in Micrometer: {@value #REPORTS} tagged
 * {@code disposition} ({@code enforce} or {@code report}), {@code directive} (a CSP
 * directive name, else {@code other}) and {@code policy} (the policy id), duplicates
 * included; and {@value #REJECTED} tagged {@code reason}. Blocked URIs and origins are
 * never tags (anyone can send any value); the policy ids are the configured ones, so the
 * number of series is bounded. The registry is looked up on the first report.
 */
public final class CspReportMetrics implements CspReportCollector.Counters {

	/** The counter of accepted reports. */
	public static final String REPORTS = "security.headers.csp.reports";

	/** The counter of refused (and sampled-out) report requests. */
	public static final String REJECTED = "security.headers.csp.reports.rejected";

	private final Supplier<MeterRegistry> registry;

	private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * @param registry supplies the registry; may supply {@code null} (nothing is counted
	 * until it supplies one)
	 */
	public CspReportMetrics(Supplier<MeterRegistry> registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	@Override
	public void accepted(CspViolationReport report, String directiveTag) {
		String key = report.policyId() + '\n' + report.disposition() + '\n' + directiveTag;
		Counter counter = this.counters.get(key);
		if (counter == null) {
			MeterRegistry registry = this.registry.get();
			if (registry == null) {
				return;
			}
			counter = Counter.builder(REPORTS)
				.description("CSP violation reports accepted by the collector")
				.tag("disposition", report.disposition())
				.tag("directive", directiveTag)
				.tag("policy", report.policyId())
				.register(registry);
			this.counters.putIfAbsent(key, counter);
		}
		counter.increment();
	}

	@Override
	public void rejected(String reason) {
		String key = "rejected\n" + reason;
		Counter counter = this.counters.get(key);
		if (counter == null) {
			MeterRegistry registry = this.registry.get();
			if (registry == null) {
				return;
			}
			counter = Counter.builder(REJECTED)
				.description("CSP report requests refused by the collector (or sampled out), by reason")
				.tag("reason", reason)
				.register(registry);
			this.counters.putIfAbsent(key, counter);
		}
		counter.increment();
	}

}
