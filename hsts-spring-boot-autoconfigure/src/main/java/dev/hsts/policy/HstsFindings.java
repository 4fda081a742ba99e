package dev.hsts.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What an operator should know about an {@link HstsPolicy} at an instant. */
public final class HstsFindings {

	private static final String PREFIX = "security.headers.hsts.";

	private HstsFindings() {
	}

	/**
	 * The findings of a policy.
	 * @param policy the policy
	 * @param now the instant (the stage of a scheduled rollout depends on it)
	 * @return the findings, most serious first
	 */
	public static List<Finding> of(HstsPolicy policy, Instant now) {
		List<Finding> findings = new ArrayList<>();
		HstsStage last = policy.finalStage();
		switch (policy.mode()) {
			case DISABLED -> findings.add(new Finding(Finding.Severity.WARNING, "hsts.disabled",
					"HSTS is switched off: browsers keep using plain HTTP when a user types the address or follows an "
							+ "http:// link. Turn it back on unless another component sends it.",
					PREFIX + "enabled"));
			case REVOKED -> findings.add(new Finding(Finding.Severity.WARNING, "hsts.revoked",
					"HSTS is revoked: every secure response sends max-age=0, so browsers forget the policy. Keep it "
							+ "on for at least the longest max-age you sent (" + last.maxAgeSeconds() + " s in the plan), "
							+ "then roll out again from stage 1.",
					PREFIX + "revoke"));
			case PINNED -> {
				HstsStage stage = policy.stages().get(policy.pinnedStage() - 1);
				if (stage.number() < last.number()) {
					findings.add(new Finding(Finding.Severity.INFO, "hsts.rollout.pinned-below-final",
							"The rollout is pinned at stage " + stage.number() + " of " + last.number() + " ("
									+ stage.headerValue() + "). When nothing has broken for a while, move on to stage "
									+ (stage.number() + 1) + ", or set " + PREFIX + "rollout.started-at to let it move "
									+ "on by itself.",
							PREFIX + "rollout.stage"));
				}
			}
			case SCHEDULED -> {
				Optional<HstsStage> active = policy.activeStageAt(now);
				if (active.isEmpty()) {
					findings.add(new Finding(Finding.Severity.INFO, "hsts.rollout.not-started",
							"The scheduled rollout starts at " + policy.startedAt() + "; until then no HSTS is sent.",
							PREFIX + "rollout.started-at"));
				}
				if (last.startsAt() != null && last.startsAt().isAfter(now)) {
					findings.add(new Finding(Finding.Severity.INFO, "hsts.rollout.final-stage-at",
							"The schedule reaches the final stage (" + last.headerValue() + ") at " + last.startsAt() + ".",
							PREFIX + "rollout.started-at"));
				}
			}
		}
		if (policy.mode() == HstsMode.DISABLED || policy.mode() == HstsMode.REVOKED) {
			return findings;
		}
		if (last.includeSubDomains()) {
			findings.add(new Finding(Finding.Severity.INFO, "hsts.include-subdomains",
					"includeSubDomains is on: every subdomain (intranet hosts, printers, staging) must serve HTTPS for as "
							+ "long as browsers remember the policy. Keep an inventory of subdomains.",
					PREFIX + "include-subdomains"));
		}
		if (policy.preloadIntent()) {
			boolean emitted = policy.activeStageAt(now).map(HstsStage::preload).orElse(false);
			findings.add(new Finding(Finding.Severity.WARNING, "hsts.preload",
					"preload is on: once the domain is on browsers' preload lists, removing it takes months and every "
							+ "subdomain must serve HTTPS for good. Submit it at hstspreload.org only when you mean it.",
					PREFIX + "preload"));
			if (!emitted) {
				findings.add(new Finding(Finding.Severity.INFO, "hsts.preload.pending",
						"preload is intended but not sent yet: only the final stage qualifies (max-age of at least "
								+ HstsStage.PRELOAD_MIN_MAX_AGE + " s with includeSubDomains).",
						PREFIX + "preload"));
			}
		}
		return findings;
	}

}
