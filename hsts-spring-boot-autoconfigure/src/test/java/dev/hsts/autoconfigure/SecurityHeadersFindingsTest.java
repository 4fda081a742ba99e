package dev.hsts.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.hsts.core.ApplicationHeaderValues;
import dev.hsts.core.Finding;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.LivePolicy;
import dev.hsts.core.TrustedHosts;
import dev.hsts.servlet.FixedHeaderWriter;
import dev.hsts.servlet.ForwardedProtoMismatchDetector;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Each finding, triggered and not triggered. */
class SecurityHeadersFindingsTest {

	private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final TrustedHosts SERVED = TrustedHosts.of(List.of("api.example.com"), List.of());

	private static List<String> codes(HstsPolicy policy, TrustedHosts hosts, String strategy,
			ForwardedProtoMismatchDetector detector, ApplicationHeaderValues values) {
		return new SecurityHeadersFindings(new LivePolicy(policy, NOW), CLOCK, hosts, strategy, detector, values,
				() -> List.of(new FixedHeaderWriter("X-Frame-Options", "DENY")), List::of)
			.findings()
			.stream()
			.map(Finding::code)
			.toList();
	}

	private static List<String> codes(HstsPolicy policy) {
		return codes(policy, SERVED, "native", null, null);
	}

	@Test
	void hstsFindings() {
		assertThat(codes(HstsPolicy.builder().enabled(false).build())).containsExactly("hsts.disabled");
		assertThat(codes(HstsPolicy.builder().revoke(true).build())).containsExactly("hsts.revoked");
		assertThat(codes(HstsPolicy.builder().build())).containsExactly("hsts.rollout.pinned-below-final");
		assertThat(codes(HstsPolicy.builder().pinnedStage(3).build())).isEmpty();
		assertThat(codes(HstsPolicy.builder().startedAt("2026-12-01T09:00:00Z").build()))
			.containsExactly("hsts.rollout.final-stage-at");
		assertThat(codes(HstsPolicy.builder().startedAt("2026-11-01T09:00:00Z").build())).isEmpty();
		assertThat(codes(HstsPolicy.builder().startedAt("2027-01-01T09:00:00Z").build()))
			.containsExactly("hsts.rollout.not-started", "hsts.rollout.final-stage-at");
		assertThat(codes(HstsPolicy.builder().pinnedStage(3).includeSubDomains(true).build()))
			.containsExactly("hsts.include-subdomains");
		assertThat(codes(HstsPolicy.builder().pinnedStage(3).includeSubDomains(true).preload(true).build()))
			.containsExactlyInAnyOrder("hsts.preload", "hsts.include-subdomains");
		assertThat(codes(HstsPolicy.builder().pinnedStage(2).includeSubDomains(true).preload(true).build()))
			.containsExactlyInAnyOrder("hsts.preload", "hsts.preload.pending", "hsts.rollout.pinned-below-final",
					"hsts.include-subdomains");
	}

	@Test
	void trustedHostFindings() {
		HstsPolicy policy = HstsPolicy.builder().pinnedStage(3).build();
		assertThat(codes(policy, TrustedHosts.off(), "native", null, null)).containsExactly("trusted-hosts.off");
		assertThat(codes(policy, TrustedHosts.of(List.of("*"), List.of()), "native", null, null))
			.containsExactly("trusted-hosts.any");
		assertThat(codes(policy, SERVED, "native", null, null)).isEmpty();
	}

	@Test
	void proxyFindings() {
		HstsPolicy policy = HstsPolicy.builder().pinnedStage(3).build();
		assertThat(codes(policy, SERVED, "framework", null, null)).containsExactly("proxy.framework-strategy");
		ForwardedProtoMismatchDetector detector = new ForwardedProtoMismatchDetector();
		assertThat(codes(policy, SERVED, null, detector, null)).isEmpty();
		MockHttpServletRequest secureAtTheProxy = new MockHttpServletRequest("GET", "/");
		secureAtTheProxy.addHeader("X-Forwarded-Proto", "https");
		detector.check(secureAtTheProxy);
		MockHttpServletRequest plain = new MockHttpServletRequest("GET", "/");
		detector.check(plain);
		MockHttpServletRequest forwarded = new MockHttpServletRequest("GET", "/");
		forwarded.addHeader("Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43");
		detector.check(forwarded);
		MockHttpServletRequest secure = new MockHttpServletRequest("GET", "/");
		secure.setSecure(true);
		secure.addHeader("X-Forwarded-Proto", "https");
		detector.check(secure);
		assertThat(detector.getCount()).isEqualTo(2);
		assertThat(codes(policy, SERVED, null, detector, null)).containsExactly("proxy.forwarded-proto-ignored");
	}

	@Test
	void headersTheApplicationSetsItself() {
		HstsPolicy policy = HstsPolicy.builder().pinnedStage(3).build();
		ApplicationHeaderValues values = new ApplicationHeaderValues();
		assertThat(codes(policy, SERVED, null, null, values)).isEmpty();
		values.record("X-Frame-Options", "DENY", false);
		assertThat(codes(policy, SERVED, null, null, values)).isEmpty();
		values.record("X-Frame-Options", "SAMEORIGIN", false);
		assertThat(codes(policy, SERVED, null, null, values)).containsExactly("header.application-value");
		values.record("Strict-Transport-Security", "max-age=31536000", true);
		assertThat(codes(policy, SERVED, null, null, values)).containsExactlyInAnyOrder("header.duplicate",
				"header.application-value");
	}

	@Test
	void startupReportIsOneReadableBlock() {
		List<Finding> findings = new SecurityHeadersFindings(
				new LivePolicy(HstsPolicy.builder().revoke(true).build(), NOW), CLOCK, TrustedHosts.off(), null, null,
				null, List::of, List::of)
			.findings();
		assertThat(FindingsStartupReport.render(findings, "details at /actuator/securityheaders"))
			.startsWith("Security headers: 2 findings (details at /actuator/securityheaders)\n")
			.contains("[warning] hsts.revoked (security.headers.hsts.revoke)")
			.contains("[info] trusted-hosts.off (security.headers.trusted-hosts.allowed)");
		assertThat(FindingsStartupReport.render(findings, null)).startsWith("Security headers: 2 findings\n");
	}

	@Test
	void theOtherPartsFindingsAreAskedEachTimeAndSortedIn() {
		List<Finding> other = new java.util.ArrayList<>();
		SecurityHeadersFindings findings = new SecurityHeadersFindings(
				new LivePolicy(HstsPolicy.builder().pinnedStage(3).build(), NOW), CLOCK, TrustedHosts.off(), null, null,
				null, List::of, () -> other);
		assertThat(findings.findings()).extracting(Finding::code).containsExactly("trusted-hosts.off");
		other.add(new Finding(Finding.Severity.WARNING, "endpoint.unprotected", "m", "p"));
		assertThat(findings.findings()).extracting(Finding::code)
			.containsExactly("endpoint.unprotected", "trusted-hosts.off");
	}

}
