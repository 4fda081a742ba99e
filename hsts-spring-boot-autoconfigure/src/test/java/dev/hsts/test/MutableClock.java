package dev.hsts.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A clock that tests set and move; define it as a bean to drive a scheduled rollout.
 * Counts how often it is read.
 */
public final class MutableClock extends Clock {

	private volatile Instant now;

	private final AtomicInteger reads = new AtomicInteger();

	public MutableClock(Instant now) {
		this.now = now;
	}

	public void set(Instant now) {
		this.now = now;
	}

	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	/** How often the time was read ({@link #instant()}, {@link #millis()}). */
	public int reads() {
		return this.reads.get();
	}

	@Override
	public Instant instant() {
		this.reads.incrementAndGet();
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
