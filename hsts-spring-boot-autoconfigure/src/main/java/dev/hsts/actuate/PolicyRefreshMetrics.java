package dev.hsts.actuate;

import dev.hsts.core.LivePolicy;
import dev.hsts.core.PolicyChangeListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Counts the changes of the policy while the application runs:
 * {@code security.headers.policy.refreshes} with {@code result=applied} or
 * {@code result=rejected}. Both are registered at startup, at 0, so an alert on
 * {@code rejected} works before the first refresh.
 */
public class PolicyRefreshMetrics implements MeterBinder, PolicyChangeListener {

	/** The counter. */
	public static final String REFRESHES = "security.headers.policy.refreshes";

	private volatile Counter applied;

	private volatile Counter rejected;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.applied = counter(registry, "applied");
		this.rejected = counter(registry, "rejected");
	}

	private static Counter counter(MeterRegistry registry, String result) {
		return Counter.builder(REFRESHES)
			.description("Changes of the security headers configuration while the application runs, by result: "
					+ "applied (a new version of the policy is in force) or rejected (the version in force stays)")
			.tag("result", result)
			.register(registry);
	}

	@Override
	public void applied(LivePolicy.Version version) {
		Counter counter = this.applied;
		if (counter != null) {
			counter.increment();
		}
	}

	@Override
	public void rejected(LivePolicy.Rejection rejection) {
		Counter counter = this.rejected;
		if (counter != null) {
			counter.increment();
		}
	}

}
