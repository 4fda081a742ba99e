package dev.hsts.core;

import java.time.Duration;

/**
 * One configured stage of an HSTS rollout, as the user wrote it (not yet validated).
 *
 * @param maxAge the {@code max-age} sent while this stage is active
 * @param hold how long the stage lasts before the next one starts, in a scheduled
 * rollout; {@code null} for the final stage
 * @param includeSubDomains {@code true} to send {@code includeSubDomains} from this stage
 * on, {@code false} to keep it off here, {@code null} to inherit (from the previous
 * stage; the final stage also takes the policy-wide intent)
 */
public record RolloutStage(Duration maxAge, Duration hold, Boolean includeSubDomains) {

	/**
	 * A stage that inherits {@code includeSubDomains}.
	 * @param maxAge the max-age
	 * @param hold how long it lasts, or {@code null}
	 * @return the stage
	 */
	public static RolloutStage of(Duration maxAge, Duration hold) {
		return new RolloutStage(maxAge, hold, null);
	}

}
