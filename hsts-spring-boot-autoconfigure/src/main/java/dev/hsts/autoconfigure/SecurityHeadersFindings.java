package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.hsts.core.ApplicationHeaderValues;
import dev.hsts.core.ContentSecurityPolicy;
import dev.hsts.core.DescribedHeaders;
import dev.hsts.core.ForwardedProtoMismatches;
import dev.hsts.core.Finding;
import dev.hsts.core.HeaderDescription;
import dev.hsts.core.LivePolicy;
import dev.hsts.core.PolicyFindings;
import dev.hsts.core.TrustedHosts;
import dev.hsts.core.UntrustedText;

/**
 * Everything an operator should know about the live configuration, as {@link Finding}s
 * naming full properties: the HSTS rollout and the trusted-host check (from the core),
 * the forwarded-header handling (as configured and as seen at runtime), the headers the
 * application sets itself, and what the other parts add (the HTTPS redirect, the actuator
 * endpoint). Read by the startup report and the actuator endpoint; computed on demand,
 * never per request.
 */
public class SecurityHeadersFindings {

	private static final String STRATEGY = "server.forward-headers-strategy";

	/** The code of the finding that the whole starter is switched off. */
	public static final String STARTER_OFF = "starter.off";

	/**
	 * The code of the finding that the configuration holds a change that was refused
	 * while the application ran.
	 */
	public static final String REFRESH_REJECTED = "policy.refresh-rejected";

	/**
	 * The code of the finding that the application sets a
	 * {@code Strict-Transport-Security} value browsers ignore.
	 */
	public static final String APPLICATION_HSTS_IGNORED = "hsts.application-value-ignored";

	/** The policy in force, or {@code null} when the starter is switched off. */
	private final LivePolicy livePolicy;

	private final Clock clock;

	private final TrustedHosts trustedHosts;

	private final String forwardHeadersStrategy;

	private final ForwardedProtoMismatches proxyDetector;

	private final ApplicationHeaderValues applicationValues;

	/** The header writers the web stack applies now. */
	private final Supplier<? extends List<?>> writers;

	/** {@link #policyValues} was computed from this list of writers. */
	private List<?> policyValuesOf;

	/**
	 * The value the policy sends on every response, for each header whose value does not
	 * vary, by name.
	 */
	private Map<String, String> policyValues;

	/** The findings of the other parts, naming full properties. */
	private final Supplier<? extends Collection<Finding>> otherFindings;

	/** The findings of a starter that is switched off, or {@code null} when it is on. */
	private final List<Finding> switchedOff;

	/**
	 * The findings of a running starter whose policy may change while it runs, with those
	 * of its other parts.
	 * @param livePolicy the policy in force
	 * @param clock the clock of the rollout
	 * @param trustedHosts the trusted-host policy, or {@code null} when there is none
	 * @param forwardHeadersStrategy the value of {@code server.forward-headers-strategy},
	 * or {@code null}
	 * @param proxyDetector the runtime proxy detector, or {@code null}
	 * @param applicationValues the headers the application set itself, or {@code null}
	 * @param writers the header writers the web stack applies now (those that describe
	 * themselves, {@link DescribedHeaders}, give the policy's values)
	 * @param otherFindings the findings of the other parts (the HTTPS redirect, the
	 * actuator endpoint), naming full properties; asked each time the findings are
	 */
	public SecurityHeadersFindings(LivePolicy livePolicy, Clock clock, TrustedHosts trustedHosts,
			String forwardHeadersStrategy, ForwardedProtoMismatches proxyDetector,
			ApplicationHeaderValues applicationValues, Supplier<? extends List<?>> writers,
			Supplier<? extends Collection<Finding>> otherFindings) {
		this.otherFindings = Objects.requireNonNull(otherFindings, "otherFindings");
		this.livePolicy = Objects.requireNonNull(livePolicy, "livePolicy");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.trustedHosts = trustedHosts;
		this.forwardHeadersStrategy = forwardHeadersStrategy;
		this.proxyDetector = proxyDetector;
		this.applicationValues = applicationValues;
		this.writers = Objects.requireNonNull(writers, "writers");
		this.switchedOff = null;
	}

	private SecurityHeadersFindings(List<Finding> switchedOff) {
		this.livePolicy = null;
		this.clock = Clock.systemUTC();
		this.trustedHosts = null;
		this.forwardHeadersStrategy = null;
		this.proxyDetector = null;
		this.applicationValues = null;
		this.writers = List::of;
		this.otherFindings = List::of;
		this.switchedOff = List.copyOf(switchedOff);
	}

	/**
	 * The value each header gets on every response, from the writers that describe
	 * themselves; a header whose value varies by path or per request (a CSP with path
	 * policies or a nonce) has none to compare with.
	 */
	private static Map<String, String> policyValues(List<?> writers) {
		Map<String, String> values = new LinkedHashMap<>();
		for (Object writer : writers) {
			if (writer instanceof DescribedHeaders described) {
				List<HeaderDescription> descriptions = described.describe();
				if (descriptions.stream().allMatch(HeaderDescription::everyPath)) {
					for (HeaderDescription description : descriptions) {
						if (description.value() != null
								&& !description.value().contains(ContentSecurityPolicy.NONCE_PLACEHOLDER)) {
							values.putIfAbsent(description.name(), description.value());
						}
					}
				}
			}
		}
		return Map.copyOf(values);
	}

	/**
	 * The findings of an application that switched the whole starter off
	 * ({@code security.headers.enabled=false}): one, {@code starter.off}, so that the
	 * endpoint says so instead of disappearing.
	 * @return the findings
	 */
	public static SecurityHeadersFindings starterSwitchedOff() {
		return new SecurityHeadersFindings(List.of(new Finding(Finding.Severity.WARNING, STARTER_OFF,
				"security.headers.enabled=false switches the whole starter off: it sends no security headers (where "
						+ "Spring Security is used, its own header defaults apply), checks no Host headers, redirects "
						+ "nothing to HTTPS and publishes no metrics. Remove the property, or set it to true, to switch "
						+ "the starter on.",
				PropertyNames.of("enabled"))));
	}

	/**
	 * The findings now.
	 * @return the findings, most serious first
	 */
	public List<Finding> findings() {
		if (this.switchedOff != null) {
			return this.switchedOff;
		}
		List<Finding> findings = new ArrayList<>();
		PolicyFindings.hsts(this.livePolicy.hsts(), this.clock.instant())
			.forEach((finding) -> findings.add(PropertyNames.qualify(finding)));
		addPolicyChangeFindings(findings);
		if (this.trustedHosts != null) {
			PolicyFindings.trustedHosts(this.trustedHosts)
				.ifPresent((finding) -> findings.add(PropertyNames.qualify(finding)));
		}
		if ("framework".equalsIgnoreCase(this.forwardHeadersStrategy)) {
			findings.add(new Finding(Finding.Severity.WARNING, "proxy.framework-strategy",
					"server.forward-headers-strategy=framework believes X-Forwarded-* and Forwarded headers from any "
							+ "client: anyone who can reach the application directly can make a plain request look "
							+ "secure or claim another host. Use native (Tomcat's RemoteIpValve) with "
							+ "server.tomcat.remoteip.internal-proxies listing your proxies, or make sure only the proxy "
							+ "can reach the application.",
					STRATEGY));
		}
		if (this.proxyDetector != null && this.proxyDetector.getCount() > 0) {
			findings.add(new Finding(Finding.Severity.WARNING, "proxy.forwarded-proto-ignored", this.proxyDetector
				.getCount() + " request(s) said they arrived over HTTPS (X-Forwarded-Proto or "
					+ "Forwarded proto=https; the last from " + UntrustedText.escape(this.proxyDetector.getLastPeer())
					+ ") but the application saw plain HTTP, so they got no HSTS. Behind a TLS-terminating proxy, "
					+ this.proxyDetector.getAdvice() + "; if they did not come from your proxy, the header was forged.",
					STRATEGY));
		}
		if (this.applicationValues != null) {
			addApplicationValueFindings(findings);
		}
		findings.addAll(this.otherFindings.get());
		findings.sort(Comparator.comparing(Finding::severity));
		return findings;
	}

	private void addApplicationValueFindings(List<Finding> findings) {
		String hsts = this.livePolicy.hsts().headerValue(this.clock);
		this.applicationValues.observations().forEach((key, observation) -> {
			String expected = key.equals("strict-transport-security") ? hsts : policyValue(observation.name());
			if (observation.duplicates() > 0) {
				findings.add(new Finding(Finding.Severity.WARNING, "header.duplicate",
						"The application added a second " + observation.name() + " header " + observation.duplicates()
								+ " time(s); a response may carry it only once, so the starter kept one (the "
								+ "application's). Set the header in one place only.",
						null));
			}
			if (observation.browserIgnored() > 0) {
				findings.add(new Finding(Finding.Severity.WARNING, APPLICATION_HSTS_IGNORED,
						"The application sets " + observation.name() + " itself, and browsers ignore its value '"
								+ UntrustedText.escape(observation.browserIgnoredValue()) + "' ("
								+ observation.browserIgnored() + " time(s)): "
								+ UntrustedText.escape(observation.browserIgnoredReason(), 400)
								+ ". A browser that ignores it gets no HSTS from those responses. Fix the value, or "
								+ "remove it and let the starter send its policy.",
						null));
			}
			if (expected != null && !expected.equals(observation.lastValue())) {
				findings.add(new Finding(Finding.Severity.INFO, "header.application-value",
						"The application sets " + observation.name() + " itself (last value '"
								+ UntrustedText.escape(observation.lastValue()) + "', " + observation.count()
								+ " time(s)), which differs from the policy ('" + expected + "'); the application's "
								+ "value is what those responses carry.",
						null));
			}
		});
	}

	/**
	 * What the last change of the policy while the application runs means, what changed
	 * in the configuration without being applied, and a refused change still in the
	 * configuration.
	 */
	private void addPolicyChangeFindings(List<Finding> findings) {
		findings.addAll(this.livePolicy.current().findings());
		findings.addAll(this.livePolicy.notApplied());
		LivePolicy.Rejection rejection = this.livePolicy.lastRejection();
		if (rejection != null && this.livePolicy.rejectionPending()) {
			findings.add(new Finding(Finding.Severity.ERROR, REFRESH_REJECTED,
					"A changed configuration was refused at " + rejection.at() + " and version "
							+ this.livePolicy.current().number() + " of the policy stays in force. "
							+ rejection.message().replace("\n\n", " ").replace("\n    ", " ").replace("\n", " "),
					rejection.setting()));
		}
	}

	private synchronized String policyValue(String headerName) {
		List<?> writers = this.writers.get();
		if (writers != this.policyValuesOf) {
			this.policyValues = policyValues(writers);
			this.policyValuesOf = writers;
		}
		for (Map.Entry<String, String> entry : this.policyValues.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(headerName)) {
				return entry.getValue();
			}
		}
		return null;
	}

}
