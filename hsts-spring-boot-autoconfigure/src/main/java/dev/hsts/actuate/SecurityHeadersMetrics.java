package dev.hsts.actuate;

import java.time.Clock;
import java.time.Instant;

import dev.hsts.core.HstsPolicy;
import dev.hsts.core.HstsStage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges that let a dashboard follow a rollout: {@code security.headers.hsts.max-age}
 * (the max-age sent now, in seconds; 0 when revoked or off) and
 * {@code security.headers.hsts.stage} (the active stage, 0 when none). Read when the
 * registry is scraped; no per-request cost.
 */
public class SecurityHeadersMetrics implements MeterBinder {

	/** The max-age gauge. */
	public static final String MAX_AGE = "security.headers.hsts.max-age";

	/** The stage gauge. */
	public static final String STAGE = "security.headers.hsts.stage";

	private final HstsPolicy policy;

	private final Clock clock;

	public SecurityHeadersMetrics(HstsPolicy policy, Clock clock) {
		this.policy = policy;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(MAX_AGE, this, SecurityHeadersMetrics::maxAgeSeconds)
			.description("The Strict-Transport-Security max-age sent now, in seconds (0 when revoked or off)")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder(STAGE, this, SecurityHeadersMetrics::stage)
			.description("The active HSTS rollout stage, counted from 1 (0 when none is active)")
			.register(registry);
	}

	double maxAgeSeconds() {
		Instant now = this.clock.instant();
		return this.policy.activeStageAt(now).map(HstsStage::maxAgeSeconds).orElse(0L);
	}

	double stage() {
		return this.policy.activeStageAt(this.clock.instant()).map(HstsStage::number).orElse(0);
	}

}
