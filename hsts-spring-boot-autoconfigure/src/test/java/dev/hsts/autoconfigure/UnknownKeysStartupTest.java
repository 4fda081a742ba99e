package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.hsts.core.HstsPolicy;
import dev.hsts.core.TrustedHosts;
import dev.hsts.servlet.TrustedHostsApplication;
import dev.hsts.test.FailedStartup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key under {@code security.headers} that the starter does not bind stops the
 * application at startup, with a report that names the key as written, where it is set
 * (file and line) and the closest key the starter knows; keys the starter binds, in any
 * relaxed form Spring Boot accepts, do not. Real application starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownKeysStartupTest {

	@Test
	void aMisspelledKeyInYamlIsReportedWithItsFileLineAndTheKeyMeant(CapturedOutput output) {
		FailedStartup report = FailedStartup
			.of(application("spring.config.location=classpath:/config-mistakes/application-misspelled.yml"), output);
		// "class path resource [x.yml] - 5:16", or "... [x.yml] from y.jar - 5:16" when
		// the tests run from their jar.
		String file = Pattern.quote("class path resource [config-mistakes/application-misspelled.yml]")
				+ "(?: from \\S+)?";
		assertThat(report.description())
			.contains("The security headers configuration has 2 keys the starter does not know. Spring Boot would "
					+ "ignore them in silence, leaving what they were meant to set at its default.")
			.containsPattern(Pattern.quote("    Property: security.headers.hsts.rolout.stage\n") + "    Origin: " + file
					+ " - 5:16\n" + Pattern.quote("    Did you mean: security.headers.hsts.rollout.stage\n"))
			.containsPattern(Pattern.quote("    Property: security.headers.hsts.include-subdomain\n") + "    Origin: "
					+ file + " - 6:26\n" + Pattern.quote("    Did you mean: security.headers.hsts.include-subdomains"));
		assertThat(report.action())
			.containsPattern(Pattern.quote("Did you mean 'security.headers.hsts.rollout.stage'? Correct "
					+ "'security.headers.hsts.rolout.stage' at ") + file + " - 5:16\\.")
			.containsPattern(Pattern.quote("Did you mean 'security.headers.hsts.include-subdomains'? Correct "
					+ "'security.headers.hsts.include-subdomain' at ") + file + " - 6:26\\.");
		// The value is not needed to fix a key, so it is not printed.
		assertThat(report.description()).doesNotContain("Value");
	}

	@Test
	void aMisspelledKeyOfAListElementIsReportedWithItsIndex(CapturedOutput output) {
		FailedStartup report = FailedStartup.of(
				application("spring.config.location=classpath:/config-mistakes/application-misspelled-stage.yml"),
				output);
		assertThat(report.description()).contains("has a key the starter does not know")
			.containsPattern(Pattern
				.quote("    Property: security.headers.hsts.rollout.stages[1].max-agee\n"
						+ "    Origin: class path resource [config-mistakes/application-misspelled-stage.yml]")
					+ "(?: from \\S+)? - 8:23\n"
					+ Pattern.quote("    Did you mean: security.headers.hsts.rollout.stages[1].max-age\n"));
		// Reported before the stage without a max-age that it leaves behind.
		assertThat(report.printed()).doesNotContain("The security headers configuration is invalid");
	}

	@Test
	void aMisspelledEnvironmentVariableIsReportedByItsName(CapturedOutput output) {
		FailedStartup report = FailedStartup.of(application().initializers((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(environmentVariables(Map.of("SECURITY_HEADERS_HSTS_ROLOUT_STAGE", "2",
					"SECURITY_HEADERS_HSTS_ROLLOUT_STAGES_0_MAXAGEE", "300")))),
				output);
		assertThat(report.description())
			.contains("    Property: security.headers.hsts.rolout.stage\n"
					+ "    Origin: \"SECURITY_HEADERS_HSTS_ROLOUT_STAGE\" from property source "
					+ "\"test-systemEnvironment\"\n    Did you mean: security.headers.hsts.rollout.stage (environment "
					+ "variable SECURITY_HEADERS_HSTS_ROLLOUT_STAGE)\n")
			.contains("    Property: security.headers.hsts.rollout.stages[0].maxagee\n"
					+ "    Origin: \"SECURITY_HEADERS_HSTS_ROLLOUT_STAGES_0_MAXAGEE\" from property source "
					+ "\"test-systemEnvironment\"\n    Did you mean: security.headers.hsts.rollout.stages[0].max-age "
					+ "(environment variable SECURITY_HEADERS_HSTS_ROLLOUT_STAGES_0_MAXAGE)");
		assertThat(report.action()).contains("Did you mean 'security.headers.hsts.rollout.stage' (environment "
				+ "variable SECURITY_HEADERS_HSTS_ROLLOUT_STAGE)? Correct 'security.headers.hsts.rolout.stage' at "
				+ "\"SECURITY_HEADERS_HSTS_ROLOUT_STAGE\" from property source \"test-systemEnvironment\".");
	}

	@Test
	void aMisspelledKeyFailsAlsoWhenTheStarterIsSwitchedOff(CapturedOutput output) {
		FailedStartup report = FailedStartup
			.of(application("security.headers.enabled=false", "security.headers.hsts.include-subdomain=true"), output);
		assertThat(report.description()).contains("    Property: security.headers.hsts.include-subdomain\n"
				+ "    Origin: \"security.headers.hsts.include-subdomain\" from property source "
				+ "\"defaultProperties\"\n    Did you mean: security.headers.hsts.include-subdomains\n");
	}

	@Test
	void aKeyCloseToNoneIsReportedWithoutAGuess(CapturedOutput output) {
		FailedStartup report = FailedStartup.of(application("security.headers.strict-transport-security=on"), output);
		assertThat(report.description()).contains("    Property: security.headers.strict-transport-security\n")
			.contains("    Did you mean: (no key of the starter is close)");
		assertThat(report.action()).contains("Remove or correct 'security.headers.strict-transport-security' at "
				+ "\"security.headers.strict-transport-security\" from property source \"defaultProperties\". The "
				+ "starter's keys are listed in its README and completed by IDEs from its configuration metadata.");
	}

	@Test
	void keysInEveryRelaxedFormSpringBootBindsAreAccepted(CapturedOutput output) {
		try (ConfigurableApplicationContext context = application(
				"spring.config.location=classpath:/config-mistakes/application-relaxed.yml",
				"security.headers.cache-control.excludedPaths[0]=/assets/**")
			.initializers((initializing) -> initializing.getEnvironment()
				.getPropertySources()
				.addFirst(environmentVariables(Map.of("SECURITY_HEADERS_HSTS_PRELOAD", "false",
						"SECURITY_HEADERS_TRUSTEDHOSTS_EXEMPTPATHS_0", "/health/live"))))
			.run()) {
			// Bound as written, so known as written.
			HstsPolicy policy = context.getBean(HstsPolicy.class);
			assertThat(policy.headerValueAt(0)).isEqualTo("max-age=86400; includeSubDomains");
			TrustedHosts trustedHosts = context.getBean(TrustedHosts.class);
			assertThat(trustedHosts.isOff()).isFalse();
		}
		assertThat(output).doesNotContain("does not know");
	}

	@Test
	void settingOneStageGetsTheStartersReportWithTheWholePlanToWrite(CapturedOutput output) {
		FailedStartup report = FailedStartup.of(application("security.headers.hsts.rollout.stages[1].max-age=2d"),
				output);
		assertThat(report.description())
			.contains("The security headers configuration sets only some elements of the list "
					+ "security.headers.hsts.rollout.stages.")
			.contains("    Property: security.headers.hsts.rollout.stages\n    Set: [1]\n    Missing: [0]\n")
			.contains("Reason: Spring Boot binds a list as a whole, from the one configuration source that sets it, "
					+ "counting from [0] up to the first element that is missing or sets nothing; it does not merge "
					+ "single elements into the starter's default list or into a list set in another source. So the "
					+ "elements set there replace the whole list, and [1] cannot be bound without [0].")
			.doesNotContain("Bindable");
		assertThat(report.action())
			.contains(
					"Set the whole list security.headers.hsts.rollout.stages in one place, every element from [0] on.")
			.contains("""
					security:
					  headers:
					    hsts:
					      rollout:
					        stages:
					          - max-age: 300s
					            hold: 1d
					          - max-age: 2d
					            hold: 7d
					          - max-age: 365d
					""")
			.contains("""
					security.headers.hsts.rollout.stages[0].max-age=300s
					security.headers.hsts.rollout.stages[0].hold=1d
					security.headers.hsts.rollout.stages[1].max-age=2d
					security.headers.hsts.rollout.stages[1].hold=7d
					security.headers.hsts.rollout.stages[2].max-age=365d
					""");
		assertThat(report.printed()).doesNotContain("were left unbound");
	}

	@Test
	void aStageThatSetsNothingEndsThePlanAndGetsTheStartersReport(CapturedOutput output) {
		FailedStartup report = FailedStartup.of(application("security.headers.hsts.rollout.stages[0].max-age=300s",
				"security.headers.hsts.rollout.stages[0].hold=1d", "security.headers.hsts.rollout.stages[1].max-age=",
				"security.headers.hsts.rollout.stages[2].max-age=365d"), output);
		assertThat(report.description())
			.contains("    Property: security.headers.hsts.rollout.stages\n    Set: [0], [1], [2]\n    Origin: ")
			.contains("So the elements set there replace the whole list, and [1], [2] cannot be bound.")
			.doesNotContain("Missing");
		assertThat(report.action()).contains("""
				security.headers.hsts.rollout.stages[0].max-age=300s
				security.headers.hsts.rollout.stages[0].hold=1d
				security.headers.hsts.rollout.stages[1].max-age=
				security.headers.hsts.rollout.stages[1].hold=7d
				security.headers.hsts.rollout.stages[2].max-age=365d
				""");
	}

	@Test
	void addingAHostByEnvironmentVariableToAListInAFileGetsTheStartersReport(CapturedOutput output) {
		FailedStartup report = FailedStartup.of(
				application(
						"security.headers.trusted-hosts.allowed=a.example.test," + "*.b.example.test")
					.initializers((context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(environmentVariables(
								Map.of("SECURITY_HEADERS_TRUSTEDHOSTS_ALLOWED_2", "c.example.test")))),
				output);
		assertThat(report.description())
			.contains("    Property: security.headers.trusted-hosts.allowed\n    Set: [2]\n    Missing: [0], [1]\n"
					+ "    Origin: \"SECURITY_HEADERS_TRUSTEDHOSTS_ALLOWED_2\" from property source "
					+ "\"test-systemEnvironment\"\n");
		assertThat(report.action()).contains("""
				security:
				  headers:
				    trusted-hosts:
				      allowed:
				        - a.example.test
				        - "*.b.example.test"
				        - c.example.test
				""").contains("""
				security.headers.trusted-hosts.allowed[0]=a.example.test
				security.headers.trusted-hosts.allowed[1]=*.b.example.test
				security.headers.trusted-hosts.allowed[2]=c.example.test
				""");
	}

	@Test
	void aPathPolicyWithoutTheFirstGetsTheStartersReport(CapturedOutput output) {
		FailedStartup report = FailedStartup
			.of(application("security.headers.content-security-policy.path-policies[1].paths=/docs/**",
					"security.headers.content-security-policy.path-policies[1].policy=default-src 'self'"), output);
		assertThat(report.description())
			.contains("    Property: security.headers.content-security-policy.path-policies\n    Set: [1]\n"
					+ "    Missing: [0]\n");
		assertThat(report.action()).contains("""
				      path-policies:
				        - paths: "/docs/**"
				          policy: "default-src 'self'"
				""").contains("""
				security.headers.content-security-policy.path-policies[0].paths=/docs/**
				security.headers.content-security-policy.path-policies[0].policy=default-src 'self'
				""");
	}

	/** The application, over plain HTTP on a random port, with these properties. */
	static SpringApplicationBuilder application(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(TrustedHostsApplication.class).web(WebApplicationType.SERVLET)
			.properties(all.toArray(new String[0]));
	}

	/**
	 * Environment variables: Spring Boot maps the names of a
	 * {@link SystemEnvironmentPropertySource} whose name ends in
	 * {@code -systemEnvironment} as it maps the real ones
	 * ({@code SECURITY_HEADERS_HSTS_ROLLOUT_STAGE} is
	 * {@code security.headers.hsts.rollout.stage}).
	 */
	static SystemEnvironmentPropertySource environmentVariables(Map<String, Object> variables) {
		return new SystemEnvironmentPropertySource("test-systemEnvironment", variables);
	}

}
