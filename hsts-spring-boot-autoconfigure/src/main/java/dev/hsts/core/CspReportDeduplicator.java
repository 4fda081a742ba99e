package dev.hsts.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells whether a violation (policy, disposition, directive, blocked URI, document URI)
 * was already seen within the de-duplication window. Holds at most {@link #MAX_ENTRIES}
 * distinct violations, each key at most about a kilobyte; when full the oldest is
 * forgotten (it may then be logged once more). Thread-safe.
 */
final class CspReportDeduplicator {

	/** The most distinct violations remembered. */
	static final int MAX_ENTRIES = 4096;

	/** The longest part of a URI that takes part in the key. */
	private static final int MAX_KEY_URI = 512;

	private final long windowMillis;

	private final Map<String, Long> firstSeen = new Table();

	/**
	 * @param windowMillis the window; 0 turns de-duplication off
	 */
	CspReportDeduplicator(long windowMillis) {
		this.windowMillis = windowMillis;
	}

	/**
	 * Whether the report repeats one seen within the window; if not, it starts a window.
	 * @param report the report
	 * @param now the time in milliseconds
	 * @return whether it is a duplicate
	 */
	boolean isDuplicate(CspViolationReport report, long now) {
		if (this.windowMillis <= 0) {
			return false;
		}
		String key = key(report);
		synchronized (this.firstSeen) {
			Long first = this.firstSeen.get(key);
			if (first != null && now - first < this.windowMillis && now >= first) {
				return true;
			}
			this.firstSeen.remove(key);
			this.firstSeen.put(key, now);
			return false;
		}
	}

	int size() {
		synchronized (this.firstSeen) {
			return this.firstSeen.size();
		}
	}

	static String key(CspViolationReport report) {
		return report.policyId() + '\n' + report.disposition() + '\n' + report.effectiveDirective() + '\n'
				+ cut(report.blockedUri()) + '\n' + cut(report.documentUri());
	}

	private static String cut(String text) {
		if (text == null) {
			return "";
		}
		return (text.length() <= MAX_KEY_URI) ? text : text.substring(0, MAX_KEY_URI);
	}

	private static final class Table extends LinkedHashMap<String, Long> {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
			return size() > MAX_ENTRIES;
		}

	}

}
