package dev.hsts.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Lets one log line per key through per time window and counts the ones it holds back, so
 * that a flood (a scanner trying thousands of Host values) cannot flood the log, while
 * the next line that does get through says how many were suppressed. Thread-safe.
 *
 * @param <K> the key type (for example {@link RejectionReason})
 */
public final class LogLimiter<K> {

	/** What {@link #tryAcquire(Object)} returns when the line must not be logged. */
	public static final long SUPPRESSED = -1;

	private final Clock clock;

	private final long windowMillis;

	private final ConcurrentMap<K, Window> windows = new ConcurrentHashMap<>();

	/**
	 * @param clock the clock
	 * @param window the length of a window, at least one millisecond
	 */
	public LogLimiter(Clock clock, Duration window) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.windowMillis = Objects.requireNonNull(window, "window").toMillis();
		if (this.windowMillis < 1) {
			throw new IllegalArgumentException("The window must be at least one millisecond");
		}
	}

	/** One line per minute per key. */
	public static <K> LogLimiter<K> perMinute(Clock clock) {
		return new LogLimiter<>(clock, Duration.ofMinutes(1));
	}

	/**
	 * Asks whether a line for {@code key} may be logged now.
	 * @param key the key
	 * @return {@link #SUPPRESSED} when it may not (it is counted); otherwise how many
	 * lines for this key were suppressed since the last one that was let through (0 or
	 * more)
	 */
	public long tryAcquire(K key) {
		Window window = this.windows.computeIfAbsent(key, (k) -> new Window());
		long now = this.clock.millis();
		synchronized (window) {
			if (!window.used || now - window.startMillis >= this.windowMillis || now < window.startMillis) {
				long suppressed = window.suppressed;
				window.used = true;
				window.startMillis = now;
				window.suppressed = 0;
				return suppressed;
			}
			window.suppressed++;
			return SUPPRESSED;
		}
	}

	private static final class Window {

		private boolean used;

		private long startMillis;

		private long suppressed;

	}

}
