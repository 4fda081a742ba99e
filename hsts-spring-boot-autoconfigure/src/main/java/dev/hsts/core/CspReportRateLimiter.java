package dev.hsts.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed one-minute windows: at most so many requests per client address and so many
 * overall in a window. The client table holds at most {@link #MAX_CLIENTS} addresses per
 * window; once it is full, further addresses are held only to the overall limit (a flood
 * from many addresses is what the overall limit is for). Thread-safe, without locks.
 */
final class CspReportRateLimiter {

	/** The most client addresses remembered in one window. */
	static final int MAX_CLIENTS = 10_000;

	static final long WINDOW_MILLIS = 60_000;

	/** What {@link #tryAcquire} returns when the request is within the limits. */
	static final long ALLOWED = 0;

	private final int perClient;

	private final int overall;

	private final AtomicLong windowStart = new AtomicLong(Long.MIN_VALUE);

	private final AtomicInteger overallCount = new AtomicInteger();

	private final ConcurrentHashMap<String, AtomicInteger> clients = new ConcurrentHashMap<>();

	/**
	 * @param perClient requests per minute per client address
	 * @param overall requests per minute in all
	 */
	CspReportRateLimiter(int perClient, int overall) {
		this.perClient = perClient;
		this.overall = overall;
	}

	/**
	 * Counts a request.
	 * @param client the client address
	 * @param now the time in milliseconds
	 * @return {@link #ALLOWED}, or, when over a limit, the milliseconds until the window
	 * ends (at least 1), negative when the per-client limit was hit and positive when the
	 * overall one was
	 */
	long tryAcquire(String client, long now) {
		long start = this.windowStart.get();
		if (start == Long.MIN_VALUE || now - start >= WINDOW_MILLIS || now < start) {
			long newStart = now - Math.floorMod(now, WINDOW_MILLIS);
			if (this.windowStart.compareAndSet(start, newStart)) {
				this.clients.clear();
				this.overallCount.set(0);
			}
			start = this.windowStart.get();
		}
		long wait = Math.max(1, start + WINDOW_MILLIS - now);
		AtomicInteger count = this.clients.get(client);
		if (count == null && this.clients.size() < MAX_CLIENTS) {
			AtomicInteger fresh = new AtomicInteger();
			AtomicInteger raced = this.clients.putIfAbsent(client, fresh);
			count = (raced != null) ? raced : fresh;
		}
		if (count != null && count.incrementAndGet() > this.perClient) {
			return -wait;
		}
		if (this.overallCount.incrementAndGet() > this.overall) {
			return wait;
		}
		return ALLOWED;
	}

}
