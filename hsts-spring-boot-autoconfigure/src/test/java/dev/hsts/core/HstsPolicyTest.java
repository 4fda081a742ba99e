package dev.hsts.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.hsts.autoconfigure.InvalidSecurityHeadersPropertyException;
import dev.hsts.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HstsPolicyTest {

	private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

	private static final long NOW = START.toEpochMilli();

	private static RolloutStage stage(String maxAge, String hold) {
		return RolloutStage.of(Duration.parse(maxAge), (hold != null) ? Duration.parse(hold) : null);
	}

	private static RolloutStage stage(String maxAge, String hold, Boolean includeSubDomains) {
		return new RolloutStage(Duration.parse(maxAge), (hold != null) ? Duration.parse(hold) : null,
				includeSubDomains);
	}

	@Test
	void defaultPolicyIsPinnedAtTheFirstStage() {
		HstsPolicy policy = HstsPolicy.builder().build();
		assertThat(policy.mode()).isEqualTo(HstsMode.PINNED);
		assertThat(policy.pinnedStage()).isEqualTo(1);
		assertThat(policy.headerValueAt(NOW)).isEqualTo("max-age=300");
		assertThat(policy.stages()).extracting(HstsStage::headerValue)
			.containsExactly("max-age=300", "max-age=86400", "max-age=31536000");
		assertThat(policy.stages()).extracting(HstsStage::hold)
			.containsExactly(Duration.ofDays(1), Duration.ofDays(7), null);
	}

	@Test
	void eachPinnedStageSendsItsValue() {
		assertThat(HstsPolicy.builder().pinnedStage(2).build().headerValueAt(NOW)).isEqualTo("max-age=86400");
		assertThat(HstsPolicy.builder().pinnedStage(3).build().headerValueAt(NOW)).isEqualTo("max-age=31536000");
	}

	@Test
	void rendersDirectivesInCanonicalOrder() {
		assertThat(HstsStage.render(300, false, false)).isEqualTo("max-age=300");
		assertThat(HstsStage.render(300, true, false)).isEqualTo("max-age=300; includeSubDomains");
		assertThat(HstsStage.render(31536000, true, true)).isEqualTo("max-age=31536000; includeSubDomains; preload");
	}

	@Test
	void includeSubDomainsAndPreloadAreFinalStageIntents() {
		HstsPolicy policy = HstsPolicy.builder().includeSubDomains(true).preload(true).build();
		assertThat(policy.stages()).extracting(HstsStage::headerValue)
			.containsExactly("max-age=300", "max-age=86400", "max-age=31536000; includeSubDomains; preload");
	}

	@Test
	void aStageCanTurnIncludeSubDomainsOnEarlierAndItStaysOn() {
		HstsPolicy policy = HstsPolicy.builder()
			.stages(List.of(stage("PT300S", "P1D"), stage("PT86400S", "P7D", true), stage("PT31536000S", null)))
			.build();
		assertThat(policy.stages()).extracting(HstsStage::headerValue)
			.containsExactly("max-age=300", "max-age=86400; includeSubDomains", "max-age=31536000; includeSubDomains");
	}

	@Test
	void preloadIsOnlySentOnTheFinalStage() {
		HstsPolicy policy = HstsPolicy.builder().includeSubDomains(true).preload(true).pinnedStage(2).build();
		assertThat(policy.headerValueAt(NOW)).isEqualTo("max-age=86400");
	}

	@Test
	void revokeSendsMaxAgeZeroWhateverThePlanSays() {
		HstsPolicy policy = HstsPolicy.builder()
			.includeSubDomains(true)
			.preload(true)
			.pinnedStage(3)
			.revoke(true)
			.build();
		assertThat(policy.mode()).isEqualTo(HstsMode.REVOKED);
		assertThat(policy.headerValueAt(NOW)).isEqualTo("max-age=0");
		assertThat(policy.activeStageAt(START)).isEmpty();
	}

	@Test
	void disabledSendsNothing() {
		HstsPolicy policy = HstsPolicy.builder().enabled(false).build();
		assertThat(policy.mode()).isEqualTo(HstsMode.DISABLED);
		assertThat(policy.headerValueAt(NOW)).isNull();
	}

	@Test
	void theValueNowFollowsTheClockOnlyForAScheduledRollout() {
		HstsPolicy scheduled = HstsPolicy.builder().startedAt(START.toString()).build();
		MutableClock clock = new MutableClock(START.minusMillis(1));
		assertThat(scheduled.headerValue(clock)).isNull();
		clock.set(START);
		assertThat(scheduled.headerValue(clock)).isEqualTo("max-age=300");
		clock.set(START.plus(Duration.ofDays(1)));
		assertThat(scheduled.headerValue(clock)).isEqualTo("max-age=86400");
		assertThat(clock.reads()).isEqualTo(3);
		// A pinned stage, a revocation and a disabled policy never read the clock.
		MutableClock unread = new MutableClock(START);
		assertThat(HstsPolicy.builder().pinnedStage(2).build().headerValue(unread)).isEqualTo("max-age=86400");
		assertThat(HstsPolicy.builder().revoke(true).build().headerValue(unread)).isEqualTo("max-age=0");
		assertThat(HstsPolicy.builder().enabled(false).build().headerValue(unread)).isNull();
		assertThat(unread.reads()).isZero();
	}

	@Test
	void scheduledStagesChangeExactlyAtTheBoundaryInstants() {
		HstsPolicy policy = HstsPolicy.builder().startedAt(START.toString()).build();
		assertThat(policy.mode()).isEqualTo(HstsMode.SCHEDULED);
		Instant second = START.plus(Duration.ofDays(1));
		Instant third = second.plus(Duration.ofDays(7));
		assertThat(policy.stages()).extracting(HstsStage::startsAt).containsExactly(START, second, third);

		assertThat(policy.headerValueAt(START.toEpochMilli() - 1)).isNull();
		assertThat(policy.headerValueAt(START.toEpochMilli())).isEqualTo("max-age=300");
		assertThat(policy.headerValueAt(second.toEpochMilli() - 1)).isEqualTo("max-age=300");
		assertThat(policy.headerValueAt(second.toEpochMilli())).isEqualTo("max-age=86400");
		assertThat(policy.headerValueAt(third.toEpochMilli() - 1)).isEqualTo("max-age=86400");
		assertThat(policy.headerValueAt(third.toEpochMilli())).isEqualTo("max-age=31536000");
		assertThat(policy.headerValueAt(Long.MAX_VALUE)).isEqualTo("max-age=31536000");

		assertThat(policy.activeStageAt(START.minusMillis(1))).isEmpty();
		assertThat(policy.activeStageAt(second).orElseThrow().number()).isEqualTo(2);
		assertThat(policy.activeStageAt(Instant.MAX).orElseThrow().number()).isEqualTo(3);
		assertThat(policy.nextStageAfter(START.minusMillis(1)).orElseThrow().number()).isEqualTo(1);
		assertThat(policy.nextStageAfter(START).orElseThrow().startsAt()).isEqualTo(second);
		assertThat(policy.nextStageAfter(second.minusMillis(1)).orElseThrow().number()).isEqualTo(2);
		assertThat(policy.nextStageAfter(second).orElseThrow().number()).isEqualTo(3);
		assertThat(policy.nextStageAfter(third)).isEmpty();
	}

	@Test
	void startedAtAcceptsAnOffset() {
		HstsPolicy policy = HstsPolicy.builder().startedAt("2026-12-01T10:00:00+01:00").build();
		assertThat(policy.startedAt()).isEqualTo(START);
	}

	@Test
	void replicasWithTheSameConfigurationAgree() {
		HstsPolicy one = HstsPolicy.builder().startedAt(START.toString()).build();
		HstsPolicy two = HstsPolicy.builder().startedAt("2026-12-01T09:00:00.000Z").build();
		for (long offset = 0; offset < Duration.ofDays(10).toMillis(); offset += 3_600_000L) {
			assertThat(one.headerValueAt(NOW + offset)).isEqualTo(two.headerValueAt(NOW + offset));
		}
	}

	@Test
	void hugeHoldsSaturateInsteadOfOverflowing() {
		HstsPolicy policy = HstsPolicy.builder()
			.startedAt(START.toString())
			.stages(List.of(RolloutStage.of(Duration.ofSeconds(300), Duration.ofSeconds(Long.MAX_VALUE / 2)),
					RolloutStage.of(Duration.ofDays(365), null)))
			.build();
		assertThat(policy.headerValueAt(Long.MAX_VALUE - 1)).isEqualTo("max-age=300");
	}

	@Test
	void ipLiteralsAndExcludedHostsNeverGetTheHeader() {
		HstsPolicy policy = HstsPolicy.builder().build();
		assertThat(policy.appliesToHost("api.example.com")).isTrue();
		assertThat(policy.appliesToHost("API.EXAMPLE.COM.")).isTrue();
		assertThat(policy.appliesToHost("localhost.example.com")).isTrue();
		for (String host : List.of("localhost", "LOCALHOST", "localhost.", "app.localhost", "a.b.localhost",
				"127.0.0.1", "[::1]", "::1", "10.0.0.1", "192.168.1.1", "[2001:db8::1]", "127.1", "0x7f.0.0.1",
				"1.2.3.4.", "")) {
			assertThat(policy.appliesToHost(host)).as(host).isFalse();
		}
		assertThat(policy.appliesToHost(null)).isFalse();
	}

	@Test
	void excludedHostsAreConfigurable() {
		HstsPolicy policy = HstsPolicy.builder()
			.excludedHosts(List.of("*.internal.example.com", "staging.example.com"))
			.build();
		assertThat(policy.appliesToHost("a.internal.example.com")).isFalse();
		assertThat(policy.appliesToHost("staging.example.com")).isFalse();
		assertThat(policy.appliesToHost("internal.example.com")).isTrue();
		assertThat(policy.appliesToHost("localhost.example.com")).isTrue();
		assertThat(policy.appliesToHost("localhost")).isTrue();
		assertThat(policy.appliesToHost("127.0.0.1")).isFalse();
	}

	@Test
	void aHostThatGotTheHeaderLetsNoOtherHostThrough() {
		HstsPolicy policy = HstsPolicy.builder().excludedHosts(List.of("staging.example.com")).build();
		for (int i = 0; i < 2; i++) {
			assertThat(policy.appliesToHost("api.example.com")).isTrue();
			assertThat(policy.appliesToHost("staging.example.com")).isFalse();
			assertThat(policy.appliesToHost("STAGING.example.com.")).isFalse();
			assertThat(policy.appliesToHost("127.0.0.1")).isFalse();
			assertThat(policy.appliesToHost(null)).isFalse();
			assertThat(policy.appliesToHost("API.EXAMPLE.COM.")).isTrue();
		}
	}

	@Test
	void manyHostsThatGotTheHeaderLetNoOtherHostThrough() {
		// "Aa" and "BB" have the same String hash: the memo of the last host that got the
		// header must compare the hosts themselves.
		assertThat("Aa.example.com".hashCode()).isEqualTo("BB.example.com".hashCode());
		HstsPolicy policy = HstsPolicy.builder()
			.excludedHosts(List.of("BB.example.com", "*.excluded.example.com"))
			.build();
		for (int round = 0; round < 3; round++) {
			assertThat(policy.appliesToHost("Aa.example.com")).isTrue();
			assertThat(policy.appliesToHost("BB.example.com")).isFalse();
			// Many hosts in turn, so the memo misses: each gets its own answer every
			// round.
			for (int i = 0; i < 1000; i++) {
				assertThat(policy.appliesToHost("h" + i + ".example.com")).isTrue();
				assertThat(policy.appliesToHost("h" + i + ".excluded.example.com")).isFalse();
			}
		}
	}

	static Stream<Arguments> invalidConfigurations() {
		return Stream.of(
				invalid("no stages", (b) -> b.stages(List.of()), "security.headers.hsts.rollout.stages", "no stages"),
				invalid("missing max-age", (b) -> b.stages(List.of(new RolloutStage(null, null, null))),
						"security.headers.hsts.rollout.stages[0].max-age", "missing"),
				invalid("zero max-age", (b) -> b.stages(List.of(stage("PT0S", null))),
						"security.headers.hsts.rollout.stages[0].max-age", "revoke=true"),
				invalid("negative max-age", (b) -> b.stages(List.of(stage("PT-5S", null))),
						"security.headers.hsts.rollout.stages[0].max-age", "positive"),
				invalid("fractional max-age", (b) -> b.stages(List.of(stage("PT1.5S", null))),
						"security.headers.hsts.rollout.stages[0].max-age", "whole"),
				invalid("too large max-age",
						(b) -> b.stages(List.of(RolloutStage.of(Duration.ofSeconds(1L << 31), null))),
						"security.headers.hsts.rollout.stages[0].max-age", "larger"),
				invalid("decreasing", (b) -> b.stages(List.of(stage("P1D", "P1D"), stage("PT300S", null))),
						"security.headers.hsts.rollout.stages[1].max-age", "lower max-age"),
				invalid("zero hold", (b) -> b.stages(List.of(stage("PT300S", "PT0S"), stage("P1D", null))),
						"security.headers.hsts.rollout.stages[0].hold", "positive"),
				invalid("fractional hold", (b) -> b.stages(List.of(stage("PT300S", "PT0.5S"), stage("P1D", null))),
						"security.headers.hsts.rollout.stages[0].hold", "whole"),
				invalid("hold on final stage", (b) -> b.stages(List.of(stage("PT300S", "P1D"), stage("P1D", "P1D"))),
						"security.headers.hsts.rollout.stages[1].hold", "final stage"),
				invalid("missing hold when scheduled",
						(b) -> b.startedAt(START.toString()).stages(List.of(stage("PT300S", null), stage("P1D", null))),
						"security.headers.hsts.rollout.stages[0].hold", "no hold"),
				invalid("includeSubDomains turned off",
						(b) -> b.stages(List.of(stage("PT300S", "P1D", true), stage("P1D", null, false))),
						"security.headers.hsts.rollout.stages[1].include-subdomains", "cannot be turned off"),
				invalid("final stage contradicts intent",
						(b) -> b.includeSubDomains(true)
							.stages(List.of(stage("PT300S", "P1D"), stage("P365D", null, false))),
						"security.headers.hsts.rollout.stages[1].include-subdomains", "turns includeSubDomains off"),
				invalid("pinned stage zero", (b) -> b.pinnedStage(0), "security.headers.hsts.rollout.stage", "1 to 3"),
				invalid("pinned stage too high", (b) -> b.pinnedStage(4), "security.headers.hsts.rollout.stage",
						"1 to 3"),
				invalid("pinned and scheduled", (b) -> b.pinnedStage(2).startedAt(START.toString()),
						"security.headers.hsts.rollout.stage", "cannot be used together"),
				invalid("bad started-at", (b) -> b.startedAt("yesterday"), "security.headers.hsts.rollout.started-at",
						"ISO-8601"),
				invalid("started-at without zone", (b) -> b.startedAt("2026-12-01T09:00:00"),
						"security.headers.hsts.rollout.started-at", "ISO-8601"),
				invalid("preload without includeSubDomains", (b) -> b.preload(true), "security.headers.hsts.preload",
						"includeSubDomains"),
				invalid("preload with a short final stage",
						(b) -> b.preload(true)
							.includeSubDomains(true)
							.stages(List.of(stage("PT300S", "P1D"), stage("P30D", null))),
						"security.headers.hsts.preload", "31536000"),
				invalid("bad excluded host", (b) -> b.excludedHosts(List.of("localhost", "https://example.com")),
						"security.headers.hsts.excluded-hosts[1]", "scheme"));
	}

	private static Arguments invalid(String name, UnaryOperator<HstsPolicy.Builder> configuration, String property,
			String reasonFragment) {
		return Arguments.of(name, configuration, property, reasonFragment);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidConfigurations")
	void invalidConfigurationIsRefusedNamingThePropertyAndTheFix(String name,
			UnaryOperator<HstsPolicy.Builder> configuration, String property, String reasonFragment) {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> configuration.apply(HstsPolicy.builder()).build())
			.satisfies((refusal) -> {
				// As the operator reads it: the Boot layer names the full property.
				InvalidSecurityHeadersPropertyException ex = InvalidSecurityHeadersPropertyException.of(refusal);
				assertThat(ex.getProperty()).isEqualTo(property);
				assertThat(ex.getReason() + " " + ex.getAction()).contains(reasonFragment);
				assertThat(ex.getAction()).isNotBlank();
			});
	}

	@Test
	void equalMaxAgesInARowAreAllowed() {
		HstsPolicy policy = HstsPolicy.builder()
			.stages(List.of(stage("PT300S", "P1D"), stage("PT300S", "P1D", true), stage("P365D", null)))
			.build();
		assertThat(policy.stages()).extracting(HstsStage::maxAgeSeconds).containsExactly(300L, 300L, 31536000L);
	}

	@Test
	void aSingleStagePlanIsItsOwnFinalStage() {
		HstsPolicy policy = HstsPolicy.builder()
			.stages(List.of(stage("P365D", null)))
			.includeSubDomains(true)
			.preload(true)
			.build();
		assertThat(policy.headerValueAt(NOW)).isEqualTo("max-age=31536000; includeSubDomains; preload");
	}

}
