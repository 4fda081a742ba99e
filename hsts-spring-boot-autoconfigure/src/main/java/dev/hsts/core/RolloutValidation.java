package dev.hsts.core;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a rollout plan must follow, each failing with an
 * {@link InvalidPolicyException} that names the setting and the fix: at least one stage;
 * max-ages and holds positive whole seconds; max-age never decreasing;
 * {@code includeSubDomains}, once on, stays on; every stage but the last has a hold in a
 * scheduled rollout and the last has none; a pinned stage exists and is not combined with
 * {@code started-at}; {@code preload} only on a plan whose final stage qualifies (max-age
 * of at least one year and {@code includeSubDomains}, as hstspreload.org requires).
 */
final class RolloutValidation {

	private static final String STAGES = "hsts.rollout.stages";

	private static final String PINNED_STAGE = "hsts.rollout.stage";

	private static final String STARTED_AT = "hsts.rollout.started-at";

	private RolloutValidation() {
	}

	/**
	 * Validates a configured plan and renders every header value.
	 * @param builder the configured values
	 * @return the plan
	 * @throws InvalidPolicyException for the first value that is refused
	 */
	static RolloutPlan plan(HstsPolicy.Builder builder) {
		List<RolloutStage> stages = builder.stages;
		if (stages == null || stages.isEmpty()) {
			throw new InvalidPolicyException(STAGES, null, "the rollout has no stages.",
					"List at least one stage with a max-age, or remove the property to use the default plan "
							+ "(300s for 1d, 86400s for 7d, then 31536000s).");
		}
		Instant start = parseStartedAt(builder.startedAt);
		Integer pinned = builder.pinnedStage;
		if (start != null && pinned != null) {
			throw new InvalidPolicyException(PINNED_STAGE, pinned,
					"a pinned stage and ${" + STARTED_AT + "} cannot be used together.",
					"Remove ${" + PINNED_STAGE + "} to let the stage follow the clock from ${" + STARTED_AT
							+ "}, or remove ${" + STARTED_AT + "} to stay at the pinned stage.");
		}
		if (pinned != null && (pinned < 1 || pinned > stages.size())) {
			throw new InvalidPolicyException(PINNED_STAGE, pinned,
					"there is no such stage; the plan has stages 1 to " + stages.size() + ".", "Set ${" + PINNED_STAGE
							+ "} to a number from 1 to " + stages.size() + " (stages are counted from 1).");
		}
		List<HstsStage> resolved = stages(stages, start, builder.includeSubDomains, builder.preload);
		checkPreload(resolved.get(resolved.size() - 1), builder.preload);
		HstsMode mode = !builder.enabled ? HstsMode.DISABLED
				: builder.revoke ? HstsMode.REVOKED : (start != null) ? HstsMode.SCHEDULED : HstsMode.PINNED;
		return new RolloutPlan(mode, resolved, (pinned != null) ? pinned : 1, start);
	}

	private static List<HstsStage> stages(List<RolloutStage> stages, Instant start, boolean includeSubDomains,
			boolean preload) {
		int last = stages.size() - 1;
		List<HstsStage> resolved = new ArrayList<>(stages.size());
		long previousMaxAge = 0;
		int subDomainsSince = 0;
		Instant stageStart = start;
		for (int i = 0; i <= last; i++) {
			RolloutStage stage = stages.get(i);
			String path = STAGES + "[" + i + "]";
			if (stage == null) {
				throw new InvalidPolicyException(path, null, "the stage is empty.",
						"Give the stage a max-age, e.g. max-age: 1d.");
			}
			long maxAge = maxAge(path + ".max-age", stage.maxAge(), i, previousMaxAge);
			previousMaxAge = maxAge;
			boolean isFinal = i == last;
			Boolean stageSubDomains = stage.includeSubDomains();
			if (Boolean.FALSE.equals(stageSubDomains) && subDomainsSince > 0) {
				throw new InvalidPolicyException(path + ".include-subdomains", false,
						"includeSubDomains was turned on at stage " + subDomainsSince
								+ " and cannot be turned off at a later stage: browsers keep the earlier promise.",
						"Remove include-subdomains from stage " + (i + 1)
								+ " (it inherits true), or turn it on later.");
			}
			if (isFinal && Boolean.FALSE.equals(stageSubDomains) && includeSubDomains) {
				throw new InvalidPolicyException(path + ".include-subdomains", false,
						"the final stage turns includeSubDomains off while ${hsts.include-subdomains}=true asks for it.",
						"Remove include-subdomains from the final stage, or set ${hsts.include-subdomains}=false.");
			}
			if (Boolean.TRUE.equals(stageSubDomains) && subDomainsSince == 0) {
				subDomainsSince = i + 1;
			}
			boolean subDomains = subDomainsSince > 0 || (isFinal && includeSubDomains);
			Duration hold = hold(path + ".hold", stage.hold(), i, isFinal, start != null);
			boolean preloaded = isFinal && preload && subDomains && maxAge >= HstsStage.PRELOAD_MIN_MAX_AGE;
			resolved.add(new HstsStage(i + 1, maxAge, hold, subDomains, preloaded,
					HstsStage.render(maxAge, subDomains, preloaded), stageStart));
			if (stageStart != null && hold != null) {
				stageStart = plusSaturated(stageStart, hold);
			}
		}
		return resolved;
	}

	private static long maxAge(String path, Duration configured, int index, long previousMaxAge) {
		long maxAge = wholeSeconds(path, configured);
		if (maxAge > HstsPolicy.MAX_MAX_AGE_SECONDS) {
			throw new InvalidPolicyException(path, configured,
					"the max-age is larger than " + HstsPolicy.MAX_MAX_AGE_SECONDS
							+ " seconds, which user agents cannot store.",
					"Use at most 365d (31536000 s); browsers cap the policy at about a year anyway.");
		}
		if (maxAge < previousMaxAge) {
			throw new InvalidPolicyException(path, configured,
					"stage " + (index + 1) + " has a lower max-age (" + maxAge + " s) than stage " + index + " ("
							+ previousMaxAge + " s); a rollout must never shorten the policy browsers already hold.",
					"Order the stages by increasing max-age, e.g. 300s, 1d, 365d. To withdraw HSTS, set "
							+ "${hsts.revoke}=true.");
		}
		return maxAge;
	}

	private static Duration hold(String path, Duration hold, int index, boolean isFinal, boolean scheduled) {
		if (hold != null) {
			if (isFinal) {
				throw new InvalidPolicyException(path, hold,
						"the final stage has a hold, but there is no later stage to move to.",
						"Remove the hold from the last stage, or add the stage that should follow it.");
			}
			wholeSeconds(path, hold);
		}
		else if (!isFinal && scheduled) {
			throw new InvalidPolicyException(path, null, "stage " + (index + 1)
					+ " has no hold, so a scheduled rollout cannot know when stage " + (index + 2) + " starts.",
					"Give every stage but the last a hold, e.g. hold: 7d.");
		}
		return hold;
	}

	private static void checkPreload(HstsStage finalStage, boolean preload) {
		if (preload && !finalStage.includeSubDomains()) {
			throw new InvalidPolicyException("hsts.preload", true,
					"preload requires includeSubDomains on the final stage (hstspreload.org refuses the domain without it).",
					"Set ${hsts.include-subdomains}=true after checking that every subdomain serves HTTPS, "
							+ "or set ${hsts.preload}=false.");
		}
		if (preload && finalStage.maxAgeSeconds() < HstsStage.PRELOAD_MIN_MAX_AGE) {
			throw new InvalidPolicyException("hsts.preload", true,
					"preload requires a max-age of at least 31536000 s (one year) on the final stage, which has "
							+ finalStage.maxAgeSeconds() + " s.",
					"Make the final stage's max-age at least 365d, or set ${hsts.preload}=false.");
		}
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
								+ "or 2026-12-01T10:00:00+01:00. Every replica with the same value computes the same "
								+ "stage.");
			}
		}
	}

	private static long wholeSeconds(String path, Duration duration) {
		if (duration == null) {
			throw new InvalidPolicyException(path, null, "it is missing.",
					"Give a duration in whole seconds, e.g. 300s, 1d or 365d.");
		}
		if (duration.isNegative() || duration.isZero()) {
			String revoke = path.endsWith("max-age")
					? " To tell browsers to forget the policy, set ${hsts.revoke}=true instead." : "";
			throw new InvalidPolicyException(path, duration, "it must be positive.",
					"Give a positive duration in whole seconds, e.g. 300s, 1d or 365d." + revoke);
		}
		if (duration.getNano() != 0) {
			throw new InvalidPolicyException(path, duration, "it is not a whole number of seconds.",
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
