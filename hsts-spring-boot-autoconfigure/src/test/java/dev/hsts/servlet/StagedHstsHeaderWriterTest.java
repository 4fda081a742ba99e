package dev.hsts.servlet;

import java.time.Instant;

import dev.hsts.core.HstsPolicy;
import dev.hsts.test.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HSTS writer reads the clock only for a scheduled rollout: a pinned stage or a
 * revocation does not depend on the time, and those are most deployments.
 */
class StagedHstsHeaderWriterTest {

	private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

	@Test
	void aPinnedStageIsWrittenWithoutReadingTheClock() {
		MutableClock clock = new MutableClock(START);
		StagedHstsHeaderWriter writer = new StagedHstsHeaderWriter(HstsPolicy.builder().pinnedStage(2).build(), clock);
		assertThat(write(writer)).isEqualTo("max-age=86400");
		assertThat(clock.reads()).isZero();
	}

	@Test
	void aRevocationIsWrittenWithoutReadingTheClock() {
		MutableClock clock = new MutableClock(START);
		StagedHstsHeaderWriter writer = new StagedHstsHeaderWriter(HstsPolicy.builder().revoke(true).build(), clock);
		assertThat(write(writer)).isEqualTo("max-age=0");
		assertThat(clock.reads()).isZero();
	}

	@Test
	void aScheduledRolloutReadsTheClockOnEveryRequest() {
		MutableClock clock = new MutableClock(START.minusSeconds(1));
		HstsPolicy policy = HstsPolicy.builder().startedAt(START.toString()).build();
		StagedHstsHeaderWriter writer = new StagedHstsHeaderWriter(policy, clock);
		assertThat(write(writer)).isNull();
		clock.set(START);
		assertThat(write(writer)).isEqualTo("max-age=300");
		clock.set(START.plusSeconds(86400));
		assertThat(write(writer)).isEqualTo("max-age=86400");
		assertThat(clock.reads()).isEqualTo(3);
	}

	private static String write(StagedHstsHeaderWriter writer) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setSecure(true);
		request.setServerName("api.example.com");
		MockHttpServletResponse response = new MockHttpServletResponse();
		writer.writeHeaders(request, response);
		return response.getHeader(HstsPolicy.HEADER_NAME);
	}

}
