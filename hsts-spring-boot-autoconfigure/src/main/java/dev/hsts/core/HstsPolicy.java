package dev.hsts.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The HSTS policy: a validated rollout plan, the mode that picks the active stage, and
 * the hosts that never get the header. Immutable (but for a memo of the last host it
 * applied to); build one with {@link #builder()}, whose {@link Builder#build()} refuses a
 * plan that breaks a rollout rule (see {@link RolloutValidation}) with an
 * {@link InvalidPolicyException} naming the setting and the fix.
 */
public final class HstsPolicy {

	/** The header name (RFC 6797). */
	public static final String HEADER_NAME = "Strict-Transport-Security";

	/**
	 * What {@link HstsMode#REVOKED} sends: browsers forget the host's policy (RFC 6797
	 * section 6.1.1).
	 */
	public static final String REVOKED_HEADER_VALUE = RolloutPlan.REVOKED_HEADER_VALUE;

	/** The largest max-age accepted: user agents read it into 32-bit integers. */
	public static final long MAX_MAX_AGE_SECONDS = Integer.MAX_VALUE;

	private final RolloutPlan plan;

	private final boolean includeSubDomainsIntent;

	private final boolean preloadIntent;

	private final HostPatterns excludedHosts;

	/**
	 * Whether the value depends on the time (a scheduled rollout), and otherwise the
	 * value: kept here so that a request reads the value from the policy it reads anyway
	 * (for its host rule), not from the plan behind it.
	 */
	private final boolean dependsOnTime;

	private final String timelessHeaderValue;

	/**
	 * The server name of the last request the header applied to, as it came: the next
	 * request with the same one (nearly every request) is not parsed again. Only a pass
	 * is kept, and only the last one; a field of its own rather than a
	 * {@link LastPassedHost} (there is no second name to keep), so that the check reads
	 * one object fewer.
	 */
	private volatile String lastApplyingHost;

	private HstsPolicy(RolloutPlan plan, boolean includeSubDomainsIntent, boolean preloadIntent,
			HostPatterns excludedHosts) {
		this.plan = plan;
		this.includeSubDomainsIntent = includeSubDomainsIntent;
		this.preloadIntent = preloadIntent;
		this.excludedHosts = excludedHosts;
		this.dependsOnTime = plan.mode() == HstsMode.SCHEDULED;
		this.timelessHeaderValue = this.dependsOnTime ? null : plan.headerValueAt(0L);
	}

	/**
	 * A builder with the default plan: 300 s (hold 1 day), 86400 s (hold 7 days),
	 * 31536000 s.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The default rollout plan: 300 s for a day, 86400 s for a week, then a year.
	 * @return the stages
	 */
	public static List<RolloutStage> defaultStages() {
		return List.of(RolloutStage.of(Duration.ofSeconds(300), Duration.ofDays(1)),
				RolloutStage.of(Duration.ofSeconds(86_400), Duration.ofDays(7)),
				RolloutStage.of(Duration.ofSeconds(31_536_000), null));
	}

	/**
	 * The {@code Strict-Transport-Security} value to send at an instant, before any
	 * per-host rule.
	 * @param epochMillis the instant, as from {@link java.time.Clock#millis()}
	 * @return the value, or {@code null} when nothing is sent (disabled, or a scheduled
	 * rollout not yet started)
	 */
	public String headerValueAt(long epochMillis) {
		return this.dependsOnTime ? this.plan.headerValueAt(epochMillis) : this.timelessHeaderValue;
	}

	/**
	 * The {@code Strict-Transport-Security} value to send now, before any per-host rule;
	 * the clock is read only for a scheduled rollout.
	 * @param clock the clock that decides the stage of a scheduled rollout
	 * @return the value, or {@code null} when nothing is sent
	 */
	public String headerValue(Clock clock) {
		return this.dependsOnTime ? this.plan.headerValueAt(clock.millis()) : this.timelessHeaderValue;
	}

	/**
	 * Whether {@link #headerValueAt(long)} depends on the time: only for a scheduled
	 * rollout, not for a pinned stage, a revocation or a disabled policy.
	 * @return whether the header value depends on the time
	 */
	public boolean dependsOnTime() {
		return this.dependsOnTime;
	}

	/**
	 * The stage active at an instant.
	 * @param instant the instant
	 * @return the stage; empty when disabled, revoked or before a scheduled rollout
	 * starts
	 */
	public Optional<HstsStage> activeStageAt(Instant instant) {
		return this.plan.activeStageAt(instant);
	}

	/**
	 * The next stage change of a scheduled rollout after an instant.
	 * @param instant the instant
	 * @return the stage that starts next (its {@link HstsStage#startsAt()} says when);
	 * empty at the final stage and in every mode but {@link HstsMode#SCHEDULED}
	 */
	public Optional<HstsStage> nextStageAfter(Instant instant) {
		return this.plan.nextStageAfter(instant);
	}

	/**
	 * Whether a host may receive the header at all: not an IP literal (browsers ignore
	 * HSTS there) and not one of the excluded hosts.
	 * @param serverName the host as the server reports it
	 * @return whether HSTS applies to it
	 */
	public boolean appliesToHost(String serverName) {
		if (serverName == null) {
			return false;
		}
		if (serverName.equals(this.lastApplyingHost)) {
			return true;
		}
		String host = HostNames.normalize(serverName);
		boolean applies = !host.isEmpty() && !HostNames.isIpLiteral(host)
				&& !this.excludedHosts.matchesNormalized(host);
		if (applies) {
			this.lastApplyingHost = serverName;
		}
		return applies;
	}

	/**
	 * How the active stage is chosen.
	 * @return the mode
	 */
	public HstsMode mode() {
		return this.plan.mode();
	}

	/**
	 * The validated stages, in order.
	 * @return the stages
	 */
	public List<HstsStage> stages() {
		return this.plan.stages();
	}

	/**
	 * The pinned stage.
	 * @return the stage number (1-based) in {@link HstsMode#PINNED} mode, otherwise 0
	 */
	public int pinnedStage() {
		return this.plan.pinnedStage();
	}

	/**
	 * When a scheduled rollout started (or starts).
	 * @return the instant, or {@code null}
	 */
	public Instant startedAt() {
		return this.plan.startedAt();
	}

	/**
	 * The final stage.
	 * @return the last stage of the plan
	 */
	public HstsStage finalStage() {
		List<HstsStage> stages = this.plan.stages();
		return stages.get(stages.size() - 1);
	}

	/**
	 * Whether {@code includeSubDomains} was asked for the final stage.
	 * @return the intent
	 */
	public boolean includeSubDomainsIntent() {
		return this.includeSubDomainsIntent;
	}

	/**
	 * Whether {@code preload} was asked for (it is sent only on the final stage).
	 * @return the intent
	 */
	public boolean preloadIntent() {
		return this.preloadIntent;
	}

	/**
	 * The hosts that never get the header.
	 * @return the entries as configured
	 */
	public List<String> excludedHosts() {
		return this.excludedHosts.entries();
	}

	/** Collects the configured values; {@link #build()} validates them. */
	public static final class Builder {

		boolean enabled = true;

		List<RolloutStage> stages = defaultStages();

		Integer pinnedStage;

		String startedAt;

		boolean includeSubDomains;

		boolean preload;

		boolean revoke;

		private List<String> excludedHosts = List.of("localhost", "*.localhost", "127.0.0.0/8", "::1");

		private Builder() {
		}

		/**
		 * Whether HSTS is sent at all ({@code hsts.enabled}).
		 * @param enabled whether it is
		 * @return this builder
		 */
		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		/**
		 * The stages, in order ({@code hsts.rollout.stages}).
		 * @param stages the stages
		 * @return this builder
		 */
		public Builder stages(List<RolloutStage> stages) {
			this.stages = stages;
			return this;
		}

		/**
		 * The stage to stay at ({@code hsts.rollout.stage}).
		 * @param pinnedStage 1-based, or {@code null}
		 * @return this builder
		 */
		public Builder pinnedStage(Integer pinnedStage) {
			this.pinnedStage = pinnedStage;
			return this;
		}

		/**
		 * When a scheduled rollout starts ({@code hsts.rollout.started-at}).
		 * @param startedAt an ISO-8601 instant or offset date-time, or {@code null}
		 * @return this builder
		 */
		public Builder startedAt(String startedAt) {
			this.startedAt = startedAt;
			return this;
		}

		/**
		 * Whether the final stage sends {@code includeSubDomains}
		 * ({@code hsts.include-subdomains}).
		 * @param includeSubDomains whether it does
		 * @return this builder
		 */
		public Builder includeSubDomains(boolean includeSubDomains) {
			this.includeSubDomains = includeSubDomains;
			return this;
		}

		/**
		 * Whether the final stage sends {@code preload} ({@code hsts.preload}).
		 * @param preload whether it does
		 * @return this builder
		 */
		public Builder preload(boolean preload) {
			this.preload = preload;
			return this;
		}

		/**
		 * The kill switch: {@code max-age=0} on every secure response
		 * ({@code hsts.revoke}).
		 * @param revoke whether to revoke
		 * @return this builder
		 */
		public Builder revoke(boolean revoke) {
			this.revoke = revoke;
			return this;
		}

		/**
		 * The hosts that never get the header ({@code hsts.excluded-hosts}).
		 * @param excludedHosts names, wildcards, addresses or CIDR ranges
		 * @return this builder
		 */
		public Builder excludedHosts(List<String> excludedHosts) {
			this.excludedHosts = excludedHosts;
			return this;
		}

		/**
		 * Validates the configuration and renders every header value.
		 * @return the policy
		 * @throws InvalidPolicyException for the first value that is refused
		 */
		public HstsPolicy build() {
			RolloutPlan plan = RolloutValidation.plan(this);
			HostPatterns excluded = HostPatterns.parse(this.excludedHosts, "hsts.excluded-hosts");
			return new HstsPolicy(plan, this.includeSubDomains, this.preload, excluded);
		}

	}

}
