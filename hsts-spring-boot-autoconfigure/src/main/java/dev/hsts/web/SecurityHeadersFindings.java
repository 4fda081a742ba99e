package dev.hsts.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.hsts.policy.Finding;
import dev.hsts.policy.HstsFindings;
import dev.hsts.policy.HstsPolicy;
import dev.hsts.policy.Printable;
import dev.hsts.policy.TrustedHosts;

/**
 * Everything an operator should know about the live configuration, as {@link Finding}s: the HSTS rollout, the
 * trusted-host check, the forwarded-header handling (as configured and as seen at runtime), and the headers the
 * application sets itself. Read by the startup report and the actuator endpoint; computed on demand, never per
 * request.
 */
public class SecurityHeadersFindings {

	private static final String STRATEGY = "server.forward-headers-strategy";

	/** The code of the finding that the whole starter is switched off. */
	public static final String STARTER_OFF = "starter.off";

	private static final String ENABLED_PROPERTY = "security.headers.enabled";

	private final HstsPolicy hstsPolicy;

	private final Clock clock;

	private final TrustedHosts trustedHosts;

	private final String forwardHeadersStrategy;

	private final ForwardedProtoMismatchDetector proxyDetector;

	private final ApplicationHeaderValues applicationValues;

	private final Map<String, String> policyValues;

	/** The findings of a starter that is switched off, or {@code null} when it is on. */
	private final List<Finding> switchedOff;

	/**
	 * @param hstsPolicy the HSTS policy
	 * @param clock the clock of the rollout
	 * @param trustedHosts the trusted-host policy, or {@code null} when there is none
	 * @param forwardHeadersStrategy the value of {@code server.forward-headers-strategy}, or {@code null}
	 * @param proxyDetector the runtime proxy detector, or {@code null}
	 * @param applicationValues the headers the application set itself, or {@code null}
	 * @param policyValues the value the policy sends for each fixed-value header, by header name
	 */
	public SecurityHeadersFindings(HstsPolicy hstsPolicy, Clock clock, TrustedHosts trustedHosts,
			String forwardHeadersStrategy, ForwardedProtoMismatchDetector proxyDetector,
			ApplicationHeaderValues applicationValues, Map<String, String> policyValues) {
		this.hstsPolicy = Objects.requireNonNull(hstsPolicy, "hstsPolicy");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.trustedHosts = trustedHosts;
		this.forwardHeadersStrategy = forwardHeadersStrategy;
		this.proxyDetector = proxyDetector;
		this.applicationValues = applicationValues;
		this.policyValues = Map.copyOf(policyValues);
		this.switchedOff = null;
	}

	private SecurityHeadersFindings(List<Finding> switchedOff) {
		this.hstsPolicy = HstsPolicy.builder().enabled(false).build();
		this.clock = Clock.systemUTC();
		this.trustedHosts = null;
		this.forwardHeadersStrategy = null;
		this.proxyDetector = null;
		this.applicationValues = null;
		this.policyValues = Map.of();
		this.switchedOff = List.copyOf(switchedOff);
	}

	/**
	 * The findings of an application that switched the whole starter off ({@code security.headers.enabled=false}):
	 * one, {@code starter.off}, so that the endpoint says so instead of disappearing.
	 * @return the findings
	 */
	public static SecurityHeadersFindings starterSwitchedOff() {
		return new SecurityHeadersFindings(List.of(new Finding(Finding.Severity.WARNING, STARTER_OFF,
				"security.headers.enabled=false switches the whole starter off: it sends no security headers (where "
						+ "Spring Security is used, its own header defaults apply), checks no Host headers, redirects "
						+ "nothing to HTTPS and publishes no metrics. Remove the property, or set it to true, to switch "
						+ "the starter on.",
				ENABLED_PROPERTY)));
	}

	/** The findings now, most serious first. */
	public List<Finding> findings() {
		if (this.switchedOff != null) {
			return this.switchedOff;
		}
		List<Finding> findings = new ArrayList<>(HstsFindings.of(this.hstsPolicy, this.clock.instant()));
		if (this.trustedHosts != null) {
			if (this.trustedHosts.isOff()) {
				findings.add(new Finding(Finding.Severity.INFO, "trusted-hosts.off", this.trustedHosts.finding().orElseThrow(),
						TrustedHosts.ALLOWED_PROPERTY));
			}
			else if (this.trustedHosts.allowsAnyHost()) {
				findings.add(new Finding(Finding.Severity.WARNING, "trusted-hosts.any", this.trustedHosts.finding().orElseThrow(),
						TrustedHosts.ALLOWED_PROPERTY));
			}
		}
		if ("framework".equalsIgnoreCase(this.forwardHeadersStrategy)) {
			findings.add(new Finding(Finding.Severity.WARNING, "proxy.framework-strategy",
					"server.forward-headers-strategy=framework believes X-Forwarded-* and Forwarded headers from any client: "
							+ "anyone who can reach the application directly can make a plain request look secure or "
							+ "claim another host. Use native (Tomcat's RemoteIpValve) with server.tomcat.remoteip.internal-proxies "
							+ "listing your proxies, or make sure only the proxy can reach the application.",
					STRATEGY));
		}
		if (this.proxyDetector != null && this.proxyDetector.getCount() > 0) {
			findings.add(new Finding(Finding.Severity.WARNING, "proxy.forwarded-proto-ignored",
					this.proxyDetector.getCount() + " request(s) said they arrived over HTTPS (X-Forwarded-Proto or Forwarded "
							+ "proto=https; the last from " + Printable.escape(this.proxyDetector.getLastPeer())
							+ ") but the application saw plain HTTP, so they got no HSTS. Behind a TLS-terminating proxy, set "
							+ "server.forward-headers-strategy=native and list the proxy in "
							+ "server.tomcat.remoteip.internal-proxies; if they did not come from your proxy, the header was forged.",
					STRATEGY));
		}
		if (this.applicationValues != null) {
			String hsts = this.hstsPolicy.headerValueAt(this.clock.millis());
			this.applicationValues.observations().forEach((key, observation) -> {
				String expected = key.equals("strict-transport-security") ? hsts : policyValue(observation.name());
				if (observation.duplicates() > 0) {
					findings.add(new Finding(Finding.Severity.WARNING, "header.duplicate",
							"The application added a second " + observation.name() + " header " + observation.duplicates()
									+ " time(s); a response may carry it only once, so the starter kept one (the "
									+ "application's). Set the header in one place only.",
							null));
				}
				if (expected != null && !expected.equals(observation.lastValue())) {
					findings.add(new Finding(Finding.Severity.INFO, "header.application-value",
							"The application sets " + observation.name() + " itself (last value '"
									+ Printable.escape(observation.lastValue()) + "', " + observation.count()
									+ " time(s)), which differs from the policy ('" + expected + "'); the application's value "
									+ "is what those responses carry.",
							null));
				}
			});
		}
		findings.sort(Comparator.comparing(Finding::severity));
		return findings;
	}

	private String policyValue(String headerName) {
		for (Map.Entry<String, String> entry : this.policyValues.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(headerName)) {
				return entry.getValue();
			}
		}
		return null;
	}

}
