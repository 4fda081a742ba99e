package dev.hsts.web;

import java.util.concurrent.atomic.AtomicReference;

import dev.hsts.policy.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The counter: one per reason, registered up front, tagged only with the reason. */
class TrustedHostRejectionMetricsTest {

	@Test
	void countsByReasonOnly() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		TrustedHostRejectionMetrics metrics = new TrustedHostRejectionMetrics(registry);
		assertThat(registry.find("security.headers.trusted-hosts.rejected").counters()).hasSize(2)
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Host", "evil.com");
		metrics.rejected(request, RejectionReason.NOT_ALLOWED);
		metrics.rejected(request, RejectionReason.NOT_ALLOWED);
		metrics.rejected(request, RejectionReason.MALFORMED);
		assertThat(counter(registry, "not-allowed").count()).isEqualTo(2);
		assertThat(counter(registry, "malformed").count()).isEqualTo(1);
		assertThat(registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.extracting((tag) -> tag.getKey() + "=" + tag.getValue())
			.containsAnyOf("reason=not-allowed", "reason=malformed")
			.hasSize(1));
	}

	@Test
	void aRegistryThatAppearsLaterIsUsedFromThen() {
		AtomicReference<MeterRegistry> registry = new AtomicReference<>();
		TrustedHostRejectionMetrics metrics = new TrustedHostRejectionMetrics(registry::get);
		metrics.rejected(new MockHttpServletRequest(), RejectionReason.MALFORMED);
		SimpleMeterRegistry simple = new SimpleMeterRegistry();
		registry.set(simple);
		metrics.rejected(new MockHttpServletRequest(), RejectionReason.MALFORMED);
		assertThat(counter(simple, "malformed").count()).isEqualTo(1);
	}

	static Counter counter(MeterRegistry registry, String reason) {
		return registry.get(TrustedHostRejectionMetrics.METRIC_NAME).tag("reason", reason).counter();
	}

}
