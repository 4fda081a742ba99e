package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.hsts.core.Finding;
import dev.hsts.core.HttpsRedirectRule;
import dev.hsts.core.LivePolicy;
import dev.hsts.core.PolicyFindings;
import dev.hsts.core.PreloadReadiness;
import dev.hsts.core.TrustedHosts;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The findings about how the starter's parts fit the rest of the application, naming full
 * properties: the HTTPS redirect against the trusted-host check and the application's
 * connector ({@code https-redirect.host-unchecked},
 * {@code https-redirect.every-request}), settings whose part is switched off
 * ({@code setting.inactive}), who can read the actuator endpoint
 * ({@code endpoint.unprotected}), and the preload readiness of the configuration
 * ({@code preload.*}, only when preload is configured). Computed when asked, from the
 * running application.
 */
final class DeploymentFindings implements Supplier<List<Finding>> {

	/** The code of the finding that every request is redirected. */
	static final String EVERY_REQUEST_REDIRECTED = "https-redirect.every-request";

	private final Environment environment;

	private final HttpsRedirectRule httpsRedirect;

	private final TrustedHosts trustedHosts;

	private final Supplier<? extends EndpointExposure> endpoint;

	private final LivePolicy livePolicy;

	private final Clock clock;

	/** The findings of CSP reporting, or a supplier of {@code null} when it is off. */
	private final Supplier<? extends Supplier<List<Finding>>> cspReports;

	/**
	 * @param environment the environment
	 * @param httpsRedirect the redirect rule, or {@code null} when the redirect is off
	 * @param trustedHosts the trusted-host policy, or {@code null} when there is no check
	 * @param endpoint the endpoint's exposure, or a supplier of {@code null} when there
	 * is no endpoint
	 * @param livePolicy the policy in force (its HSTS policy gives the preload readiness
	 * findings, {@code preload.*}, when preload is configured)
	 * @param clock the clock of the rollout
	 * @param cspReports supplies the findings of CSP reporting, or {@code null} when
	 * reporting is off
	 */
	DeploymentFindings(Environment environment, HttpsRedirectRule httpsRedirect, TrustedHosts trustedHosts,
			Supplier<? extends EndpointExposure> endpoint, LivePolicy livePolicy, Clock clock,
			Supplier<? extends Supplier<List<Finding>>> cspReports) {
		this.environment = environment;
		this.cspReports = cspReports;
		this.livePolicy = livePolicy;
		this.clock = clock;
		this.httpsRedirect = httpsRedirect;
		this.trustedHosts = trustedHosts;
		this.endpoint = endpoint;
	}

	@Override
	public List<Finding> get() {
		List<Finding> findings = new ArrayList<>();
		if (this.httpsRedirect != null) {
			PolicyFindings.httpsRedirect(this.httpsRedirect, this.trustedHosts)
				.ifPresent((finding) -> findings.add(PropertyNames.qualify(finding)));
			if (!servesHttps() && !believesAProxy()) {
				findings.add(new Finding(Finding.Severity.WARNING, EVERY_REQUEST_REDIRECTED,
						"The HTTPS redirect is on, but the application serves plain HTTP (no server.ssl) and believes "
								+ "no proxy (server.forward-headers-strategy is not set): every request looks plain to "
								+ "it, so every request is redirected, also those a TLS-terminating proxy received over "
								+ "HTTPS, which then loop. Behind a proxy, set server.forward-headers-strategy=native "
								+ "and list the proxy in server.tomcat.remoteip.internal-proxies; otherwise serve HTTPS "
								+ "(server.ssl.*), or set " + PropertyNames.of("https-redirect.enabled") + "=false.",
						PropertyNames.of("https-redirect.enabled")));
			}
		}
		findings.addAll(InactiveSettings.of(this.environment));
		for (Finding finding : PreloadReadiness.findings(this.livePolicy.hsts(), this.httpsRedirect,
				this.clock.instant())) {
			findings.add(PropertyNames.qualify(finding));
		}
		EndpointExposure exposure = this.endpoint.get();
		if (exposure != null) {
			exposure.finding().ifPresent(findings::add);
		}
		Supplier<List<Finding>> csp = (this.cspReports != null) ? this.cspReports.get() : null;
		if (csp != null) {
			findings.addAll(csp.get());
		}
		return findings;
	}

	/**
	 * Whether the application's connector serves HTTPS: a {@code server.ssl.*} property
	 * is set and {@code server.ssl.enabled} is not {@code false}.
	 */
	private boolean servesHttps() {
		Binder binder = Binder.get(this.environment);
		boolean configured = binder.bind("server.ssl", Bindable.mapOf(String.class, Object.class))
			.map((ssl) -> !ssl.isEmpty())
			.orElse(false);
		return configured && binder.bind("server.ssl.enabled", Boolean.class).orElse(true);
	}

	/**
	 * Whether the application takes the scheme from a proxy's headers: a
	 * {@code server.forward-headers-strategy} other than {@code none}, or, when it is not
	 * set, a cloud platform where Spring Boot does so by default.
	 */
	private boolean believesAProxy() {
		String strategy = this.environment.getProperty("server.forward-headers-strategy");
		if (strategy != null) {
			return !strategy.trim().equalsIgnoreCase("none");
		}
		CloudPlatform platform = CloudPlatform.getActive(this.environment);
		return platform != null && platform.isUsingForwardHeaders();
	}

}
