package dev.hsts.actuate;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.hsts.core.HostRejection;
import dev.hsts.core.RejectionReason;
import dev.hsts.core.TrustedHostRejectionListener;

/**
 * Counts refused requests in the Micrometer counter {@value #METRIC_NAME}, tagged
 * {@code reason} ({@code not-allowed} or {@code malformed}) and never with the host
 * itself (a scanner would create a time series per value it tries). The registry is
 * looked up on the first rejection, so an application without one pays nothing else.
 */
public final class TrustedHostRejectionMetrics implements TrustedHostRejectionListener {

	/** The name of the counter. */
	public static final String METRIC_NAME = "security.headers.trusted-hosts.rejected";

	/** The name of the tag that says why. */
	public static final String REASON_TAG = "reason";

	private final Supplier<MeterRegistry> registry;

	private volatile Map<RejectionReason, Counter> counters;

	/**
	 * @param registry the registry
	 */
	public TrustedHostRejectionMetrics(MeterRegistry registry) {
		this(() -> registry);
		Objects.requireNonNull(registry, "registry");
		counters();
	}

	/**
	 * @param registry supplies the registry when the first request is refused; may supply
	 * {@code null} (nothing is counted until it supplies one)
	 */
	public TrustedHostRejectionMetrics(Supplier<MeterRegistry> registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	@Override
	public void rejected(HostRejection rejection) {
		Map<RejectionReason, Counter> counters = counters();
		if (counters != null) {
			counters.get(rejection.reason()).increment();
		}
	}

	private Map<RejectionReason, Counter> counters() {
		Map<RejectionReason, Counter> counters = this.counters;
		if (counters == null) {
			MeterRegistry registry = this.registry.get();
			if (registry == null) {
				return null;
			}
			counters = new EnumMap<>(RejectionReason.class);
			for (RejectionReason reason : RejectionReason.values()) {
				counters.put(reason,
						Counter.builder(METRIC_NAME)
							.description("Requests refused by the trusted-host check, by reason")
							.tag(REASON_TAG, reason.id())
							.register(registry));
			}
			this.counters = counters;
		}
		return counters;
	}

}
