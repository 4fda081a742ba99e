package dev.hsts.core;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts refused requests by reason, for the actuator endpoint (with or without
 * Micrometer).
 */
public final class TrustedHostRejectionCounts implements TrustedHostRejectionListener {

	private final Map<RejectionReason, LongAdder> counts = new EnumMap<>(RejectionReason.class);

	/** Counts from zero. */
	public TrustedHostRejectionCounts() {
		for (RejectionReason reason : RejectionReason.values()) {
			this.counts.put(reason, new LongAdder());
		}
	}

	@Override
	public void rejected(HostRejection rejection) {
		this.counts.get(rejection.reason()).increment();
	}

	/**
	 * The counts so far.
	 * @return the counts by reason id ({@code not-allowed}, {@code malformed})
	 */
	public Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.counts.forEach((reason, count) -> counts.put(reason.id(), count.sum()));
		return counts;
	}

}
