package dev.hsts.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules for changing the HSTS policy of a running application, on top of those every
 * policy meets at startup: what a change means for browsers that already saw the policy
 * in force. Browsers keep what they stored for its max-age, so a change does not undo
 * what the previous version promised.
 *
 * <p>
 * One change is refused: from no HSTS at all (switched off, not started, or revoked) to
 * the final stage of a rollout, or to a max-age of a year or more, in one step. That is
 * the jump a staged rollout exists to prevent: a host that cannot serve HTTPS would lock
 * its users out for the whole max-age, with no short stage to show it first. Restarting
 * with such a policy is the deliberate way to do it.
 *
 * <p>
 * Warnings: {@code includeSubDomains} or {@code preload} dropped after browsers stored
 * them, stages skipped. Information: a shorter max-age.
 */
public final class PolicyTransitions {

	private PolicyTransitions() {
	}

	/**
	 * Checks a change.
	 * @param from the policy in force
	 * @param to the policy that would replace it
	 * @param now the instant of the change
	 * @return what the change means for browsers that saw {@code from}, naming settings
	 * relative to the configuration
	 * @throws InvalidPolicyException when the change is refused
	 */
	public static List<Finding> check(HstsPolicy from, HstsPolicy to, Instant now) {
		Optional<HstsStage> before = sentStage(from, now);
		Optional<HstsStage> after = sentStage(to, now);
		List<Finding> findings = new ArrayList<>();
		if (before.isEmpty()) {
			after.ifPresent((stage) -> refuseJump(from, to, stage));
			return findings;
		}
		HstsStage was = before.get();
		if (to.mode() == HstsMode.REVOKED || to.mode() == HstsMode.DISABLED || after.isEmpty()) {
			return findings;
		}
		HstsStage is = after.get();
		if (was.includeSubDomains() && !is.includeSubDomains()) {
			findings.add(new Finding(Finding.Severity.WARNING, "hsts.change.include-subdomains-dropped",
					"The policy no longer sends includeSubDomains, but browsers that got '" + was.headerValue()
							+ "' keep applying HSTS to every subdomain for up to " + was.maxAgeSeconds()
							+ " seconds after their last visit: a subdomain without HTTPS stays unreachable for them. "
							+ "To take it back, revoke (${hsts.revoke}=true sends max-age=0) long enough for them "
							+ "to visit again.",
					"hsts.include-subdomains"));
		}
		if (was.preload() && !is.preload()) {
			findings.add(new Finding(Finding.Severity.WARNING, "hsts.change.preload-dropped",
					"The policy no longer sends preload. That does not take the domain off the browsers' preload "
							+ "lists, which ship with the browsers: ask for removal at https://hstspreload.org/removal/ "
							+ "first, and keep HTTPS working until the browsers' next releases drop it.",
					"hsts.preload"));
		}
		if (is.number() > was.number() + 1) {
			findings.add(new Finding(Finding.Severity.WARNING, "hsts.change.stage-skipped",
					"The rollout went from stage " + was.number() + " (max-age=" + was.maxAgeSeconds() + ") to stage "
							+ is.number() + " (max-age=" + is.maxAgeSeconds() + ") in one step, skipping "
							+ ((is.number() == was.number() + 2) ? "stage " + (was.number() + 1)
									: "stages " + (was.number() + 1) + " to " + (is.number() - 1))
							+ ": the shorter stages are where a mistake costs little. Move one stage at a time.",
					"hsts.rollout.stage"));
		}
		if (is.maxAgeSeconds() < was.maxAgeSeconds()) {
			findings.add(new Finding(Finding.Severity.INFO, "hsts.change.max-age-shortened",
					"The max-age went down from " + was.maxAgeSeconds() + " to " + is.maxAgeSeconds()
							+ " seconds: a browser keeps the longer one until its next secure visit, when it stores "
							+ "the new value.",
					"hsts.rollout.stage"));
		}
		return findings;
	}

	/**
	 * The stage whose header browsers get now: none when disabled, revoked or not
	 * started.
	 */
	private static Optional<HstsStage> sentStage(HstsPolicy policy, Instant now) {
		if (policy.mode() == HstsMode.DISABLED || policy.mode() == HstsMode.REVOKED) {
			return Optional.empty();
		}
		return policy.activeStageAt(now);
	}

	private static void refuseJump(HstsPolicy from, HstsPolicy to, HstsStage stage) {
		boolean finalStage = stage.number() == to.stages().size() && to.stages().size() > 1;
		if (!finalStage && stage.maxAgeSeconds() < HstsStage.PRELOAD_MIN_MAX_AGE) {
			return;
		}
		String path = switch (from.mode()) {
			case REVOKED -> "hsts.revoke";
			case DISABLED -> "hsts.enabled";
			default -> (to.mode() == HstsMode.SCHEDULED) ? "hsts.rollout.started-at" : "hsts.rollout.stage";
		};
		String before = switch (from.mode()) {
			case REVOKED -> "were told to forget HSTS (max-age=0)";
			case DISABLED -> "got no Strict-Transport-Security (HSTS was off)";
			default -> "got no Strict-Transport-Security yet (the scheduled rollout had not started)";
		};
		throw new InvalidPolicyException(path, stage.headerValue(),
				"the change would make browsers that " + before + " store '" + stage.headerValue() + "' (stage "
						+ stage.number() + " of " + to.stages().size() + ") in one step: a host or subdomain that "
						+ "cannot serve HTTPS would lock its users out for " + stage.maxAgeSeconds()
						+ " seconds, with no short stage to show it first.",
				"Start at stage 1 (${hsts.rollout.stage}=1) and move up one stage at a time; to start at this stage "
						+ "on purpose, restart the application with it.");
	}

}
