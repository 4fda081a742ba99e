package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.hsts.core.ContentSecurityPolicy;
import dev.hsts.core.Finding;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.HttpsRedirectRule;
import dev.hsts.core.InvalidPolicyException;
import dev.hsts.core.LivePolicy;
import dev.hsts.core.PolicyChangeListener;
import dev.hsts.core.PolicyTransitions;
import dev.hsts.core.TrustedHosts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Applies a changed {@code security.headers.*} configuration to the running application:
 * binds it again, validates it as startup does (and with the rules for changing a live
 * HSTS policy, {@link PolicyTransitions}), builds the starter's header writers from it
 * and swaps them into the web stack's filter as one set, so that a request gets either
 * the previous headers or the new ones, never a mix. A refused configuration never takes
 * effect and never stops the application: the policy in force stays, the refusal is
 * logged at ERROR with the startup message, and it shows in the endpoint.
 *
 * <p>
 * Called by Spring Cloud's {@code EnvironmentChangeEvent} where Spring Cloud Context is
 * on the class path ({@code /actuator/refresh}, Spring Cloud Bus, Spring Cloud Kubernetes
 * reload); call {@link #refresh()} yourself after changing the environment by other
 * means.
 *
 * <p>
 * Not applied, with a warning and a finding: the settings read only at startup
 * ({@code security.headers.enabled}, {@code security.headers.trusted-hosts.*},
 * {@code security.headers.https-redirect.*}, {@code security.headers.cookies.*},
 * {@code security.headers.clear-site-data.*}: Spring Security's logout handlers are fixed
 * when its filter chains are built;
 * {@code security.headers.content-security-policy.reporting.*}), and the settings of a
 * header whose writer the application defines itself (a bean with the starter's bean
 * name). The startup-only settings are validated all the same, so that the restart that
 * applies them does not fail: a value startup would refuse is refused now.
 */
public class SecurityHeadersPolicyRefresher {

	private static final Log logger = LogFactory.getLog(SecurityHeadersPolicyRefresher.class);

	/** The settings read only at startup, relative to the configuration. */
	static final List<String> STARTUP_ONLY = List.of("enabled", "trusted-hosts", "https-redirect", "clear-site-data",
			"cookies", "content-security-policy.reporting");

	/** What a refresh did. */
	public enum Outcome {

		/** A new version of the policy is in force. */
		APPLIED,

		/** The new configuration was refused; the version in force stays. */
		REJECTED,

		/** Nothing the starter applies changed. */
		UNCHANGED

	}

	private final Environment environment;

	private final LivePolicy livePolicy;

	private final Clock clock;

	private final ObjectProvider<PolicyChangeListener> listeners;

	private final StarterWriters<?> writers;

	/** The {@code security.headers.*} values the policy in force was made from. */
	private Map<String, String> applied;

	/** The values of the startup-only settings the application started with. */
	private final Map<String, String> startupOnly;

	/**
	 * @param environment the environment the configuration is read from
	 * @param livePolicy the policy in force, recorded here
	 * @param clock the rollout clock
	 * @param listeners told about each applied or refused change
	 * @param writers the starter's writers of the web stack
	 */
	SecurityHeadersPolicyRefresher(Environment environment, LivePolicy livePolicy, Clock clock,
			ObjectProvider<PolicyChangeListener> listeners, StarterWriters<?> writers) {
		this.environment = environment;
		this.livePolicy = livePolicy;
		this.clock = clock;
		this.listeners = listeners;
		this.writers = writers;
		this.applied = configured();
		this.startupOnly = startupOnly(this.applied);
	}

	/**
	 * Applies the configuration if one of the changed keys is a key of the starter.
	 * @param changedKeys the keys that changed, as the environment names them
	 * ({@code security.headers.hsts.rollout.stage}, or as an environment variable)
	 * @return what the refresh did
	 */
	public Outcome refresh(Collection<String> changedKeys) {
		for (String key : changedKeys) {
			if (isStarterKey(key)) {
				return refresh();
			}
		}
		return Outcome.UNCHANGED;
	}

	/**
	 * Applies the configuration as the environment has it now.
	 * @return what the refresh did
	 */
	public synchronized Outcome refresh() {
		Map<String, String> now = configured();
		recordNotApplied(now);
		if (now.equals(this.applied)) {
			this.livePolicy.configurationInForce();
			return Outcome.UNCHANGED;
		}
		List<LivePolicy.Change> changes = new ArrayList<>();
		for (String key : new TreeSet<>(union(this.applied.keySet(), now.keySet()))) {
			String from = this.applied.get(key);
			String to = now.get(key);
			if (!Objects.equals(from, to) && !isStartupOnly(key) && this.writers.owns(key)) {
				changes.add(new LivePolicy.Change(key, from, to));
			}
		}
		StarterWriters.Prepared<?> prepared = null;
		HstsPolicy hsts = null;
		List<Finding> findings = new ArrayList<>();
		try {
			SecurityHeadersConfigurationCheck check = new SecurityHeadersConfigurationCheck(this.environment);
			check.checkKeys();
			check.checkSwitches();
			Binder binder = Binder.get(this.environment);
			if (!startupOnly(now).equals(this.startupOnly)) {
				// Not applied now, but checked now: a restart must not fail on them.
				checkStartupOnly(binder);
			}
			if (!changes.isEmpty()) {
				SecurityHeadersProperties properties = binder.bindOrCreate("security.headers",
						SecurityHeadersProperties.class);
				HstsPolicy next = this.writers.ownsHsts() ? SecurityHeaderValues.hstsPolicy(properties)
						: this.livePolicy.hsts();
				prepared = this.writers.prepare(properties, next, this.environment);
				InvalidSecurityHeadersPropertyException
					.validated(() -> PolicyTransitions.check(this.livePolicy.hsts(), next, this.clock.instant()))
					.forEach((finding) -> findings.add(PropertyNames.qualify(finding)));
				hsts = next;
			}
		}
		catch (RuntimeException ex) {
			reject(ex, now);
			return Outcome.REJECTED;
		}
		if (prepared == null) {
			// Only settings the starter does not apply changed (reported above).
			this.livePolicy.configurationInForce();
			return Outcome.UNCHANGED;
		}
		prepared.swap();
		this.applied = now;
		LivePolicy.Version version = this.livePolicy.applied(hsts, changes, findings, this.clock.instant());
		logApplied(version);
		this.listeners.orderedStream().forEach((listener) -> listener.applied(version));
		return Outcome.APPLIED;
	}

	/**
	 * Validates the settings read only at startup as startup would, so that a restart to
	 * apply them does not fail.
	 */
	private static void checkStartupOnly(Binder binder) {
		TrustedHostsProperties trustedHosts = binder.bindOrCreate("security.headers.trusted-hosts",
				TrustedHostsProperties.class);
		InvalidSecurityHeadersPropertyException
			.validated(() -> TrustedHosts.of(trustedHosts.getAllowed(), trustedHosts.getExemptPaths()));
		HttpsRedirectProperties redirect = binder.bindOrCreate("security.headers.https-redirect",
				HttpsRedirectProperties.class);
		InvalidSecurityHeadersPropertyException
			.validated(() -> new HttpsRedirectRule(redirect.getHost(), redirect.getHttpsPort(),
					redirect.getGetAndHeadStatus(), redirect.getOtherMethodsStatus(), redirect.getExemptPaths()));
		SecurityHeadersProperties properties = binder.bindOrCreate("security.headers", SecurityHeadersProperties.class);
		if (properties.getClearSiteData().isEnabled()) {
			SecurityHeaderValues.clearSiteData(properties);
		}
		SecurityHeaderValues.cookieFlags(properties);
		if (properties.getContentSecurityPolicy().getReporting().isEnabled()) {
			SecurityHeaderValues.cspReportSettings(properties);
		}
	}

	private void reject(RuntimeException ex, Map<String, String> now) {
		String property;
		String value;
		String message;
		if (ex instanceof InvalidPolicyException invalid) {
			InvalidSecurityHeadersPropertyException named = InvalidSecurityHeadersPropertyException.of(invalid);
			property = named.getProperty();
			value = named.getValue();
			message = InvalidSecurityHeadersConfigurationFailureAnalyzer.description(named) + "\n\nAction: "
					+ InvalidSecurityHeadersConfigurationFailureAnalyzer.action(named);
		}
		else if (ex instanceof UnknownSecurityHeadersPropertiesException unknown) {
			FailureAnalysis analysis = new UnknownSecurityHeadersPropertiesFailureAnalyzer().analyze(unknown, unknown);
			property = unknown.getKeys().get(0).key();
			value = now.get(property);
			message = analysis.getDescription() + "\n\nAction: " + analysis.getAction();
		}
		else if (ex instanceof BindException bind) {
			ConfigurationProperty bound = bind.getProperty();
			property = (bound != null) ? bound.getName().toString() : bind.getName().toString();
			value = (bound != null && bound.getValue() != null) ? String.valueOf(bound.getValue()) : now.get(property);
			Throwable cause = (bind.getCause() != null) ? bind.getCause() : bind;
			message = "Failed to bind '" + property + "': " + cause.getMessage() + "\n\nAction: Update '" + property
					+ "' in your configuration.";
		}
		else {
			property = null;
			value = null;
			message = "The security headers configuration could not be applied: " + ex;
		}
		LivePolicy.Rejection rejection = new LivePolicy.Rejection(this.clock.instant(), property, value, message);
		this.livePolicy.rejected(rejection);
		logger.error(
				"Refused the changed security headers configuration; version " + this.livePolicy.current().number()
						+ " of the policy stays in force.\n\n" + message,
				(ex instanceof InvalidPolicyException || ex instanceof UnknownSecurityHeadersPropertiesException
						|| ex instanceof BindException) ? null : ex);
		this.listeners.orderedStream().forEach((listener) -> listener.rejected(rejection));
	}

	private void logApplied(LivePolicy.Version version) {
		if (logger.isInfoEnabled()) {
			StringBuilder message = new StringBuilder("Applied version ").append(version.number())
				.append(" of the security headers policy:");
			for (LivePolicy.Change change : version.changes()) {
				message.append("\n    ")
					.append(change.setting())
					.append(": ")
					.append(shown(change.setting(), change.from()))
					.append(" -> ")
					.append(shown(change.setting(), change.to()));
			}
			logger.info(message);
		}
		for (Finding finding : version.findings()) {
			if (finding.severity() == Finding.Severity.WARNING) {
				logger.warn(finding.message() + " [" + finding.code() + "]");
			}
			else {
				logger.info(finding.message() + " [" + finding.code() + "]");
			}
		}
	}

	/**
	 * Startup-only settings and settings of the application's own writers that changed.
	 */
	private void recordNotApplied(Map<String, String> now) {
		List<String> restart = new ArrayList<>();
		for (String key : new TreeSet<>(union(this.startupOnly.keySet(), startupOnly(now).keySet()))) {
			if (!Objects.equals(this.startupOnly.get(key), now.get(key))) {
				restart.add(key);
			}
		}
		Map<String, List<String>> ownWriters = new LinkedHashMap<>();
		for (String key : new TreeSet<>(union(this.applied.keySet(), now.keySet()))) {
			if (!isStartupOnly(key) && !this.writers.owns(key)
					&& !Objects.equals(this.applied.get(key), now.get(key))) {
				ownWriters.computeIfAbsent(this.writers.ownerOf(key), (bean) -> new ArrayList<>()).add(key);
			}
		}
		List<Finding> findings = new ArrayList<>();
		if (!restart.isEmpty()) {
			findings
				.add(new Finding(Finding.Severity.WARNING, "policy.refresh-needs-restart", String.join(", ", restart)
						+ ((restart.size() == 1) ? " has" : " have")
						+ " changed since the application started, but the starter reads "
						+ ((restart.size() == 1) ? "it" : "them")
						+ " only at startup: the application still runs with the values it started with. Restart each "
						+ "replica to apply the change.", restart.get(0)));
		}
		ownWriters.forEach((bean, keys) -> findings.add(new Finding(Finding.Severity.WARNING,
				"policy.refresh-not-applied",
				String.join(", ", keys) + ((keys.size() == 1) ? " has" : " have")
						+ " changed, but the application defines " + bean
						+ ", which decides that header: the change has no effect. Change that bean, or remove it to "
						+ "let the starter write the header from the configuration.",
				keys.get(0))));
		List<Finding> before = this.livePolicy.notApplied();
		if (!before.equals(findings)) {
			for (Finding finding : findings) {
				if (!before.contains(finding)) {
					logger.warn(finding.message() + " [" + finding.code() + "]");
				}
			}
			this.livePolicy.notApplied(findings);
		}
	}

	private Map<String, String> configured() {
		Map<String, String> values = new LinkedHashMap<>();
		for (ConfigurationProperty property : ConfiguredProperties.under(this.environment, KnownProperties.ROOT)) {
			values.putIfAbsent(property.getName().toString(),
					(property.getValue() != null) ? String.valueOf(property.getValue()) : null);
		}
		return values;
	}

	private static Map<String, String> startupOnly(Map<String, String> values) {
		Map<String, String> startupOnly = new LinkedHashMap<>();
		for (Map.Entry<String, String> value : values.entrySet()) {
			if (isStartupOnly(value.getKey())) {
				startupOnly.put(value.getKey(), value.getValue());
			}
		}
		return startupOnly;
	}

	static boolean isStartupOnly(String key) {
		for (String setting : STARTUP_ONLY) {
			String property = PropertyNames.of(setting);
			if (key.equals(property) || key.startsWith(property + ".") || key.startsWith(property + "[")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether an environment's key names a setting of the starter, in any form Spring
	 * Boot binds ({@code security.headers.hsts.rollout.stage},
	 * {@code SECURITY_HEADERS_HSTS_ROLLOUT_STAGE}).
	 */
	static boolean isStarterKey(String key) {
		if (key == null) {
			return false;
		}
		String normalized = key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
		return normalized.equals("security.headers") || normalized.startsWith("security.headers.")
				|| normalized.startsWith("security.headers[");
	}

	private static String shown(String key, String value) {
		if (value == null) {
			return "(not set)";
		}
		return key.contains("content-security-policy") ? "'" + ContentSecurityPolicy.maskReportTargets(value) + "'"
				: "'" + value + "'";
	}

	private static <T> Collection<T> union(Collection<T> first, Collection<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
