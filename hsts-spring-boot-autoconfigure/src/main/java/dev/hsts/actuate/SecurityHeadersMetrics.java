package dev.hsts.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

import dev.hsts.core.HstsStage;
import dev.hsts.core.LivePolicy;
import dev.hsts.core.PolicyChangeListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges that let a dashboard follow a rollout: {@code security.headers.hsts.max-age}
 * (the max-age sent now, in seconds; 0 when revoked or off) and
 * {@code security.headers.hsts.stage} (the active stage, 0 when none), and
 * {@code security.headers.policy.version}. Read when the registry is scraped; no
 * per-request cost. Also binds the refresh counter ({@link PolicyRefreshMetrics}) and
 * tells it about each change: one bean for the starter's metrics of the policy (each bean
 * costs the start-up a few milliseconds, issue 21).
 */
public class SecurityHeadersMetrics implements MeterBinder, PolicyChangeListener {

	/** The max-age gauge. */
	public static final String MAX_AGE = "security.headers.hsts.max-age";

	/** The stage gauge. */
	public static final String STAGE = "security.headers.hsts.stage";

	/** The policy version gauge. */
	public static final String VERSION = "security.headers.policy.version";

	private final LivePolicy policy;

	private final Clock clock;

	private final PolicyRefreshMetrics refreshes = new PolicyRefreshMetrics();

	/**
	 * Gauges that follow the policy in force.
	 * @param policy the policy in force
	 * @param clock the rollout clock
	 */
	public SecurityHeadersMetrics(LivePolicy policy, Clock clock) {
		this.policy = policy;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(MAX_AGE, this, new Reading(Reading.MAX_AGE))
			.description("The Strict-Transport-Security max-age sent now, in seconds (0 when revoked or off)")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder(STAGE, this, new Reading(Reading.STAGE))
			.description("The active HSTS rollout stage, counted from 1 (0 when none is active)")
			.register(registry);
		Gauge.builder(VERSION, this, new Reading(Reading.VERSION))
			.description("The version of the security headers policy in force, counted from 1 (the policy the "
					+ "application started with); it goes up by one with each change applied while it runs")
			.register(registry);
		this.refreshes.bindTo(registry);
	}

	@Override
	public void applied(LivePolicy.Version version) {
		this.refreshes.applied(version);
	}

	@Override
	public void rejected(LivePolicy.Rejection rejection) {
		this.refreshes.rejected(rejection);
	}

	double maxAgeSeconds() {
		Instant now = this.clock.instant();
		return this.policy.hsts().activeStageAt(now).map(HstsStage::maxAgeSeconds).orElse(0L);
	}

	double version() {
		return this.policy.current().number();
	}

	double stage() {
		return this.policy.hsts().activeStageAt(this.clock.instant()).map(HstsStage::number).orElse(0);
	}

	/**
	 * What a gauge reads: one class for the three instead of three method references,
	 * which would each be a class of its own, spun while the context starts (issue 21).
	 */
	private static final class Reading implements ToDoubleFunction<SecurityHeadersMetrics> {

		static final int MAX_AGE = 0;

		static final int STAGE = 1;

		static final int VERSION = 2;

		private final int what;

		Reading(int what) {
			this.what = what;
		}

		@Override
		public double applyAsDouble(SecurityHeadersMetrics metrics) {
			if (this.what == MAX_AGE) {
				return metrics.maxAgeSeconds();
			}
			return (this.what == STAGE) ? metrics.stage() : metrics.version();
		}

	}

}
