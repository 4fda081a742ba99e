package dev.hsts.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the CSP report collector has counted, per policy id and disposition: reports in
 * the last hour and day, the most violated directives and the most blocked origins; and,
 * per policy id with a report-only policy, the responses that carried it since its last
 * violation, for the {@code csp.report-only.ready} and {@code csp.report-only.blocking}
 * findings. Every table is bounded: policy ids are the configured ones, directives are
 * the known names plus {@code other}, and at most {@value #MAX_ORIGINS} origins per
 * policy and disposition are told apart (the rest count as {@code other}). Thread-safe.
 * Internal: public for the wiring and the actuator endpoint.
 */
public final class CspReportStatistics {

	/** The most distinct blocked origins counted per policy and disposition. */
	public static final int MAX_ORIGINS = 100;

	/** How many entries the top lists show. */
	public static final int TOP = 10;

	private static final long MINUTE = 60_000;

	private static final long HOUR = 60 * MINUTE;

	private final Clock clock;

	private final Instant startedAt;

	private final ConcurrentHashMap<String, Tally> tallies = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Traffic> traffic = new ConcurrentHashMap<>();

	/**
	 * @param clock the clock
	 */
	public CspReportStatistics(Clock clock) {
		this.clock = clock;
		this.startedAt = clock.instant();
	}

	/**
	 * The counter of responses that carried the report-only policy of {@code policyId};
	 * made once per id and kept across policy refreshes.
	 * @param policyId the policy id
	 * @return the counter
	 */
	public Traffic traffic(String policyId) {
		Traffic existing = this.traffic.get(policyId);
		if (existing != null) {
			return existing;
		}
		Traffic fresh = new Traffic(this.startedAt.toEpochMilli());
		Traffic raced = this.traffic.putIfAbsent(policyId, fresh);
		return (raced != null) ? raced : fresh;
	}

	/**
	 * Counts an accepted report (duplicates included).
	 * @param report the report
	 * @param directiveTag its bounded directive name
	 */
	void record(CspViolationReport report, String directiveTag) {
		long now = report.receivedAt().toEpochMilli();
		String key = report.policyId() + '\n' + report.disposition();
		Tally tally = this.tallies.get(key);
		if (tally == null) {
			Tally fresh = new Tally();
			Tally raced = this.tallies.putIfAbsent(key, fresh);
			tally = (raced != null) ? raced : fresh;
		}
		tally.add(now, directiveTag, report.blockedOrigin());
		if (report.reportOnly()) {
			traffic(report.policyId()).violation(now);
		}
	}

	/**
	 * The counts so far, by policy id.
	 * @return the counts, policy ids sorted
	 */
	public Map<String, PolicyReports> snapshot() {
		long now = this.clock.millis();
		Map<String, PolicyReports> snapshot = new TreeMap<>();
		Map<String, Counts[]> byId = new TreeMap<>();
		for (Map.Entry<String, Tally> entry : this.tallies.entrySet()) {
			int newline = entry.getKey().indexOf('\n');
			String id = entry.getKey().substring(0, newline);
			String disposition = entry.getKey().substring(newline + 1);
			Counts[] pair = byId.get(id);
			if (pair == null) {
				pair = new Counts[2];
				byId.put(id, pair);
			}
			pair[CspViolationReport.REPORT.equals(disposition) ? 1 : 0] = entry.getValue().counts(now);
		}
		for (Map.Entry<String, Counts[]> entry : byId.entrySet()) {
			Counts[] pair = entry.getValue();
			snapshot.put(entry.getKey(), new PolicyReports((pair[0] != null) ? pair[0] : Counts.NONE,
					(pair[1] != null) ? pair[1] : Counts.NONE));
		}
		return snapshot;
	}

	/**
	 * The findings about report-only policies: {@code csp.report-only.blocking} when a
	 * report-only policy was violated within the quiet period (naming what would break),
	 * {@code csp.report-only.ready} when it was not, for the whole quiet period, over at
	 * least {@code minResponses} responses.
	 * @param reportOnlyPolicyIds the ids of the policies that have a report-only policy
	 * @param quietPeriod how long a report-only policy must go without violations
	 * @param minResponses how many responses must have carried it meanwhile
	 * @param property the property name findings point to
	 * @return the findings
	 */
	public List<Finding> findings(Iterable<String> reportOnlyPolicyIds, Duration quietPeriod, long minResponses,
			String property) {
		long now = this.clock.millis();
		List<Finding> findings = new ArrayList<>();
		for (String id : reportOnlyPolicyIds) {
			Traffic traffic = traffic(id);
			long lastViolation = traffic.lastViolation;
			if (lastViolation != Long.MIN_VALUE && now - lastViolation < quietPeriod.toMillis()) {
				Tally tally = this.tallies.get(id + '\n' + CspViolationReport.REPORT);
				Counts counts = (tally != null) ? tally.counts(now) : Counts.NONE;
				findings.add(new Finding(Finding.Severity.WARNING, "csp.report-only.blocking",
						"The report-only Content-Security-Policy '" + id + "' was violated " + ago(now - lastViolation)
								+ " ago; enforced, it would block " + describe(counts.topDirectives())
								+ " (blocked origins: " + describe(counts.topBlockedOrigins())
								+ "). Allow what the page needs, or fix the page, before enforcing it.",
						property));
				continue;
			}
			long quietFor = now - traffic.quietSince;
			long responses = traffic.responses.sum();
			if (quietFor >= quietPeriod.toMillis() && responses >= minResponses) {
				findings.add(new Finding(Finding.Severity.INFO, "csp.report-only.ready",
						"The report-only Content-Security-Policy '" + id + "' had no violations for " + ago(quietFor)
								+ " over " + responses
								+ " responses: it is ready to be enforced (move it to the enforced policy).",
						property));
			}
		}
		return findings;
	}

	private static String describe(Map<String, Long> top) {
		if (top.isEmpty()) {
			return "nothing named";
		}
		StringBuilder text = new StringBuilder();
		for (Map.Entry<String, Long> entry : top.entrySet()) {
			if (text.length() > 0) {
				text.append(", ");
			}
			text.append(UntrustedText.escape(entry.getKey())).append(" (").append(entry.getValue()).append(')');
		}
		return text.toString();
	}

	private static String ago(long millis) {
		Duration duration = Duration.ofMillis(Math.max(0, millis));
		if (duration.toDays() > 0) {
			return duration.toDays() + "d " + duration.toHoursPart() + "h";
		}
		if (duration.toHours() > 0) {
			return duration.toHours() + "h " + duration.toMinutesPart() + "m";
		}
		if (duration.toMinutes() > 0) {
			return duration.toMinutes() + "m";
		}
		return duration.toSeconds() + "s";
	}

	/**
	 * The reports of one policy id.
	 *
	 * @param enforce the reports about its enforced policy
	 * @param report the reports about its report-only policy
	 */
	public record PolicyReports(Counts enforce, Counts report) {

		/** Both dispositions added up. */
		public Counts total() {
			return Counts.add(this.enforce, this.report);
		}

	}

	/**
	 * Counts of accepted reports (duplicates included).
	 *
	 * @param lastHour in the last hour
	 * @param lastDay in the last day (whole hours)
	 * @param total since the start
	 * @param topDirectives the most violated directives, most first, at most
	 * {@value #TOP}
	 * @param topBlockedOrigins the most blocked origins, most first, at most
	 * {@value #TOP}
	 */
	public record Counts(long lastHour, long lastDay, long total, Map<String, Long> topDirectives,
			Map<String, Long> topBlockedOrigins) {

		/** No reports. */
		public static final Counts NONE = new Counts(0, 0, 0, Map.of(), Map.of());

		static Counts add(Counts a, Counts b) {
			return new Counts(a.lastHour + b.lastHour, a.lastDay + b.lastDay, a.total + b.total,
					top(merge(a.topDirectives, b.topDirectives)), top(merge(a.topBlockedOrigins, b.topBlockedOrigins)));
		}

		private static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
			Map<String, Long> merged = new HashMap<>(a);
			for (Map.Entry<String, Long> entry : b.entrySet()) {
				Long count = merged.get(entry.getKey());
				merged.put(entry.getKey(), (count != null) ? count + entry.getValue() : entry.getValue());
			}
			return merged;
		}

	}

	static Map<String, Long> top(Map<String, Long> counts) {
		List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
		entries.sort(ByCountThenName.INSTANCE);
		Map<String, Long> top = new LinkedHashMap<>();
		for (int i = 0; i < entries.size() && i < TOP; i++) {
			top.put(entries.get(i).getKey(), entries.get(i).getValue());
		}
		return top;
	}

	private static final class ByCountThenName implements java.util.Comparator<Map.Entry<String, Long>> {

		static final ByCountThenName INSTANCE = new ByCountThenName();

		@Override
		public int compare(Map.Entry<String, Long> a, Map.Entry<String, Long> b) {
			int byCount = Long.compare(b.getValue(), a.getValue());
			return (byCount != 0) ? byCount : a.getKey().compareTo(b.getKey());
		}

	}

	/**
	 * The responses that carried one report-only policy since its last violation (or the
	 * start). Internal.
	 */
	public static final class Traffic {

		private final LongAdder responses = new LongAdder();

		private volatile long quietSince;

		private volatile long lastViolation = Long.MIN_VALUE;

		Traffic(long start) {
			this.quietSince = start;
		}

		/** A response carried the policy. */
		public void response() {
			this.responses.increment();
		}

		void violation(long now) {
			this.lastViolation = now;
			this.quietSince = now;
			this.responses.reset();
		}

		/** The responses counted since the last violation. */
		public long responses() {
			return this.responses.sum();
		}

	}

	/** The counts of one policy id and disposition. */
	private static final class Tally {

		private final long[] minutes = new long[60];

		private final long[] minuteIndex = new long[60];

		private final long[] hours = new long[24];

		private final long[] hourIndex = new long[24];

		private long total;

		private final Map<String, Long> directives = new HashMap<>();

		private final Map<String, Long> origins = new HashMap<>();

		synchronized void add(long now, String directive, String origin) {
			long minute = Math.floorDiv(now, MINUTE);
			int m = (int) Math.floorMod(minute, 60L);
			if (this.minuteIndex[m] != minute) {
				this.minuteIndex[m] = minute;
				this.minutes[m] = 0;
			}
			this.minutes[m]++;
			long hour = Math.floorDiv(now, HOUR);
			int h = (int) Math.floorMod(hour, 24L);
			if (this.hourIndex[h] != hour) {
				this.hourIndex[h] = hour;
				this.hours[h] = 0;
			}
			this.hours[h]++;
			this.total++;
			increment(this.directives, directive);
			if (origin != null) {
				increment(this.origins,
						(this.origins.containsKey(origin) || this.origins.size() < MAX_ORIGINS) ? origin : "other");
			}
		}

		private static void increment(Map<String, Long> counts, String key) {
			Long count = counts.get(key);
			counts.put(key, (count != null) ? count + 1 : 1L);
		}

		synchronized Counts counts(long now) {
			long minute = Math.floorDiv(now, MINUTE);
			long hour = Math.floorDiv(now, HOUR);
			long lastHour = 0;
			for (int i = 0; i < 60; i++) {
				if (this.minutes[i] > 0 && this.minuteIndex[i] > minute - 60 && this.minuteIndex[i] <= minute) {
					lastHour += this.minutes[i];
				}
			}
			long lastDay = 0;
			for (int i = 0; i < 24; i++) {
				if (this.hours[i] > 0 && this.hourIndex[i] > hour - 24 && this.hourIndex[i] <= hour) {
					lastDay += this.hours[i];
				}
			}
			return new Counts(lastHour, lastDay, this.total, top(this.directives), top(this.origins));
		}

	}

}
