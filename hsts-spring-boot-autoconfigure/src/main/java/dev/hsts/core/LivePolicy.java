package dev.hsts.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The policy in force now, and how it got there: a version counted from 1 that goes up by
 * one with each change applied while the application runs, when it was applied, what
 * changed, and the last change that was refused. Read on every scrape of the endpoint and
 * the gauges, never per request; thread-safe (one volatile read each).
 *
 * <p>
 * The header writers of a web stack are swapped as one set, separately; this records what
 * was swapped in.
 */
public final class LivePolicy {

	private volatile Version current;

	private volatile Rejection lastRejection;

	/** Whether the configuration still holds the refused change. */
	private volatile boolean rejectionPending;

	private volatile List<Finding> notApplied = List.of();

	/**
	 * The policy the application started with: version 1.
	 * @param hsts the HSTS policy
	 * @param appliedAt when it took effect (the start)
	 */
	public LivePolicy(HstsPolicy hsts, Instant appliedAt) {
		this.current = new Version(1, appliedAt, hsts, List.of(), List.of());
	}

	/**
	 * The version in force.
	 * @return the version
	 */
	public Version current() {
		return this.current;
	}

	/**
	 * The HSTS policy in force.
	 * @return the policy
	 */
	public HstsPolicy hsts() {
		return this.current.hsts();
	}

	/**
	 * Records a change that has been applied: the next version.
	 * @param hsts the HSTS policy now in force
	 * @param changes what changed, in the words of the layer that knows the settings
	 * @param findings what the change means for browsers that saw the previous version
	 * @param at when it was applied
	 * @return the new version
	 */
	public synchronized Version applied(HstsPolicy hsts, List<Change> changes, List<Finding> findings, Instant at) {
		Version next = new Version(this.current.number() + 1, at, hsts, changes, findings);
		this.current = next;
		this.rejectionPending = false;
		return next;
	}

	/**
	 * Records a change that was refused: the version in force stays.
	 * @param rejection the refusal
	 */
	public void rejected(Rejection rejection) {
		this.lastRejection = Objects.requireNonNull(rejection, "rejection");
		this.rejectionPending = true;
	}

	/**
	 * Records that the configuration is back to the version in force: a refused change is
	 * no longer pending.
	 */
	public void configurationInForce() {
		this.rejectionPending = false;
	}

	/**
	 * The last change that was refused.
	 * @return the refusal, or {@code null} when none was
	 */
	public Rejection lastRejection() {
		return this.lastRejection;
	}

	/**
	 * Whether the configuration still holds the last refused change: nothing was applied
	 * since, and the configuration did not go back to the version in force.
	 * @return whether a refusal is pending
	 */
	public boolean rejectionPending() {
		return this.rejectionPending;
	}

	/**
	 * Records the changes of the configuration that were not applied and why (settings
	 * read only at startup, headers the application writes with its own writer).
	 * @param findings one per reason, replacing those recorded before
	 */
	public void notApplied(List<Finding> findings) {
		this.notApplied = List.copyOf(findings);
	}

	/**
	 * The changes of the configuration that were not applied.
	 * @return one finding per reason
	 */
	public List<Finding> notApplied() {
		return this.notApplied;
	}

	/**
	 * One version of the policy.
	 *
	 * @param number counted from 1 (the policy the application started with)
	 * @param appliedAt when it took effect
	 * @param hsts its HSTS policy
	 * @param changes what changed from the previous version (none for version 1)
	 * @param findings what the change means for browsers that saw the previous version
	 */
	public record Version(long number, Instant appliedAt, HstsPolicy hsts, List<Change> changes,
			List<Finding> findings) {

		public Version {
			Objects.requireNonNull(appliedAt, "appliedAt");
			Objects.requireNonNull(hsts, "hsts");
			changes = List.copyOf(changes);
			findings = List.copyOf(findings);
		}

	}

	/**
	 * One setting that changed.
	 *
	 * @param setting the setting, as the layer that knows the settings names it
	 * @param from its value before, or {@code null} when it was not set
	 * @param to its value now, or {@code null} when it is no longer set
	 */
	public record Change(String setting, String from, String to) {

		public Change {
			Objects.requireNonNull(setting, "setting");
		}

	}

	/**
	 * A change that was refused.
	 *
	 * @param at when
	 * @param setting the setting whose value was refused
	 * @param value the refused value, or {@code null}
	 * @param message what is wrong and what to do, as at startup
	 */
	public record Rejection(Instant at, String setting, String value, String message) {

		public Rejection {
			Objects.requireNonNull(at, "at");
			Objects.requireNonNull(message, "message");
		}

	}

}
