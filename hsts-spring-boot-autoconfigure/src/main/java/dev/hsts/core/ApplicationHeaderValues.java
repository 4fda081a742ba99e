package dev.hsts.core;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Remembers where the application (or a library in it) set a header the starter manages
 * itself, and where it tried to add a second copy (which the starter turned into a
 * replacement). Touched only when the application sets such a header, so it costs nothing
 * otherwise; bounded by the number of managed headers.
 */
public class ApplicationHeaderValues {

	private final Map<String, Observation> observations = new ConcurrentHashMap<>();

	/**
	 * Records that the application set a managed header.
	 * @param name the header name
	 * @param value the value it set
	 * @param duplicate whether it added a second copy (turned into a replacement)
	 */
	public void record(String name, String value, boolean duplicate) {
		Observation observation = this.observations.computeIfAbsent(name.toLowerCase(Locale.ROOT),
				(key) -> new Observation(name));
		observation.lastValue = value;
		observation.count.increment();
		if (duplicate) {
			observation.duplicates.increment();
		}
	}

	/** What was seen, by lower-case header name. */
	public Map<String, Observation> observations() {
		return new TreeMap<>(this.observations);
	}

	/** What was seen for one header. */
	public static final class Observation {

		private final String name;

		private volatile String lastValue;

		private final LongAdder count = new LongAdder();

		private final LongAdder duplicates = new LongAdder();

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

	}

}
