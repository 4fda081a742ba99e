package dev.hsts.actuate;

import java.util.concurrent.atomic.AtomicReference;

import dev.hsts.core.HostRejection;
import dev.hsts.core.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The counter: one per reason, registered up front, tagged only with the reason. */
class TrustedHostRejectionMetricsTest {

	@Test
	void countsByReasonOnly() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		TrustedHostRejectionMetrics metrics = new TrustedHostRejectionMetrics(registry);
		assertThat(registry.find("security.headers.trusted-hosts.rejected").counters()).hasSize(2)
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		metrics.rejected(rejection(RejectionReason.NOT_ALLOWED, "evil.com"));
		metrics.rejected(rejection(RejectionReason.NOT_ALLOWED, "evil.com"));
		metrics.rejected(rejection(RejectionReason.MALFORMED, "evil.com"));
		assertThat(counter(registry, "not-allowed").count()).isEqualTo(2);
		assertThat(counter(registry, "malformed").count()).isEqualTo(1);
		assertThat(registry.getMeters()).allSatisfy(
				(meter) -> assertThat(meter.getId().getTags()).extracting((tag) -> tag.getKey() + "=" + tag.getValue())
					.containsAnyOf("reason=not-allowed", "reason=malformed")
					.hasSize(1));
	}

	@Test
	void aRegistryThatAppearsLaterIsUsedFromThen() {
		AtomicReference<MeterRegistry> registry = new AtomicReference<>();
		TrustedHostRejectionMetrics metrics = new TrustedHostRejectionMetrics(registry::get);
		metrics.rejected(rejection(RejectionReason.MALFORMED, null));
		SimpleMeterRegistry simple = new SimpleMeterRegistry();
		registry.set(simple);
		metrics.rejected(rejection(RejectionReason.MALFORMED, null));
		assertThat(counter(simple, "malformed").count()).isEqualTo(1);
	}

	static HostRejection rejection(RejectionReason reason, String host) {
		return new HostRejection(reason, host, host, "/");
	}

	static Counter counter(MeterRegistry registry, String reason) {
		return registry.get(TrustedHostRejectionMetrics.METRIC_NAME).tag("reason", reason).counter();
	}

}
