package dev.hsts.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A validated rollout plan and the mode that picks its active stage. Immutable; every
 * header value is rendered when the plan is built, so answering "what is sent at this
 * instant?" is a comparison of longs and an array read.
 */
final class RolloutPlan {

	/**
	 * What {@link HstsMode#REVOKED} sends: browsers forget the host's policy (RFC 6797
	 * section 6.1.1).
	 */
	static final String REVOKED_HEADER_VALUE = "max-age=0";

	private final HstsMode mode;

	private final List<HstsStage> stages;

	private final int pinnedStage;

	private final Instant startedAt;

	private final long[] stageStartMillis;

	private final String[] headerValues;

	/**
	 * {@link #headerValueAt(long)} in every mode but {@code SCHEDULED}, where it is the
	 * same at every instant: read on every secure response instead of a switch over the
	 * mode.
	 */
	private final String constantHeaderValue;

	RolloutPlan(HstsMode mode, List<HstsStage> stages, int pinnedStage, Instant startedAt) {
		this.mode = mode;
		this.stages = List.copyOf(stages);
		this.pinnedStage = pinnedStage;
		this.startedAt = startedAt;
		this.stageStartMillis = new long[stages.size()];
		this.headerValues = new String[stages.size()];
		for (int i = 0; i < stages.size(); i++) {
			HstsStage stage = stages.get(i);
			this.headerValues[i] = stage.headerValue();
			this.stageStartMillis[i] = (stage.startsAt() != null) ? toMillisSaturated(stage.startsAt())
					: Long.MIN_VALUE;
		}
		this.constantHeaderValue = switch (mode) {
			case REVOKED -> REVOKED_HEADER_VALUE;
			case PINNED -> this.headerValues[pinnedStage - 1];
			default -> null;
		};
	}

	String headerValueAt(long epochMillis) {
		if (this.mode != HstsMode.SCHEDULED) {
			return this.constantHeaderValue;
		}
		int active = activeIndex(epochMillis);
		return (active >= 0) ? this.headerValues[active] : null;
	}

	Optional<HstsStage> activeStageAt(Instant instant) {
		switch (this.mode) {
			case PINNED:
				return Optional.of(this.stages.get(this.pinnedStage - 1));
			case SCHEDULED:
				int active = activeIndex(toMillisSaturated(instant));
				return (active >= 0) ? Optional.of(this.stages.get(active)) : Optional.empty();
			default:
				return Optional.empty();
		}
	}

	Optional<HstsStage> nextStageAfter(Instant instant) {
		if (this.mode != HstsMode.SCHEDULED) {
			return Optional.empty();
		}
		int next = activeIndex(toMillisSaturated(instant)) + 1;
		return (next < this.stages.size()) ? Optional.of(this.stages.get(next)) : Optional.empty();
	}

	/** The index of the stage a scheduled rollout is at, or -1 before it starts. */
	private int activeIndex(long epochMillis) {
		for (int i = this.stageStartMillis.length - 1; i >= 0; i--) {
			if (epochMillis >= this.stageStartMillis[i]) {
				return i;
			}
		}
		return -1;
	}

	HstsMode mode() {
		return this.mode;
	}

	List<HstsStage> stages() {
		return this.stages;
	}

	int pinnedStage() {
		return (this.mode == HstsMode.PINNED) ? this.pinnedStage : 0;
	}

	Instant startedAt() {
		return this.startedAt;
	}

	static long toMillisSaturated(Instant instant) {
		try {
			return instant.toEpochMilli();
		}
		catch (ArithmeticException ex) {
			return (instant.getEpochSecond() < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

}
