package dev.hsts.web;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.http.HttpServletRequest;

import dev.hsts.policy.RejectionReason;

/** Counts refused requests by reason, for the actuator endpoint (with or without Micrometer). */
public class TrustedHostRejectionCounts implements TrustedHostRejectionListener {

	private final Map<RejectionReason, LongAdder> counts = new EnumMap<>(RejectionReason.class);

	public TrustedHostRejectionCounts() {
		for (RejectionReason reason : RejectionReason.values()) {
			this.counts.put(reason, new LongAdder());
		}
	}

	@Override
	public void rejected(HttpServletRequest request, RejectionReason reason) {
		this.counts.get(reason).increment();
	}

	/** The counts by reason id ({@code not-allowed}, {@code malformed}). */
	public Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.counts.forEach((reason, count) -> counts.put(reason.id(), count.sum()));
		return counts;
	}

}
