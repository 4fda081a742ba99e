package dev.hsts.policy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HSTS policy: a validated rollout plan, the mode that picks the active stage, and the hosts that never get
 * the header. Immutable, but for a memo of the last host it applied to; every header value is rendered when the
 * policy is built, so answering "what is sent at this instant?" is a comparison of longs and an array read.
 *
 * <p>Rules enforced by {@link Builder#build()}, each failing with an {@link InvalidPolicyException} that names the
 * property and the fix: at least one stage; max-ages and holds positive whole seconds; max-age never decreasing;
 * {@code includeSubDomains}, once on, stays on; every stage but the last has a hold in a scheduled rollout and the
 * last has none; a pinned stage exists and is not combined with {@code started-at}; {@code preload} only on a
 * plan whose final stage qualifies (max-age of at least one year and {@code includeSubDomains}, as
 * hstspreload.org requires).
 */
public final class HstsPolicy {

	/** The header name (RFC 6797). */
	public static final String HEADER_NAME = "Strict-Transport-Security";

	/** What {@link HstsMode#REVOKED} sends: browsers forget the host's policy (RFC 6797 section 6.1.1). */
	public static final String REVOKED_HEADER_VALUE = "max-age=0";

	/** The largest max-age accepted: user agents read it into 32-bit integers. */
	public static final long MAX_MAX_AGE_SECONDS = Integer.MAX_VALUE;

	private static final String PREFIX = "security.headers.hsts.";

	private static final String STAGES = PREFIX + "rollout.stages";

	private static final String PINNED_STAGE = PREFIX + "rollout.stage";

	private static final String STARTED_AT = PREFIX + "rollout.started-at";

	private final HstsMode mode;

	private final List<HstsStage> stages;

	private final int pinnedStage;

	private final Instant startedAt;

	private final boolean includeSubDomainsIntent;

	private final boolean preloadIntent;

	private final HostPatterns excludedHosts;

	private final long[] stageStartMillis;

	private final String[] headerValues;

	/**
	 * The last server name {@link #appliesToHost(String)} answered {@code true} for, or {@code null}: the answer
	 * depends on the name alone, so the next request for the same host (nearly every request) gets it without the
	 * name being normalized and matched again. Only the last one is kept; another host is checked as before.
	 */
	private volatile String lastApplyingHost;

	private HstsPolicy(HstsMode mode, List<HstsStage> stages, int pinnedStage, Instant startedAt,
			boolean includeSubDomainsIntent, boolean preloadIntent, HostPatterns excludedHosts) {
		this.mode = mode;
		this.stages = List.copyOf(stages);
		this.pinnedStage = pinnedStage;
		this.startedAt = startedAt;
		this.includeSubDomainsIntent = includeSubDomainsIntent;
		this.preloadIntent = preloadIntent;
		this.excludedHosts = excludedHosts;
		this.stageStartMillis = new long[stages.size()];
		this.headerValues = new String[stages.size()];
		for (int i = 0; i < stages.size(); i++) {
			HstsStage stage = stages.get(i);
			this.headerValues[i] = stage.headerValue();
			this.stageStartMillis[i] = (stage.startsAt() != null) ? toMillisSaturated(stage.startsAt()) : Long.MIN_VALUE;
		}
	}

	/** A builder with the default plan: 300 s (hold 1 day), 86400 s (hold 7 days), 31536000 s. */
	public static Builder builder() {
		return new Builder();
	}

	/** The default rollout plan: 300 s for a day, 86400 s for a week, then a year. */
	public static List<RolloutStage> defaultStages() {
		return List.of(RolloutStage.of(Duration.ofSeconds(300), Duration.ofDays(1)),
				RolloutStage.of(Duration.ofSeconds(86_400), Duration.ofDays(7)),
				RolloutStage.of(Duration.ofSeconds(31_536_000), null));
	}

	/**
	 * The {@code Strict-Transport-Security} value to send at an instant, before any per-host rule.
	 * @param epochMillis the instant, as from {@link java.time.Clock#millis()}
	 * @return the value, or {@code null} when nothing is sent (disabled, or a scheduled rollout not yet started)
	 */
	public String headerValueAt(long epochMillis) {
		switch (this.mode) {
			case DISABLED:
				return null;
			case REVOKED:
				return REVOKED_HEADER_VALUE;
			case PINNED:
				return this.headerValues[this.pinnedStage - 1];
			default:
				for (int i = this.stageStartMillis.length - 1; i >= 0; i--) {
					if (epochMillis >= this.stageStartMillis[i]) {
						return this.headerValues[i];
					}
				}
				return null;
		}
	}

	/**
	 * Whether {@link #headerValueAt(long)} depends on the time: only for a scheduled rollout, not for a pinned stage,
	 * a revocation or a disabled policy.
	 * @return whether the header value depends on the time
	 */
	public boolean dependsOnTime() {
		return this.mode == HstsMode.SCHEDULED;
	}

	/**
	 * The stage active at an instant.
	 * @param instant the instant
	 * @return the stage; empty when disabled, revoked or before a scheduled rollout starts
	 */
	public Optional<HstsStage> activeStageAt(Instant instant) {
		switch (this.mode) {
			case PINNED:
				return Optional.of(this.stages.get(this.pinnedStage - 1));
			case SCHEDULED:
				long millis = toMillisSaturated(instant);
				for (int i = this.stageStartMillis.length - 1; i >= 0; i--) {
					if (millis >= this.stageStartMillis[i]) {
						return Optional.of(this.stages.get(i));
					}
				}
				return Optional.empty();
			default:
				return Optional.empty();
		}
	}

	/**
	 * The next stage change of a scheduled rollout after an instant.
	 * @param instant the instant
	 * @return the stage that starts next (its {@link HstsStage#startsAt()} says when); empty at the final stage
	 * and in every mode but {@link HstsMode#SCHEDULED}
	 */
	public Optional<HstsStage> nextStageAfter(Instant instant) {
		if (this.mode != HstsMode.SCHEDULED) {
			return Optional.empty();
		}
		long millis = toMillisSaturated(instant);
		for (int i = 0; i < this.stageStartMillis.length; i++) {
			if (millis < this.stageStartMillis[i]) {
				return Optional.of(this.stages.get(i));
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether a host may receive the header at all: not an IP literal (browsers ignore HSTS there) and not one of
	 * the excluded hosts.
	 * @param serverName the host as the server reports it
	 * @return whether HSTS applies to it
	 */
	public boolean appliesToHost(String serverName) {
		if (serverName != null && serverName.equals(this.lastApplyingHost)) {
			return true;
		}
		String host = HostNames.normalize(serverName);
		boolean applies = !host.isEmpty() && !HostNames.isIpLiteral(host) && !this.excludedHosts.matchesNormalized(host);
		if (applies) {
			this.lastApplyingHost = serverName;
		}
		return applies;
	}

	/** How the active stage is chosen. */
	public HstsMode mode() {
		return this.mode;
	}

	/** The validated stages, in order. */
	public List<HstsStage> stages() {
		return this.stages;
	}

	/** The pinned stage number (1-based) in {@link HstsMode#PINNED} mode, otherwise 0. */
	public int pinnedStage() {
		return (this.mode == HstsMode.PINNED) ? this.pinnedStage : 0;
	}

	/** When a scheduled rollout started (or starts), or {@code null}. */
	public Instant startedAt() {
		return this.startedAt;
	}

	/** The final stage. */
	public HstsStage finalStage() {
		return this.stages.get(this.stages.size() - 1);
	}

	/** Whether {@code includeSubDomains} was asked for the final stage. */
	public boolean includeSubDomainsIntent() {
		return this.includeSubDomainsIntent;
	}

	/** Whether {@code preload} was asked for (it is sent only on the final stage). */
	public boolean preloadIntent() {
		return this.preloadIntent;
	}

	/** The hosts that never get the header. */
	public HostPatterns excludedHosts() {
		return this.excludedHosts;
	}

	private static long toMillisSaturated(Instant instant) {
		try {
			return instant.toEpochMilli();
		}
		catch (ArithmeticException ex) {
			return (instant.getEpochSecond() < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

	/** Collects the configured values; {@link #build()} validates them. */
	public static final class Builder {

		private boolean enabled = true;

		private List<RolloutStage> stages = defaultStages();

		private Integer pinnedStage;

		private String startedAt;

		private boolean includeSubDomains;

		private boolean preload;

		private boolean revoke;

		private List<String> excludedHosts = List.of("localhost", "*.localhost", "127.0.0.0/8", "::1");

		private Builder() {
		}

		/** {@code security.headers.hsts.enabled}. */
		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		/** {@code security.headers.hsts.rollout.stages}. */
		public Builder stages(List<RolloutStage> stages) {
			this.stages = stages;
			return this;
		}

		/** {@code security.headers.hsts.rollout.stage}: 1-based, or {@code null}. */
		public Builder pinnedStage(Integer pinnedStage) {
			this.pinnedStage = pinnedStage;
			return this;
		}

		/** {@code security.headers.hsts.rollout.started-at}: ISO-8601 instant or offset date-time, or {@code null}. */
		public Builder startedAt(String startedAt) {
			this.startedAt = startedAt;
			return this;
		}

		/** {@code security.headers.hsts.include-subdomains}. */
		public Builder includeSubDomains(boolean includeSubDomains) {
			this.includeSubDomains = includeSubDomains;
			return this;
		}

		/** {@code security.headers.hsts.preload}. */
		public Builder preload(boolean preload) {
			this.preload = preload;
			return this;
		}

		/** {@code security.headers.hsts.revoke}. */
		public Builder revoke(boolean revoke) {
			this.revoke = revoke;
			return this;
		}

		/** {@code security.headers.hsts.excluded-hosts}. */
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
			if (this.stages == null || this.stages.isEmpty()) {
				throw new InvalidPolicyException(STAGES, null, "the rollout has no stages.",
						"List at least one stage with a max-age, or remove the property to use the default plan "
								+ "(300s for 1d, 86400s for 7d, then 31536000s).");
			}
			Instant start = parseStartedAt(this.startedAt);
			if (start != null && this.pinnedStage != null) {
				throw new InvalidPolicyException(PINNED_STAGE, this.pinnedStage,
						"a pinned stage and " + STARTED_AT + " cannot be used together.",
						"Remove " + PINNED_STAGE + " to let the stage follow the clock from " + STARTED_AT
								+ ", or remove " + STARTED_AT + " to stay at the pinned stage.");
			}
			int last = this.stages.size() - 1;
			if (this.pinnedStage != null && (this.pinnedStage < 1 || this.pinnedStage > this.stages.size())) {
				throw new InvalidPolicyException(PINNED_STAGE, this.pinnedStage,
						"there is no such stage; the plan has stages 1 to " + this.stages.size() + ".",
						"Set " + PINNED_STAGE + " to a number from 1 to " + this.stages.size() + " (stages are counted from 1).");
			}
			List<HstsStage> resolved = new ArrayList<>(this.stages.size());
			long previousMaxAge = 0;
			boolean subDomainsOn = false;
			int subDomainsSince = 0;
			Instant stageStart = start;
			for (int i = 0; i <= last; i++) {
				RolloutStage stage = this.stages.get(i);
				String property = STAGES + "[" + i + "]";
				if (stage == null) {
					throw new InvalidPolicyException(property, null, "the stage is empty.", "Give the stage a max-age, e.g. max-age: 1d.");
				}
				long maxAge = wholeSeconds(property + ".max-age", stage.maxAge());
				if (maxAge > MAX_MAX_AGE_SECONDS) {
					throw new InvalidPolicyException(property + ".max-age", stage.maxAge(),
							"the max-age is larger than " + MAX_MAX_AGE_SECONDS + " seconds, which user agents cannot store.",
							"Use at most 365d (31536000 s); browsers cap the policy at about a year anyway.");
				}
				if (maxAge < previousMaxAge) {
					throw new InvalidPolicyException(property + ".max-age", stage.maxAge(),
							"stage " + (i + 1) + " has a lower max-age (" + maxAge + " s) than stage " + i + " (" + previousMaxAge
									+ " s); a rollout must never shorten the policy browsers already hold.",
							"Order the stages by increasing max-age, e.g. 300s, 1d, 365d. To withdraw HSTS, set "
									+ PREFIX + "revoke=true.");
				}
				previousMaxAge = maxAge;
				boolean isFinal = i == last;
				Boolean stageSubDomains = stage.includeSubDomains();
				if (Boolean.FALSE.equals(stageSubDomains) && subDomainsOn) {
					throw new InvalidPolicyException(property + ".include-subdomains", false,
							"includeSubDomains was turned on at stage " + subDomainsSince
									+ " and cannot be turned off at a later stage: browsers keep the earlier promise.",
							"Remove include-subdomains from stage " + (i + 1) + " (it inherits true), or turn it on later.");
				}
				if (isFinal && Boolean.FALSE.equals(stageSubDomains) && this.includeSubDomains) {
					throw new InvalidPolicyException(property + ".include-subdomains", false,
							"the final stage turns includeSubDomains off while " + PREFIX + "include-subdomains=true asks for it.",
							"Remove include-subdomains from the final stage, or set " + PREFIX + "include-subdomains=false.");
				}
				if (Boolean.TRUE.equals(stageSubDomains) && !subDomainsOn) {
					subDomainsOn = true;
					subDomainsSince = i + 1;
				}
				boolean subDomains = subDomainsOn || (isFinal && this.includeSubDomains);
				Duration hold = stage.hold();
				if (hold != null) {
					if (isFinal) {
						throw new InvalidPolicyException(property + ".hold", hold,
								"the final stage has a hold, but there is no later stage to move to.",
								"Remove the hold from the last stage, or add the stage that should follow it.");
					}
					wholeSeconds(property + ".hold", hold);
				}
				else if (!isFinal && start != null) {
					throw new InvalidPolicyException(property + ".hold", null,
							"stage " + (i + 1) + " has no hold, so a scheduled rollout cannot know when stage " + (i + 2) + " starts.",
							"Give every stage but the last a hold, e.g. hold: 7d.");
				}
				boolean preloaded = isFinal && this.preload && subDomains && maxAge >= HstsStage.PRELOAD_MIN_MAX_AGE;
				resolved.add(new HstsStage(i + 1, maxAge, hold, subDomains, preloaded,
						HstsStage.render(maxAge, subDomains, preloaded), stageStart));
				if (stageStart != null && hold != null) {
					stageStart = plusSaturated(stageStart, hold);
				}
			}
			HstsStage finalStage = resolved.get(last);
			if (this.preload && !finalStage.includeSubDomains()) {
				throw new InvalidPolicyException(PREFIX + "preload", true,
						"preload requires includeSubDomains on the final stage (hstspreload.org refuses the domain without it).",
						"Set " + PREFIX + "include-subdomains=true after checking that every subdomain serves HTTPS, "
								+ "or set " + PREFIX + "preload=false.");
			}
			if (this.preload && finalStage.maxAgeSeconds() < HstsStage.PRELOAD_MIN_MAX_AGE) {
				throw new InvalidPolicyException(PREFIX + "preload", true,
						"preload requires a max-age of at least 31536000 s (one year) on the final stage, which has "
								+ finalStage.maxAgeSeconds() + " s.",
						"Make the final stage's max-age at least 365d, or set " + PREFIX + "preload=false.");
			}
			HostPatterns excluded = HostPatterns.parse(this.excludedHosts, PREFIX + "excluded-hosts");
			HstsMode mode = !this.enabled ? HstsMode.DISABLED
					: this.revoke ? HstsMode.REVOKED : (start != null) ? HstsMode.SCHEDULED : HstsMode.PINNED;
			int pinned = (this.pinnedStage != null) ? this.pinnedStage : 1;
			return new HstsPolicy(mode, resolved, pinned, start, this.includeSubDomains, this.preload, excluded);
		}

		private static Instant parseStartedAt(String text) {
			if (text == null || text.isBlank()) {
				return null;
			}
			try {
				return Instant.parse(text.trim());
			}
			catch (DateTimeParseException ex) {
				try {
					return OffsetDateTime.parse(text.trim()).toInstant();
				}
				catch (DateTimeException ex2) {
					throw new InvalidPolicyException(STARTED_AT, text,
							"it is not an ISO-8601 instant with a time zone offset.",
							"Write the instant the rollout starts, in UTC or with an offset, e.g. 2026-12-01T09:00:00Z "
									+ "or 2026-12-01T10:00:00+01:00. Every replica with the same value computes the same stage.");
				}
			}
		}

		private static long wholeSeconds(String property, Duration duration) {
			if (duration == null) {
				throw new InvalidPolicyException(property, null, "it is missing.",
						"Give a duration in whole seconds, e.g. 300s, 1d or 365d.");
			}
			if (duration.isNegative() || duration.isZero()) {
				String revoke = property.endsWith("max-age") ? " To tell browsers to forget the policy, set " + PREFIX
						+ "revoke=true instead." : "";
				throw new InvalidPolicyException(property, duration, "it must be positive.",
						"Give a positive duration in whole seconds, e.g. 300s, 1d or 365d." + revoke);
			}
			if (duration.getNano() != 0) {
				throw new InvalidPolicyException(property, duration, "it is not a whole number of seconds.",
						"Round it to whole seconds, e.g. " + Math.max(1, duration.getSeconds()) + "s.");
			}
			return duration.getSeconds();
		}

		private static Instant plusSaturated(Instant instant, Duration duration) {
			try {
				return instant.plus(duration);
			}
			catch (DateTimeException | ArithmeticException ex) {
				return Instant.MAX;
			}
		}

	}

}
