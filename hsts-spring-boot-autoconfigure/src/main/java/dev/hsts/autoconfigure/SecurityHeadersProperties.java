package dev.hsts.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.hsts.policy.HstsPolicy;
import dev.hsts.policy.RolloutStage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration of the security headers the starter writes ({@code security.headers.*}).
 */
@ConfigurationProperties(prefix = "security.headers")
public class SecurityHeadersProperties {

	/**
	 * Whether the starter writes security headers at all. Set to false to switch every part of it off.
	 */
	private boolean enabled = true;

	/**
	 * HTTP Strict-Transport-Security.
	 */
	private final Hsts hsts = new Hsts();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Hsts getHsts() {
		return this.hsts;
	}

	/**
	 * HTTP Strict-Transport-Security (RFC 6797), rolled out in stages.
	 */
	public static class Hsts {

		/**
		 * Whether to send Strict-Transport-Security on secure responses.
		 */
		private boolean enabled = true;

		/**
		 * Whether the final stage sends includeSubDomains. Inventory your subdomains first: every one of them must
		 * serve HTTPS for as long as browsers remember the policy. A stage may turn it on earlier.
		 */
		private boolean includeSubdomains = false;

		/**
		 * Whether the final stage sends preload, asking to be built into browsers (hstspreload.org). A one-way
		 * commitment that is slow to undo; needs include-subdomains and a final max-age of at least 365d.
		 */
		private boolean preload = false;

		/**
		 * The kill switch: send max-age=0 (without includeSubDomains or preload) on every secure response, whatever
		 * the rollout says, so browsers forget the policy. Keep it on for at least the longest max-age you have sent.
		 */
		private boolean revoke = false;

		/**
		 * Hosts that never get the header: exact names, wildcards (*.example.com), IP addresses or CIDR ranges. IP
		 * literals never get it anyway (browsers ignore HSTS there), and sending it for localhost breaks the other
		 * applications a developer runs there.
		 */
		private List<String> excludedHosts = new ArrayList<>(List.of("localhost", "*.localhost", "127.0.0.0/8", "::1"));

		/**
		 * The staged rollout.
		 */
		private final Rollout rollout = new Rollout();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isIncludeSubdomains() {
			return this.includeSubdomains;
		}

		public void setIncludeSubdomains(boolean includeSubdomains) {
			this.includeSubdomains = includeSubdomains;
		}

		public boolean isPreload() {
			return this.preload;
		}

		public void setPreload(boolean preload) {
			this.preload = preload;
		}

		public boolean isRevoke() {
			return this.revoke;
		}

		public void setRevoke(boolean revoke) {
			this.revoke = revoke;
		}

		public List<String> getExcludedHosts() {
			return this.excludedHosts;
		}

		public void setExcludedHosts(List<String> excludedHosts) {
			this.excludedHosts = excludedHosts;
		}

		public Rollout getRollout() {
			return this.rollout;
		}

	}

	/**
	 * The staged rollout of HSTS: which max-age is sent, and when the next one takes over.
	 */
	public static class Rollout {

		/**
		 * The stages, in order. Each has a max-age and a hold (how long it lasts before the next stage, in a scheduled
		 * rollout); the last stage has no hold. Max-ages must not decrease. Default: 300s for 1d, then 86400s for 7d,
		 * then 31536000s.
		 */
		private List<Stage> stages = new ArrayList<>(defaultStages());

		/**
		 * The stage to stay at, counted from 1. When neither this nor started-at is set, stage 1 is used, so adding
		 * the dependency never sends a year-long policy on day one. Cannot be combined with started-at.
		 */
		private Integer stage;

		/**
		 * When the rollout started, as an ISO-8601 instant (2026-12-01T09:00:00Z). When set, the stage follows the
		 * clock: stage 1 from this instant, each next stage once the previous one's hold has passed. Every replica
		 * with the same value computes the same stage. Before it, no header is sent.
		 */
		private String startedAt;

		public List<Stage> getStages() {
			return this.stages;
		}

		public void setStages(List<Stage> stages) {
			this.stages = stages;
		}

		public Integer getStage() {
			return this.stage;
		}

		public void setStage(Integer stage) {
			this.stage = stage;
		}

		public String getStartedAt() {
			return this.startedAt;
		}

		public void setStartedAt(String startedAt) {
			this.startedAt = startedAt;
		}

		private static List<Stage> defaultStages() {
			List<Stage> stages = new ArrayList<>();
			for (RolloutStage stage : HstsPolicy.defaultStages()) {
				stages.add(new Stage(stage.maxAge(), stage.hold()));
			}
			return stages;
		}

	}

	/**
	 * One stage of the rollout.
	 */
	public static class Stage {

		/**
		 * The max-age sent during this stage, in whole seconds (300s, 1d, 365d; a bare number means seconds).
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration maxAge;

		/**
		 * How long this stage lasts before the next one, in a scheduled rollout (1d, 7d). Leave it out on the last
		 * stage.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration hold;

		/**
		 * Whether to send includeSubDomains from this stage on, before the final stage. Once on, it stays on. Unset
		 * means: as the previous stage (and, on the last stage, as security.headers.hsts.include-subdomains).
		 */
		private Boolean includeSubdomains;

		public Stage() {
		}

		Stage(Duration maxAge, Duration hold) {
			this.maxAge = maxAge;
			this.hold = hold;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public Duration getHold() {
			return this.hold;
		}

		public void setHold(Duration hold) {
			this.hold = hold;
		}

		public Boolean getIncludeSubdomains() {
			return this.includeSubdomains;
		}

		public void setIncludeSubdomains(Boolean includeSubdomains) {
			this.includeSubdomains = includeSubdomains;
		}

		RolloutStage toRolloutStage() {
			return new RolloutStage(this.maxAge, this.hold, this.includeSubdomains);
		}

	}

}
