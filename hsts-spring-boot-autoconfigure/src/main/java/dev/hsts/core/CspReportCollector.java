package dev.hsts.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The CSP violation report collector, without a web stack: the servlet filter and the
 * WebFlux filter answer requests to {@link Settings#path()} with it. Per request an
 * adapter calls {@link #check} before reading the body (it answers 405, 415, 413 or 429
 * without reading), then reads at most {@link #maxBodySize()} bytes, answering
 * {@link #tooLarge()} if there are more, and then calls {@link #receive}, which parses,
 * samples, counts, de-duplicates, logs and tells the listeners, and answers 204 or 400.
 * Never throws for anything a client sends. Thread-safe.
 *
 * <p>
 * Internal: public for the web stack adapters and the wiring.
 */
public final class CspReportCollector {

	private static final Log LOG = LogFactory.getLog(CspReportCollector.class);

	/** The header naming the reporting endpoints of a response's policies. */
	public static final String REPORTING_ENDPOINTS = "Reporting-Endpoints";

	/** The query parameter naming the policy a report is about. */
	public static final String POLICY_PARAMETER = "policy";

	/** Why a request was refused: the {@code reason} tag of the rejected counter. */
	public static final class Reasons {

		/** Not a POST. */
		public static final String METHOD = "method";

		/** Not one of the two report media types. */
		public static final String MEDIA_TYPE = "media-type";

		/** The body is larger than the limit. */
		public static final String TOO_LARGE = "too-large";

		/** The body is not a report. */
		public static final String MALFORMED = "malformed";

		/** The policy id in the query is not one of the starter's. */
		public static final String UNKNOWN_POLICY = "unknown-policy";

		/** Over the per-client limit. */
		public static final String RATE_LIMIT_CLIENT = "rate-limit-client";

		/** Over the overall limit. */
		public static final String RATE_LIMIT_OVERALL = "rate-limit-overall";

		/** Accepted (204) but left out by sampling. */
		public static final String SAMPLED_OUT = "sampled-out";

		private Reasons() {
		}

	}

	/** At which level distinct violations are logged. */
	public enum LogLevel {

		/** Not logged. */
		OFF,
		/** Logged at DEBUG. */
		DEBUG,
		/** Logged at INFO. */
		INFO,
		/** Logged at WARN. */
		WARN

	}

	/**
	 * The collector's settings, validated by the wiring.
	 *
	 * @param path where reports are received, within the application (e.g.
	 * {@code /csp-reports})
	 * @param maxBodySize the largest body accepted, in bytes
	 * @param sampleRate the share of reports processed, 0 to 1
	 * @param perClientPerMinute requests per minute per client address
	 * @param overallPerMinute requests per minute in all
	 * @param dedupWindow how long a violation is not logged nor passed on again; zero
	 * turns de-duplication off
	 * @param logLevel the level distinct violations are logged at
	 */
	public record Settings(String path, int maxBodySize, double sampleRate, int perClientPerMinute,
			int overallPerMinute, Duration dedupWindow, LogLevel logLevel) {

		public Settings {
			Objects.requireNonNull(path, "path");
			Objects.requireNonNull(dedupWindow, "dedupWindow");
			Objects.requireNonNull(logLevel, "logLevel");
		}

	}

	/**
	 * Counts what the collector does, e.g. in Micrometer. Must be fast and must not
	 * throw. Internal.
	 */
	public interface Counters {

		/** Counts nothing. */
		Counters NONE = new Counters() {
			@Override
			public void accepted(CspViolationReport report, String directiveTag) {
			}

			@Override
			public void rejected(String reason) {
			}
		};

		/**
		 * A report was accepted (duplicates too).
		 * @param report the report
		 * @param directiveTag its directive if a known one, else {@code other}
		 */
		void accepted(CspViolationReport report, String directiveTag);

		/**
		 * A request was refused or sampled out.
		 * @param reason one of {@link Reasons}
		 */
		void rejected(String reason);

	}

	/**
	 * What to answer.
	 *
	 * @param status the status code
	 * @param reason why (one of {@link Reasons}), {@code null} for 204
	 * @param headers the headers to set (beyond none of the body: all answers are
	 * bodiless)
	 */
	public record Answer(int status, String reason, Map<String, String> headers) {

		static final Answer ACCEPTED = new Answer(204, null, Map.of());

		/**
		 * Whether the adapter should close the connection after the answer, because the
		 * body was not read to its end (413): on HTTP/1.1 with {@code Connection: close}
		 * (never on HTTP/2, where that header is not allowed; the stream is reset or the
		 * rest discarded by the server).
		 * @return whether the rest of the body is left unread
		 */
		public boolean closesConnection() {
			return this.status == 413;
		}

		static final Answer METHOD_NOT_ALLOWED = new Answer(405, Reasons.METHOD, Map.of("Allow", "POST"));

		static final Answer UNSUPPORTED_MEDIA_TYPE = new Answer(415, Reasons.MEDIA_TYPE,
				Map.of("Accept-Post", CspReportParser.CSP_REPORT + ", " + CspReportParser.REPORTS_JSON));

		static final Answer TOO_LARGE = new Answer(413, Reasons.TOO_LARGE, Map.of());

		static final Answer MALFORMED = new Answer(400, Reasons.MALFORMED, Map.of());

		static final Answer UNKNOWN_POLICY = new Answer(400, Reasons.UNKNOWN_POLICY, Map.of());

	}

	private final Settings settings;

	private final Clock clock;

	private final CspReportRateLimiter rateLimiter;

	private final CspReportDeduplicator deduplicator;

	private final CspReportStatistics statistics;

	private final Counters counters;

	private final CspReportListener[] listeners;

	private volatile Set<String> policyIds;

	private final CspReportingDirectives directives;

	/**
	 * @param settings the settings
	 * @param clock the clock
	 * @param statistics where accepted reports are counted for the endpoint
	 * @param counters where accepted and refused requests are counted (e.g. Micrometer)
	 * @param listeners told about each accepted, non-duplicate report, in order
	 * @param policyIds the policy ids reports may name ({@code default} and the named and
	 * path policies' names)
	 */
	public CspReportCollector(Settings settings, Clock clock, CspReportStatistics statistics, Counters counters,
			List<CspReportListener> listeners, Set<String> policyIds) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.statistics = Objects.requireNonNull(statistics, "statistics");
		this.counters = Objects.requireNonNull(counters, "counters");
		this.listeners = listeners.toArray(new CspReportListener[0]);
		this.policyIds = Set.copyOf(policyIds);
		this.directives = null;
		this.rateLimiter = new CspReportRateLimiter(settings.perClientPerMinute(), settings.overallPerMinute());
		this.deduplicator = new CspReportDeduplicator(settings.dedupWindow().toMillis());
	}

	/**
	 * A collector that accepts the policy ids the reporting directives know (those
	 * configured, and those written into a policy since).
	 * @param settings the settings
	 * @param clock the clock
	 * @param statistics where accepted reports are counted for the endpoint
	 * @param counters where accepted and refused requests are counted (e.g. Micrometer)
	 * @param listeners told about each accepted, non-duplicate report, in order
	 * @param directives the reporting directives the policies are written with
	 */
	public CspReportCollector(Settings settings, Clock clock, CspReportStatistics statistics, Counters counters,
			List<CspReportListener> listeners, CspReportingDirectives directives) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.statistics = Objects.requireNonNull(statistics, "statistics");
		this.counters = Objects.requireNonNull(counters, "counters");
		this.listeners = listeners.toArray(new CspReportListener[0]);
		this.policyIds = Set.of();
		this.directives = Objects.requireNonNull(directives, "directives");
		this.rateLimiter = new CspReportRateLimiter(settings.perClientPerMinute(), settings.overallPerMinute());
		this.deduplicator = new CspReportDeduplicator(settings.dedupWindow().toMillis());
	}

	/**
	 * Replaces the policy ids reports may name (after a policy refresh).
	 * @param policyIds the ids
	 */
	public void setPolicyIds(Set<String> policyIds) {
		this.policyIds = Set.copyOf(policyIds);
	}

	/** The policy ids reports may name. */
	public Set<String> getPolicyIds() {
		return (this.directives != null) ? this.directives.policyIds() : this.policyIds;
	}

	private boolean knows(String policyId) {
		return this.policyIds.contains(policyId) || (this.directives != null && this.directives.knows(policyId));
	}

	/** The settings. */
	public Settings getSettings() {
		return this.settings;
	}

	/** The statistics. */
	public CspReportStatistics getStatistics() {
		return this.statistics;
	}

	/**
	 * Whether a request is for the collector.
	 * @param pathWithinApplication the request's path within the application, as sent
	 * @return whether it equals {@link Settings#path()}
	 */
	public boolean handles(String pathWithinApplication) {
		return this.settings.path().equals(pathWithinApplication);
	}

	/** The most bytes of body to read; one more means {@link #tooLarge()}. */
	public int maxBodySize() {
		return this.settings.maxBodySize();
	}

	/**
	 * Checks a request before its body is read: method, media type, declared length and
	 * the rate limits, in this order.
	 * @param method the request method
	 * @param contentType the {@code Content-Type}, may be {@code null}
	 * @param contentLength the {@code Content-Length}, or -1 when not declared (chunked)
	 * @param clientAddress the client's address, as the server sees it
	 * @return {@code null} when the body should be read (at most {@link #maxBodySize()}
	 * bytes), else the answer
	 */
	public Answer check(String method, String contentType, long contentLength, String clientAddress) {
		if (!"POST".equals(method)) {
			return reject(Answer.METHOD_NOT_ALLOWED);
		}
		if (CspReportParser.reportMediaType(contentType) == null) {
			return reject(Answer.UNSUPPORTED_MEDIA_TYPE);
		}
		if (contentLength > this.settings.maxBodySize()) {
			return reject(Answer.TOO_LARGE);
		}
		long wait = this.rateLimiter.tryAcquire((clientAddress != null) ? clientAddress : "", this.clock.millis());
		if (wait != CspReportRateLimiter.ALLOWED) {
			String reason = (wait < 0) ? Reasons.RATE_LIMIT_CLIENT : Reasons.RATE_LIMIT_OVERALL;
			long seconds = Math.max(1, (Math.abs(wait) + 999) / 1000);
			return reject(new Answer(429, reason, Map.of("Retry-After", Long.toString(seconds))));
		}
		return null;
	}

	/**
	 * The answer for a body longer than {@link #maxBodySize()}; the adapter stops reading
	 * and closes the connection.
	 * @return the 413 answer
	 */
	public Answer tooLarge() {
		return reject(Answer.TOO_LARGE);
	}

	/**
	 * The answer for a body that could not be read (a broken chunked encoding).
	 * @return the 400 answer
	 */
	public Answer malformed() {
		return reject(Answer.MALFORMED);
	}

	/**
	 * Handles a body that {@link #check} let through.
	 * @param contentType the {@code Content-Type}
	 * @param body the body (at most {@link #maxBodySize()} bytes are read from it)
	 * @param length how many bytes of {@code body} were received
	 * @param policyId the value of the {@value #POLICY_PARAMETER} query parameter, may be
	 * {@code null}
	 * @param userAgent the {@code User-Agent}, may be {@code null}
	 * @return 204, or 400 when the body is malformed or names an unknown policy
	 */
	public Answer receive(String contentType, byte[] body, int length, String policyId, String userAgent) {
		if (length > this.settings.maxBodySize()) {
			return tooLarge();
		}
		if (policyId == null || !knows(policyId)) {
			return reject(Answer.UNKNOWN_POLICY);
		}
		String mediaType = CspReportParser.reportMediaType(contentType);
		if (mediaType == null) {
			return reject(Answer.UNSUPPORTED_MEDIA_TYPE);
		}
		Instant now = this.clock.instant();
		List<CspViolationReport> reports;
		try {
			reports = CspReportParser.parse(mediaType, body, length, policyId, userAgent, now);
		}
		catch (CspReportParser.MalformedReportException ex) {
			if (LOG.isDebugEnabled()) {
				LOG.debug("Refused a CSP report: " + ex.getMessage());
			}
			return reject(Answer.MALFORMED);
		}
		double rate = this.settings.sampleRate();
		if (rate < 1.0 && ThreadLocalRandom.current().nextDouble() >= rate) {
			this.counters.rejected(Reasons.SAMPLED_OUT);
			return Answer.ACCEPTED;
		}
		for (CspViolationReport report : reports) {
			accept(report, now.toEpochMilli());
		}
		return Answer.ACCEPTED;
	}

	private void accept(CspViolationReport report, long now) {
		String tag = CspReportParser.directiveTag(report.effectiveDirective());
		try {
			this.counters.accepted(report, tag);
		}
		catch (RuntimeException ex) {
			LOG.warn("Counting a CSP report failed", ex);
		}
		this.statistics.record(report, tag);
		if (this.deduplicator.isDuplicate(report, now)) {
			return;
		}
		log(report);
		for (CspReportListener listener : this.listeners) {
			try {
				listener.onReport(report);
			}
			catch (RuntimeException | LinkageError ex) {
				LOG.warn("The CSP report listener " + listener.getClass().getName() + " failed", ex);
			}
		}
	}

	private void log(CspViolationReport report) {
		switch (this.settings.logLevel()) {
			case OFF -> {
			}
			case DEBUG -> {
				if (LOG.isDebugEnabled()) {
					LOG.debug(describe(report));
				}
			}
			case INFO -> {
				if (LOG.isInfoEnabled()) {
					LOG.info(describe(report));
				}
			}
			case WARN -> {
				if (LOG.isWarnEnabled()) {
					LOG.warn(describe(report));
				}
			}
		}
	}

	/**
	 * One log line for a report, every browser-supplied part escaped.
	 * @param report the report
	 * @return the line
	 */
	static String describe(CspViolationReport report) {
		StringBuilder line = new StringBuilder(200);
		line.append("CSP violation (policy '")
			.append(UntrustedText.escape(report.policyId()))
			.append("', ")
			.append(report.reportOnly() ? "report-only" : "enforced")
			.append("): ")
			.append(UntrustedText.escape(report.effectiveDirective()))
			.append(report.reportOnly() ? " would block " : " blocked ")
			.append(UntrustedText.escape(report.blockedUri()))
			.append(" on ")
			.append(UntrustedText.escape(report.documentUri()));
		if (report.sourceFile() != null) {
			line.append(" (source ").append(UntrustedText.escape(report.sourceFile()));
			if (report.lineNumber() > 0) {
				line.append(':').append(report.lineNumber());
			}
			line.append(')');
		}
		if (report.sample() != null) {
			line.append(" sample \"").append(UntrustedText.escape(report.sample())).append('"');
		}
		return line.toString();
	}

	private Answer reject(Answer answer) {
		try {
			this.counters.rejected(answer.reason());
		}
		catch (RuntimeException ex) {
			LOG.warn("Counting a refused CSP report failed", ex);
		}
		return answer;
	}

	/**
	 * The value of the {@value #POLICY_PARAMETER} parameter in a raw query string.
	 * @param rawQuery the query, as sent (without {@code ?}), may be {@code null}
	 * @return the first value, as sent (policy ids need no decoding), or {@code null}
	 */
	public static String policyParameter(String rawQuery) {
		if (rawQuery == null) {
			return null;
		}
		int from = 0;
		while (from <= rawQuery.length()) {
			int end = rawQuery.indexOf('&', from);
			if (end < 0) {
				end = rawQuery.length();
			}
			if (rawQuery.startsWith(POLICY_PARAMETER + "=", from)) {
				return rawQuery.substring(from + POLICY_PARAMETER.length() + 1, end);
			}
			from = end + 1;
		}
		return null;
	}

	/**
	 * The {@code report-uri} target of a policy: {@code <path>?policy=<id>}.
	 * @param path the collector's path as a browser must request it (with the context
	 * path)
	 * @param policyId the policy id
	 * @return the URL, relative to the page's origin
	 */
	public static String reportUrl(String path, String policyId) {
		return path + "?" + POLICY_PARAMETER + "=" + policyId;
	}

	/**
	 * The Reporting API endpoint name of a policy: {@code csp-<id>}.
	 * @param policyId the policy id
	 * @return the name
	 */
	public static String endpointName(String policyId) {
		return "csp-" + policyId.toLowerCase(Locale.ROOT);
	}

}
