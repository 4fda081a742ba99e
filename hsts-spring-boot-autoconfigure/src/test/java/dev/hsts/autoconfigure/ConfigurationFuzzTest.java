package dev.hsts.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hsts.core.CspReportingDirectives;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.HstsStage;
import dev.hsts.core.TrustedHosts;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the whole configuration path the way Spring Boot runs it: binding
 * {@code security.headers.hsts.*} from strings (durations, numbers, booleans, instants,
 * host entries), then validating the policy. Every input either builds a policy that
 * keeps the documented invariants, or fails with an answer that names a property: Boot's
 * BindException or our InvalidSecurityHeadersPropertyException. Nothing else escapes. The
 * same for the other headers, the trusted hosts and the HTTPS redirect
 * ({@code security.headers.*}, {@code security.headers.trusted-hosts.*},
 * {@code security.headers.https-redirect.*}), built by the auto-configuration's own bean
 * methods.
 */
class ConfigurationFuzzTest {

	static {
		// Plain JUnit, no Boot logging system: Logback's default would log every binding
		// and every startup
		// finding of each execution to the console, which costs more than the execution.
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.ERROR);
	}

	private static final List<String> KEYS = List.of("security.headers.hsts.enabled",
			"security.headers.hsts.rollout.stage", "security.headers.hsts.rollout.started-at",
			"security.headers.hsts.include-subdomains", "security.headers.hsts.preload", "security.headers.hsts.revoke",
			"security.headers.hsts.excluded-hosts", "security.headers.hsts.rollout.stages[0].max-age",
			"security.headers.hsts.rollout.stages[0].hold",
			"security.headers.hsts.rollout.stages[0].include-subdomains",
			"security.headers.hsts.rollout.stages[1].max-age", "security.headers.hsts.rollout.stages[1].hold",
			"security.headers.hsts.rollout.stages[1].include-subdomains",
			"security.headers.hsts.rollout.stages[2].max-age");

	@FuzzTest(maxDuration = "15m", maxExecutions = 1_000_000)
	void configurationEitherBuildsAValidPolicyOrNamesTheProperty(FuzzedDataProvider data) {
		Map<String, String> properties = new LinkedHashMap<>();
		int count = data.consumeInt(0, 8);
		for (int i = 0; i < count; i++) {
			properties.put(data.pickValue(KEYS), data.consumeString(40));
		}
		Binder binder = new Binder(List.of(new MapConfigurationPropertySource(properties)), null,
				ApplicationConversionService.getSharedInstance());
		SecurityHeadersProperties bound;
		try {
			bound = binder.bindOrCreate("security.headers", Bindable.of(SecurityHeadersProperties.class));
		}
		catch (BindException ex) {
			assertThat(ex.getName().toString()).startsWith("security.headers");
			return;
		}
		try {
			HstsPolicy policy = new SecurityHeadersAutoConfiguration(bound).hstsPolicy();
			checkInvariants(policy);
		}
		catch (InvalidSecurityHeadersPropertyException ex) {
			assertThat(ex.getProperty()).startsWith("security.headers.hsts.");
			assertThat(ex.getAction()).isNotBlank();
		}
	}

	private static final List<String> HEADER_KEYS = List.of("security.headers.content-type-options",
			"security.headers.frame-options", "security.headers.referrer-policy", "security.headers.permissions-policy",
			"security.headers.content-security-policy.policy",
			"security.headers.content-security-policy.report-only-policy",
			"security.headers.content-security-policy.path-policies[0].paths",
			"security.headers.content-security-policy.path-policies[0].paths[1]",
			"security.headers.content-security-policy.path-policies[0].policy",
			"security.headers.content-security-policy.path-policies[0].report-only-policy",
			"security.headers.cross-origin-opener-policy", "security.headers.cross-origin-resource-policy",
			"security.headers.cache-control.enabled", "security.headers.cache-control.value",
			"security.headers.cache-control.excluded-paths", "security.headers.trusted-hosts.allowed",
			"security.headers.trusted-hosts.allowed[0]", "security.headers.trusted-hosts.allowed[1]",
			"security.headers.trusted-hosts.exempt-paths", "security.headers.trusted-hosts.exempt-paths[0]",
			"security.headers.https-redirect.https-port", "security.headers.https-redirect.get-and-head-status",
			"security.headers.https-redirect.other-methods-status", "security.headers.https-redirect.exempt-paths[0]",
			"security.headers.https-redirect.host");

	/**
	 * Pieces of valid values and troublemakers, so that binding gets past the first
	 * character more often.
	 */
	private static final List<String> HEADER_PIECES = List.of("nosniff", "DENY", "SAMEORIGIN", "disabled",
			"no-referrer", "origin", "same-origin", "same-site", "geolocation=()", "camera=(self)", "no-store",
			"private", "max-age=60", "default-src 'self'", "script-src 'nonce-{nonce}'", "{nonce}", ";", ",", " ",
			"/docs/**", "/", "**", "{", "}", "*", "*.example.com", "api.example.com", "10.0.0.0/8", "::1", "[::1]", "_",
			"https://", ":443", "301", "308", "443", "0", "-1", "99999", "true", "\r\n", "\r", "\n", "\u0000",
			"\u00fc");

	@FuzzTest(maxDuration = "15m", maxExecutions = 1_000_000)
	void headerTrustedHostAndRedirectConfigurationEitherBuildsOrNamesTheProperty(FuzzedDataProvider data) {
		Map<String, String> properties = new LinkedHashMap<>();
		int count = data.consumeInt(0, 6);
		for (int i = 0; i < count; i++) {
			StringBuilder value = new StringBuilder();
			int pieces = data.consumeInt(0, 4);
			for (int p = 0; p < pieces; p++) {
				value.append(data.consumeBoolean() ? data.pickValue(HEADER_PIECES) : data.consumeString(12));
			}
			properties.put(data.pickValue(HEADER_KEYS), unescape(value.toString()));
		}
		Binder binder = new Binder(List.of(new MapConfigurationPropertySource(properties)), null,
				ApplicationConversionService.getSharedInstance());
		SecurityHeadersProperties headers;
		TrustedHostsProperties trustedHosts;
		HttpsRedirectProperties redirect;
		try {
			headers = binder.bindOrCreate("security.headers", Bindable.of(SecurityHeadersProperties.class));
			trustedHosts = binder.bindOrCreate("security.headers.trusted-hosts",
					Bindable.of(TrustedHostsProperties.class));
			redirect = binder.bindOrCreate("security.headers.https-redirect",
					Bindable.of(HttpsRedirectProperties.class));
		}
		catch (BindException ex) {
			assertThat(ex.getName().toString()).startsWith("security.headers");
			return;
		}
		SecurityHeadersAutoConfiguration configuration = new SecurityHeadersAutoConfiguration(headers);
		try {
			// What the auto-configuration builds, in its order; a header that is switched
			// off has no bean.
			if (!isDisabled(headers.getContentTypeOptions())) {
				configuration.contentTypeOptionsHeaderWriter();
			}
			if (!isDisabled(headers.getFrameOptions())) {
				assertSafe(configuration.frameOptionsHeaderWriter().getHeaderValue());
			}
			if (!isDisabled(headers.getReferrerPolicy())) {
				configuration.referrerPolicyHeaderWriter();
			}
			if (!isDisabled(headers.getPermissionsPolicy())) {
				configuration.permissionsPolicyHeaderWriter();
			}
			SecurityHeadersProperties.ContentSecurityPolicy csp = headers.getContentSecurityPolicy();
			if (isSet(csp.getPolicy()) || isSet(csp.getReportOnlyPolicy())
					|| (csp.getPathPolicies() != null && !csp.getPathPolicies().isEmpty())) {
				configuration.contentSecurityPolicyHeaderWriter(
						new StaticListableBeanFactory().getBeanProvider(CspReportingDirectives.class));
			}
			if (isSet(headers.getCrossOriginOpenerPolicy())) {
				configuration.crossOriginOpenerPolicyHeaderWriter();
			}
			if (isSet(headers.getCrossOriginResourcePolicy())) {
				configuration.crossOriginResourcePolicyHeaderWriter();
			}
			if (headers.getCacheControl().isEnabled()) {
				configuration.cacheControlHeaderWriter();
			}
			TrustedHosts hosts = new TrustedHostsAutoConfiguration().trustedHosts(trustedHosts);
			hosts.check("api.example.com", null);
			hosts.isExemptPath("/docs/a");
			String location = new HttpsRedirectAutoConfiguration().httpsRedirectFilter(redirect)
				.getRule()
				.location("api.example.com", "/", null);
			// The configured host lands in Location as one host: no second authority, no
			// path, nothing a header could not carry.
			assertSafe(location);
			assertThat(location).matches("https://[^/?#@\\s]+/");
		}
		catch (InvalidSecurityHeadersPropertyException ex) {
			assertThat(ex.getProperty()).startsWith("security.headers.");
			assertThat(properties.keySet().stream().anyMatch((key) -> ex.getProperty().startsWith(stripIndex(key))))
				.as("%s names a property that was set: %s", ex.getProperty(), properties.keySet())
				.isTrue();
			assertThat(ex.getAction()).isNotBlank();
		}
	}

	private static boolean isDisabled(String value) {
		return value != null && value.trim().equalsIgnoreCase("disabled");
	}

	private static boolean isSet(String value) {
		return value != null && !isDisabled(value);
	}

	private static void assertSafe(String headerValue) {
		assertThat(headerValue).matches("[\\x20-\\x7e]+");
	}

	/** The property name up to its first index: the list the refused entry came from. */
	private static String stripIndex(String key) {
		int bracket = key.indexOf('[');
		return (bracket >= 0) ? key.substring(0, bracket) : key;
	}

	/**
	 * Lets the pieces carry control and non-ASCII characters, written as backslash
	 * escapes.
	 */
	private static String unescape(String value) {
		return value.replace("\\r", "\r")
			.replace("\\n", "\n")
			.replace("\\u0000", "\u0000")
			.replace("\\u00fc", "\u00fc");
	}

	private static void checkInvariants(HstsPolicy policy) {
		List<HstsStage> stages = policy.stages();
		assertThat(stages).isNotEmpty();
		for (int i = 0; i < stages.size(); i++) {
			HstsStage stage = stages.get(i);
			assertThat(stage.maxAgeSeconds()).isPositive();
			assertThat(stage.headerValue())
				.isEqualTo(HstsStage.render(stage.maxAgeSeconds(), stage.includeSubDomains(), stage.preload()));
			assertThat(stage.headerValue()).matches("max-age=[0-9]+(; includeSubDomains)?(; preload)?");
			if (stage.preload()) {
				assertThat(i).isEqualTo(stages.size() - 1);
				assertThat(stage.includeSubDomains()).isTrue();
				assertThat(stage.maxAgeSeconds()).isGreaterThanOrEqualTo(HstsStage.PRELOAD_MIN_MAX_AGE);
			}
			if (i > 0) {
				assertThat(stage.maxAgeSeconds()).isGreaterThanOrEqualTo(stages.get(i - 1).maxAgeSeconds());
				if (stages.get(i - 1).includeSubDomains()) {
					assertThat(stage.includeSubDomains()).isTrue();
				}
			}
		}
		String value = policy.headerValueAt(System.currentTimeMillis());
		if (value != null) {
			assertThat(value).matches("max-age=[0-9]+(; includeSubDomains)?(; preload)?");
		}
	}

}
