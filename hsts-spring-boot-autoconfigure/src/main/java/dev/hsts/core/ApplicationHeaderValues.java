package dev.hsts.core;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Remembers where the application (or a library in it) set a header the starter manages
 * itself, and where it tried to add a second copy (which the starter turned into a
 * replacement). Touched only when the application sets such a header, so it costs nothing
 * otherwise; bounded by the number of managed headers.
 * <p>
 * A {@code Strict-Transport-Security} value the application sets is read the way browsers
 * read it ({@link HstsHeaderParser}); one a browser ignores is counted with the reason
 * and logged as a warning (at most once a minute), since those responses then carry no
 * HSTS at all.
 */
public class ApplicationHeaderValues {

	private static final Log logger = LogFactory.getLog(ApplicationHeaderValues.class);

	private static final String HSTS_KEY = HstsPolicy.HEADER_NAME.toLowerCase(Locale.ROOT);

	private final Map<String, Observation> observations = new ConcurrentHashMap<>();

	private final LogLimiter<String> logLimiter;

	/** With the system clock for the log's rate limit. */
	public ApplicationHeaderValues() {
		this(Clock.systemUTC());
	}

	/**
	 * @param clock the clock of the log's rate limit (one warning a minute)
	 */
	public ApplicationHeaderValues(Clock clock) {
		this.logLimiter = LogLimiter.perMinute(clock);
	}

	/**
	 * Records that the application set a managed header.
	 * @param name the header name
	 * @param value the value it set
	 * @param duplicate whether it added a second copy (turned into a replacement)
	 */
	public void record(String name, String value, boolean duplicate) {
		String key = name.toLowerCase(Locale.ROOT);
		Observation observation = this.observations.computeIfAbsent(key, (k) -> new Observation(name));
		observation.lastValue = value;
		observation.count.increment();
		if (duplicate) {
			observation.duplicates.increment();
		}
		if (key.equals(HSTS_KEY) && value != null) {
			checkHsts(observation, value);
		}
	}

	private void checkHsts(Observation observation, String value) {
		String reason;
		BrowserCheck last = observation.lastCheck;
		if (last != null && last.value.equals(value)) {
			reason = last.ignoredReason;
		}
		else {
			reason = HstsHeaderParser.parse(value).ignoredReason().orElse(null);
			observation.lastCheck = new BrowserCheck(value, reason);
		}
		if (reason == null) {
			return;
		}
		observation.ignoredValue = value;
		observation.ignoredReason = reason;
		observation.ignored.increment();
		long suppressed = this.logLimiter.tryAcquire(HSTS_KEY);
		if (suppressed != LogLimiter.SUPPRESSED && logger.isWarnEnabled()) {
			logger.warn("The application set " + HstsPolicy.HEADER_NAME + ": '" + UntrustedText.escape(value) + "' - "
					+ UntrustedText.escape(reason, 400)
					+ ". A browser that ignores it gets no HSTS from those responses. "
					+ "Fix the value, or remove it and let the starter send its policy."
					+ ((suppressed > 0) ? " (" + suppressed + " more in the last minute not logged.)"
							: " (Logged at most once a minute.)"));
		}
	}

	/** What was seen, by lower-case header name. */
	public Map<String, Observation> observations() {
		return new TreeMap<>(this.observations);
	}

	/** The last value checked and its reading. */
	private record BrowserCheck(String value, String ignoredReason) {
	}

	/** What was seen for one header. */
	public static final class Observation {

		private final String name;

		private volatile String lastValue;

		private final LongAdder count = new LongAdder();

		private final LongAdder duplicates = new LongAdder();

		private volatile BrowserCheck lastCheck;

		private volatile String ignoredValue;

		private volatile String ignoredReason;

		private final LongAdder ignored = new LongAdder();

		Observation(String name) {
			this.name = name;
		}

		/** The header name as the application spelled it first. */
		public String name() {
			return this.name;
		}

		/** The last value the application set. */
		public String lastValue() {
			return this.lastValue;
		}

		/** How many times the application set it. */
		public long count() {
			return this.count.sum();
		}

		/** How many times the application added a second copy. */
		public long duplicates() {
			return this.duplicates.sum();
		}

		/**
		 * How many times the application set a value browsers ignore (only
		 * {@code Strict-Transport-Security} is checked).
		 * @return the count
		 */
		public long browserIgnored() {
			return this.ignored.sum();
		}

		/**
		 * The last value browsers ignore.
		 * @return the value, or {@code null} when none was seen
		 */
		public String browserIgnoredValue() {
			return this.ignoredValue;
		}

		/**
		 * Why browsers ignore {@link #browserIgnoredValue()}, in browser terms
		 * ({@code ignored: max-age appears twice}).
		 * @return the reason, or {@code null} when none was seen
		 */
		public String browserIgnoredReason() {
			return this.ignoredReason;
		}

	}

}
