package dev.hsts.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules for changing a live HSTS policy: what browsers that saw the policy in force
 * keep, and the one jump that is refused.
 */
class PolicyTransitionsTest {

	private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");

	private static HstsPolicy pinned(int stage) {
		return HstsPolicy.builder().pinnedStage(stage).build();
	}

	private static List<String> codes(HstsPolicy from, HstsPolicy to) {
		return PolicyTransitions.check(from, to, NOW).stream().map(Finding::code).toList();
	}

	@Test
	void oneStageUpIsQuiet() {
		assertThat(codes(pinned(1), pinned(2))).isEmpty();
		assertThat(codes(pinned(2), pinned(3))).isEmpty();
	}

	@Test
	void fromNothingToTheFirstStageIsFine() {
		assertThat(codes(HstsPolicy.builder().enabled(false).build(), pinned(1))).isEmpty();
		assertThat(codes(HstsPolicy.builder().revoke(true).build(), pinned(1))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3 })
	void fromHstsOffToALaterStageOfARolloutIsRefusedAtTheFinalOne(int stage) {
		HstsPolicy off = HstsPolicy.builder().enabled(false).build();
		if (stage == 3) {
			assertThatExceptionOfType(InvalidPolicyException.class)
				.isThrownBy(() -> PolicyTransitions.check(off, pinned(stage), NOW))
				.satisfies((ex) -> {
					assertThat(ex.getPath()).isEqualTo("hsts.enabled");
					assertThat(ex.getValue()).isEqualTo("max-age=31536000");
					assertThat(ex.getReason()).contains("(stage 3 of 3) in one step");
					assertThat(ex.getAction()).contains("${hsts.rollout.stage}=1");
				});
		}
		else {
			assertThat(codes(off, pinned(stage))).isEmpty();
		}
	}

	@Test
	void fromRevokedToAYearIsRefusedNamingTheKillSwitch() {
		HstsPolicy revoked = HstsPolicy.builder().pinnedStage(3).revoke(true).build();
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> PolicyTransitions.check(revoked, pinned(3), NOW))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("hsts.revoke"));
	}

	@Test
	void fromNothingToASingleStageOfAYearIsRefusedToo() {
		HstsPolicy year = HstsPolicy.builder().stages(List.of(RolloutStage.of(Duration.ofDays(365), null))).build();
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> PolicyTransitions.check(HstsPolicy.builder().enabled(false).build(), year, NOW));
		HstsPolicy day = HstsPolicy.builder().stages(List.of(RolloutStage.of(Duration.ofDays(1), null))).build();
		assertThat(codes(HstsPolicy.builder().enabled(false).build(), day)).isEmpty();
	}

	@Test
	void fromAScheduleNotStartedYetToOneAtTheFinalStageIsRefusedNamingStartedAt() {
		HstsPolicy notStarted = HstsPolicy.builder().startedAt("2027-01-01T00:00:00Z").build();
		HstsPolicy longAgo = HstsPolicy.builder().startedAt("2025-01-01T00:00:00Z").build();
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> PolicyTransitions.check(notStarted, longAgo, NOW))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("hsts.rollout.started-at"));
	}

	@Test
	void skippingAStageWarns() {
		assertThat(PolicyTransitions.check(pinned(1), pinned(3), NOW)).singleElement().satisfies((finding) -> {
			assertThat(finding.code()).isEqualTo("hsts.change.stage-skipped");
			assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
			assertThat(finding.message()).contains("skipping stage 2");
		});
	}

	@Test
	void droppingIncludeSubDomainsOrPreloadWarns() {
		HstsPolicy preloaded = HstsPolicy.builder().pinnedStage(3).includeSubDomains(true).preload(true).build();
		assertThat(codes(preloaded, pinned(3))).containsExactly("hsts.change.include-subdomains-dropped",
				"hsts.change.preload-dropped");
		assertThat(codes(preloaded, HstsPolicy.builder().pinnedStage(3).includeSubDomains(true).build()))
			.containsExactly("hsts.change.preload-dropped");
	}

	@Test
	void revokingOrSwitchingOffIsNoTransitionFinding() {
		HstsPolicy included = HstsPolicy.builder().pinnedStage(3).includeSubDomains(true).build();
		assertThat(codes(included, HstsPolicy.builder().pinnedStage(3).includeSubDomains(true).revoke(true).build()))
			.isEmpty();
		assertThat(codes(included, HstsPolicy.builder().enabled(false).build())).isEmpty();
	}

	@Test
	void aShorterMaxAgeIsInformation() {
		assertThat(PolicyTransitions.check(pinned(2), pinned(1), NOW)).singleElement()
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Finding.Severity.INFO))
			.extracting(Finding::code)
			.isEqualTo("hsts.change.max-age-shortened");
	}

	@Test
	void livePolicyCountsVersionsAndKnowsWhetherARefusalIsPending() {
		LivePolicy live = new LivePolicy(pinned(1), NOW);
		assertThat(live.current().number()).isEqualTo(1);
		live.rejected(new LivePolicy.Rejection(NOW.plusSeconds(1), "hsts.rollout.stage", "7", "no stage 7"));
		assertThat(live.rejectionPending()).isTrue();
		LivePolicy.Version two = live.applied(pinned(2), List.of(new LivePolicy.Change("hsts.rollout.stage", "1", "2")),
				List.of(), NOW.plusSeconds(2));
		assertThat(two.number()).isEqualTo(2);
		assertThat(live.hsts().headerValueAt(NOW.toEpochMilli())).isEqualTo("max-age=86400");
		assertThat(live.rejectionPending()).isFalse();
		assertThat(live.lastRejection().value()).isEqualTo("7");
	}

}
