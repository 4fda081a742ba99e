package dev.hsts.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.hsts.servlet.TrustedHostsApplication;
import dev.hsts.test.FailedStartup;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real application start per bad configuration, read the way a user reads it: the
 * application does not start, and the printed "APPLICATION FAILED TO START" report names
 * the property and says how to fix it; no stack trace is all there is. Our own refusals
 * come from {@link InvalidSecurityHeadersConfigurationFailureAnalyzer}; values Boot
 * cannot convert at all (an unparseable duration, a word for a boolean or a number) from
 * Boot's own BindFailureAnalyzer, which names the property too.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationStartupTest {

	private static final String HSTS = "security.headers.hsts.";

	private static final String STAGES = HSTS + "rollout.stages";

	private static final String STARTER_SWITCH = "security.headers.enabled";

	private static final String REDIRECT_SWITCH = "security.headers.https-redirect.enabled";

	private static final String STARTED_AT_FIX = "in UTC or with an offset, e.g. 2026-12-01T09:00:00Z";

	/** Ours: names the property and the fix. */
	static Arguments ours(String description, String property, String fix, String... properties) {
		if (fix.isBlank()) {
			throw new IllegalArgumentException(description + ": every case checks its specific fix");
		}
		return Arguments.of(description, property, fix, false, properties);
	}

	/** A switch that says neither true nor false: ours, with the fix that says both. */
	static Arguments refusedSwitch(String description, String property, String value) {
		return ours(description, property, "Write " + property + "=true or " + property + "=false.",
				property + "=" + value);
	}

	/**
	 * Boot's BindFailureAnalyzer: names the property, and its action asks to update the
	 * configuration.
	 */
	static Arguments boots(String description, String property, String... properties) {
		return Arguments.of(description, property, "Update your application's configuration", true, properties);
	}

	static Stream<Arguments> badConfigurations() {
		return Stream.of(
				// Control characters in header values.
				ours("CR/LF in Referrer-Policy", "security.headers.referrer-policy", "without control characters",
						"security.headers.referrer-policy=origin\r\nSet-Cookie: a=b"),
				ours("LF in the CSP", "security.headers.content-security-policy.policy", "without control characters",
						"security.headers.content-security-policy.policy=default-src 'self'\nX-Injected: 1"),
				ours("CR in a per-path CSP", "security.headers.content-security-policy.path-policies[0].policy",
						"without control characters",
						"security.headers.content-security-policy.path-policies[0].paths=/docs/**",
						"security.headers.content-security-policy.path-policies[0].policy=default-src 'self'\r"),
				ours("NUL in Permissions-Policy", "security.headers.permissions-policy", "without control characters",
						"security.headers.permissions-policy=camera=()\u0000"),
				ours("tab in X-Frame-Options", "security.headers.frame-options", "without control characters",
						"security.headers.frame-options=DENY\tSAMEORIGIN"),
				ours("CR/LF in Cache-Control", "security.headers.cache-control.value", "without control characters",
						"security.headers.cache-control.value=no-store\r\nX: y"),
				ours("DEL in Cross-Origin-Opener-Policy", "security.headers.cross-origin-opener-policy",
						"without control characters", "security.headers.cross-origin-opener-policy=same-origin\u007f"),
				ours("non-ASCII in X-Content-Type-Options", "security.headers.content-type-options", "in ASCII",
						"security.headers.content-type-options=nosn\u00efff"),
				ours("LF in a trusted host", "security.headers.trusted-hosts.allowed[0]",
						"Use an exact name (api.example.com)",
						"security.headers.trusted-hosts.allowed[0]=api.example.com\nevil.com"),
				// CSP reporting.
				ours("CSP report path without a slash", "security.headers.content-security-policy.reporting.path",
						"Write a path such as /csp-reports.",
						"security.headers.content-security-policy.reporting.enabled=true",
						"security.headers.content-security-policy.reporting.path=csp-reports"),
				ours("CSP report path with a query", "security.headers.content-security-policy.reporting.path",
						"Write a path such as /csp-reports.",
						"security.headers.content-security-policy.reporting.enabled=true",
						"security.headers.content-security-policy.reporting.path=/csp?x=1"),
				ours("CSP report body limit over 1MB",
						"security.headers.content-security-policy.reporting.max-body-size", "Set a size such as 64KB.",
						"security.headers.content-security-policy.reporting.enabled=true",
						"security.headers.content-security-policy.reporting.max-body-size=10MB"),
				ours("CSP sample rate above 1", "security.headers.content-security-policy.reporting.sample-rate",
						"Set 1 to process every report",
						"security.headers.content-security-policy.reporting.enabled=true",
						"security.headers.content-security-policy.reporting.sample-rate=1.5"),
				ours("CSP overall limit below the per-client one",
						"security.headers.content-security-policy.reporting.rate-limit.overall",
						"Set an overall limit at least as high as security.headers.content-security-policy.reporting.rate-limit.per-client",
						"security.headers.content-security-policy.reporting.enabled=true",
						"security.headers.content-security-policy.reporting.rate-limit.per-client=100",
						"security.headers.content-security-policy.reporting.rate-limit.overall=10"),
				ours("CSP quiet period of zero", "security.headers.content-security-policy.reporting.quiet-period",
						"Set a period such as 7d.", "security.headers.content-security-policy.reporting.enabled=true",
						"security.headers.content-security-policy.reporting.quiet-period=0s"),
				boots("CSP log level unknown", "security.headers.content-security-policy.reporting.log-level",
						"security.headers.content-security-policy.reporting.enabled=true",
						"security.headers.content-security-policy.reporting.log-level=loud"),
				// Durations.
				ours("negative max-age", STAGES + "[0].max-age", "positive duration", STAGES + "[0].max-age=-300s"),
				ours("zero max-age", STAGES + "[0].max-age", "positive duration", STAGES + "[0].max-age=0"),
				ours("zero hold", STAGES + "[0].hold", "positive duration", STAGES + "[0].max-age=300",
						STAGES + "[0].hold=0s", STAGES + "[1].max-age=1d"),
				ours("negative hold", STAGES + "[0].hold", "positive duration", STAGES + "[0].max-age=300",
						STAGES + "[0].hold=-1d", STAGES + "[1].max-age=1d"),
				ours("fractional max-age", STAGES + "[0].max-age", "whole seconds", STAGES + "[0].max-age=1500ms"),
				ours("fractional hold", STAGES + "[0].hold", "whole seconds", STAGES + "[0].max-age=300",
						STAGES + "[0].hold=90500ms", STAGES + "[1].max-age=1d"),
				ours("max-age over 2^31-1 s", STAGES + "[0].max-age", "Use at most 365d (31536000 s)",
						STAGES + "[0].max-age=3000000000"),
				boots("unparseable duration", STAGES + "[0].max-age", STAGES + "[0].max-age=five minutes"),
				// The plan.
				ours("decreasing max-ages", STAGES + "[1].max-age", "Order the stages by increasing max-age",
						STAGES + "[0].max-age=1d", STAGES + "[0].hold=1d", STAGES + "[1].max-age=300"),
				ours("includeSubDomains turned off again", STAGES + "[1].include-subdomains",
						"Remove include-subdomains from stage 2 (it inherits true)", STAGES + "[0].max-age=300",
						STAGES + "[0].hold=1d", STAGES + "[0].include-subdomains=true", STAGES + "[1].max-age=1d",
						STAGES + "[1].include-subdomains=false"),
				ours("empty stage list", STAGES, "List at least one stage", STAGES + "="),
				ours("preload without includeSubDomains", HSTS + "preload", "include-subdomains=true",
						HSTS + "preload=true"),
				ours("preload with a final max-age below a year", HSTS + "preload",
						"Make the final stage's max-age at least 365d", HSTS + "preload=true",
						HSTS + "include-subdomains=true", STAGES + "[0].max-age=1d"),
				ours("pinned stage after the last", HSTS + "rollout.stage", "to a number from 1 to 3",
						HSTS + "rollout.stage=4"),
				ours("pinned stage 0", HSTS + "rollout.stage", "to a number from 1 to 3", HSTS + "rollout.stage=0"),
				ours("pinned stage with started-at", HSTS + "rollout.stage",
						"Remove security.headers.hsts.rollout.stage to let the stage follow the clock",
						HSTS + "rollout.stage=2", HSTS + "rollout.started-at=2026-12-01T09:00:00Z"),
				boots("pinned stage not a number", HSTS + "rollout.stage", HSTS + "rollout.stage=two"),
				ours("started-at without offset", HSTS + "rollout.started-at", STARTED_AT_FIX,
						HSTS + "rollout.started-at=2026-12-01T09:00:00"),
				ours("started-at as a date", HSTS + "rollout.started-at", STARTED_AT_FIX,
						HSTS + "rollout.started-at=01/12/2026"),
				ours("started-at with a space", HSTS + "rollout.started-at", STARTED_AT_FIX,
						HSTS + "rollout.started-at=2026-12-01 09:00:00Z"),
				// Unknown values of the enumerated settings.
				ours("unknown X-Frame-Options", "security.headers.frame-options", "SAMEORIGIN",
						"security.headers.frame-options=ALLOWALL"),
				ours("unknown Referrer-Policy", "security.headers.referrer-policy", "no-referrer",
						"security.headers.referrer-policy=never"),
				ours("unknown Cross-Origin-Resource-Policy", "security.headers.cross-origin-resource-policy",
						"same-origin", "security.headers.cross-origin-resource-policy=everyone"),
				ours("unknown X-Content-Type-Options", "security.headers.content-type-options", "nosniff",
						"security.headers.content-type-options=sniff"),
				boots("unknown boolean", HSTS + "preload", HSTS + "preload=sometimes"),
				// A switch with a typo used to switch the feature off silently. Boot's
				// binder reads on/off, spaces and an empty value differently from
				// @ConditionalOnBooleanProperty, which takes only true/false.
				refusedSwitch("unknown boolean for the redirect switch", REDIRECT_SWITCH, "maybe"),
				refusedSwitch("unknown boolean for the starter's switch", STARTER_SWITCH, "ture"),
				refusedSwitch("'on' for the starter's switch", STARTER_SWITCH, "on"),
				refusedSwitch("'0' for the starter's switch", STARTER_SWITCH, "0"),
				refusedSwitch("empty starter's switch", STARTER_SWITCH, ""),
				refusedSwitch("starter's switch with a space after it", STARTER_SWITCH, "false "),
				refusedSwitch("'off' for the redirect switch", REDIRECT_SWITCH, "off"),
				refusedSwitch("'yes' for the redirect switch", REDIRECT_SWITCH, "yes"),
				ours("not a redirect status", "security.headers.https-redirect.get-and-head-status", "308",
						"security.headers.https-redirect.enabled=true",
						"security.headers.https-redirect.get-and-head-status=200"),
				boots("redirect status not a number", "security.headers.https-redirect.other-methods-status",
						"security.headers.https-redirect.enabled=true",
						"security.headers.https-redirect.other-methods-status=permanent"),
				ours("redirect exempt path not a pattern", "security.headers.https-redirect.exempt-paths[0]",
						"Write a pattern that starts with '/'", "security.headers.https-redirect.enabled=true",
						"security.headers.https-redirect.exempt-paths=/}"),
				ours("redirect host with a scheme", "security.headers.https-redirect.host",
						"Write only the host to redirect to", "security.headers.https-redirect.enabled=true",
						"security.headers.https-redirect.host=https://www.example.com"),
				ours("redirect host with a port", "security.headers.https-redirect.host",
						"The port is security.headers.https-redirect.https-port",
						"security.headers.https-redirect.enabled=true",
						"security.headers.https-redirect.host=www.example.com:8443"),
				ours("redirect host with a path", "security.headers.https-redirect.host",
						"without scheme, port, path or spaces", "security.headers.https-redirect.enabled=true",
						"security.headers.https-redirect.host=www.example.com/login"),
				// Host entries.
				ours("trusted host with a scheme", "security.headers.trusted-hosts.allowed[1]",
						"without scheme, port, path or spaces",
						"security.headers.trusted-hosts.allowed=api.example.com,https://api.example.com"),
				ours("excluded host with a bad CIDR range", HSTS + "excluded-hosts[0]",
						"a CIDR range (10.0.0.0/8, fd00::/8)", HSTS + "excluded-hosts=10.0.0.1/8"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badConfigurations")
	void theApplicationDoesNotStartAndTheReportNamesThePropertyAndTheFix(String description, String property,
			String fix, boolean bootsAnalyzer, String[] properties, CapturedOutput output) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("server.address", "127.0.0.1");
		all.put("spring.main.banner-mode", "off");
		for (String pair : properties) {
			int equals = pair.indexOf('=');
			all.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		FailedStartup report = FailedStartup
			.of(new SpringApplicationBuilder(TrustedHostsApplication.class).web(WebApplicationType.SERVLET)
				.properties(all), output);
		String descriptionSection = report.description();
		String actionSection = report.action();
		assertThat(descriptionSection).contains("Property: " + property);
		if (bootsAnalyzer) {
			assertThat(descriptionSection).contains("Failed to bind properties under '" + property + "'");
			assertThat(actionSection).contains(fix);
		}
		else {
			assertThat(descriptionSection).contains("The security headers configuration is invalid.")
				.contains("Reason: ");
			assertThat(actionSection).contains("Update '" + property + "' in your configuration.").contains(fix);
		}
		// A value with CR/LF never starts a line of its own.
		String printed = report.printed();
		assertThat(printed).doesNotContainPattern("(?m)^(Set-Cookie|X-Injected|X): ");
		assertThat(printed).doesNotContain("\u0000");
	}

}
