package dev.hsts.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an operator should know about the policies: the HSTS rollout at an instant, the
 * trusted-host check, and the HTTPS redirect. Each finding names the setting it concerns
 * relative to the configuration ({@code hsts.revoke}); its message names other settings
 * as <code>${path}</code>.
 */
public final class PolicyFindings {

	/** The code of the finding that the HTTPS redirect is an open redirect. */
	public static final String HTTPS_REDIRECT_HOST_UNCHECKED = "https-redirect.host-unchecked";

	private static final String PREFIX = "hsts.";

	private PolicyFindings() {
	}

	/**
	 * The findings of a policy.
	 * @param policy the policy
	 * @param now the instant (the stage of a scheduled rollout depends on it)
	 * @return the findings, most serious first
	 */
	public static List<Finding> hsts(HstsPolicy policy, Instant now) {
		List<Finding> findings = new ArrayList<>();
		HstsStage last = policy.finalStage();
		switch (policy.mode()) {
			case DISABLED -> findings.add(new Finding(Finding.Severity.WARNING, "hsts.disabled",
					"HSTS is switched off: browsers keep using plain HTTP when a user types the address or follows an "
							+ "http:// link. Turn it back on unless another component sends it.",
					PREFIX + "enabled"));
			case REVOKED -> findings.add(new Finding(Finding.Severity.WARNING, "hsts.revoked",
					"HSTS is revoked: every secure response sends max-age=0, so browsers forget the policy. Keep it "
							+ "on for at least the longest max-age you sent (" + last.maxAgeSeconds()
							+ " s in the plan), " + "then roll out again from stage 1.",
					PREFIX + "revoke"));
			case PINNED -> {
				HstsStage stage = policy.stages().get(policy.pinnedStage() - 1);
				if (stage.number() < last.number()) {
					findings.add(new Finding(Finding.Severity.INFO, "hsts.rollout.pinned-below-final",
							"The rollout is pinned at stage " + stage.number() + " of " + last.number() + " ("
									+ stage.headerValue() + "). When nothing has broken for a while, move on to stage "
									+ (stage.number() + 1) + ", or set ${hsts.rollout.started-at} to let it move "
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
							"The schedule reaches the final stage (" + last.headerValue() + ") at " + last.startsAt()
									+ ".",
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
				findings
					.add(new Finding(Finding.Severity.INFO, "hsts.preload.pending",
							"preload is intended but not sent yet: only the final stage qualifies (max-age of at least "
									+ HstsStage.PRELOAD_MIN_MAX_AGE + " s with includeSubDomains).",
							PREFIX + "preload"));
			}
		}
		return findings;
	}

	/**
	 * What an operator should know about the trusted-host check: it is off
	 * ({@code trusted-hosts.off}, info), or it allows every host
	 * ({@code trusted-hosts.any}, warning).
	 * @param trustedHosts the trusted-host policy
	 * @return the finding, or empty when neither
	 */
	public static Optional<Finding> trustedHosts(TrustedHosts trustedHosts) {
		if (trustedHosts.isOff()) {
			return allowedHosts(Finding.Severity.INFO, "trusted-hosts.off", "Trusted-host checks are off: requests for "
					+ "any Host reach the application. Set ${trusted-hosts.allowed} to the hosts it serves (for "
					+ "example api.example.com, *.example.com) to refuse the others with a 400.");
		}
		if (trustedHosts.allowsAnyHost()) {
			return allowedHosts(Finding.Severity.WARNING, "trusted-hosts.any", "Trusted-host checks allow every host "
					+ "(${trusted-hosts.allowed} contains '*'): only malformed Host headers are refused. Use '*' for "
					+ "local development only, and list the hosts the application serves in production.");
		}
		return Optional.empty();
	}

	/**
	 * What an operator should know about the HTTPS redirect: it sends requests to the
	 * host they name while nothing checks that host
	 * ({@code https-redirect.host-unchecked}, warning), which makes it an open redirect.
	 * Not when the rule has a host of its own, nor when the trusted-host check lists the
	 * hosts the application serves.
	 * @param rule the redirect rule
	 * @param trustedHosts the trusted-host policy, or {@code null} when there is no
	 * trusted-host check
	 * @return the finding, or empty
	 */
	public static Optional<Finding> httpsRedirect(HttpsRedirectRule rule, TrustedHosts trustedHosts) {
		if (rule.host() != null || (trustedHosts != null && !trustedHosts.isOff() && !trustedHosts.allowsAnyHost())) {
			return Optional.empty();
		}
		String unchecked = (trustedHosts != null && trustedHosts.allowsAnyHost())
				? "${trusted-hosts.allowed} contains '*'" : "trusted-host checks are off";
		return Optional.of(new Finding(Finding.Severity.WARNING, HTTPS_REDIRECT_HOST_UNCHECKED,
				"The HTTPS redirect copies the Host header of each request into its Location, and " + unchecked
						+ ": a request for any host is redirected to that host (http://evil.example/x to "
						+ "https://evil.example/x), an open redirect that a shared cache may also keep for other "
						+ "users. Set ${https-redirect.host} to the host to redirect to (for example www.example.com), "
						+ "or set ${trusted-hosts.allowed} to the hosts the application serves.",
				"https-redirect.host"));
	}

	private static Optional<Finding> allowedHosts(Finding.Severity severity, String code, String message) {
		return Optional.of(new Finding(severity, code, message, TrustedHosts.ALLOWED));
	}

}
