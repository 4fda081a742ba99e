package dev.hsts.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.hsts.test.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The log limiter against a clock the test controls. */
class LogLimiterTest {

	final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

	final LogLimiter<RejectionReason> limiter = LogLimiter.perMinute(this.clock);

	@Test
	void oneLinePerMinutePerKeyWithTheCountOfSuppressedOnes() {
		assertThat(this.limiter.tryAcquire(RejectionReason.MALFORMED)).isZero();
		for (int i = 0; i < 1000; i++) {
			assertThat(this.limiter.tryAcquire(RejectionReason.MALFORMED)).isEqualTo(LogLimiter.SUPPRESSED);
		}
		assertThat(this.limiter.tryAcquire(RejectionReason.NOT_ALLOWED)).as("another key has its own window").isZero();
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.limiter.tryAcquire(RejectionReason.MALFORMED)).isEqualTo(LogLimiter.SUPPRESSED);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.limiter.tryAcquire(RejectionReason.MALFORMED)).isEqualTo(1001);
		assertThat(this.limiter.tryAcquire(RejectionReason.MALFORMED)).isEqualTo(LogLimiter.SUPPRESSED);
		this.clock.advance(Duration.ofHours(5));
		assertThat(this.limiter.tryAcquire(RejectionReason.MALFORMED)).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.limiter.tryAcquire(RejectionReason.MALFORMED)).isZero();
		assertThat(this.limiter.tryAcquire(RejectionReason.NOT_ALLOWED)).isZero();
	}

	@Test
	void aClockThatGoesBackDoesNotSilenceTheLogForever() {
		assertThat(this.limiter.tryAcquire(RejectionReason.MALFORMED)).isZero();
		assertThat(this.limiter.tryAcquire(RejectionReason.MALFORMED)).isEqualTo(LogLimiter.SUPPRESSED);
		this.clock.advance(Duration.ofDays(-1));
		assertThat(this.limiter.tryAcquire(RejectionReason.MALFORMED)).isEqualTo(1);
	}

	@Test
	void concurrentCallersLetExactlyOneLineThroughAndCountTheRest() throws Exception {
		AtomicLong permitted = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		for (int t = 0; t < 4; t++) {
			pool.execute(() -> {
				for (int i = 0; i < 10_000; i++) {
					if (this.limiter.tryAcquire(RejectionReason.NOT_ALLOWED) != LogLimiter.SUPPRESSED) {
						permitted.incrementAndGet();
					}
				}
			});
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		assertThat(permitted.get()).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.limiter.tryAcquire(RejectionReason.NOT_ALLOWED)).isEqualTo(39_999);
	}

	@Test
	void windowMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LogLimiter<String>(this.clock, Duration.ZERO));
	}

}
