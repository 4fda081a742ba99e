package dev.hsts.autoconfigure;

import dev.hsts.core.HstsPolicy;
import dev.hsts.servlet.TrustedHostsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In an application that is not a web application the starter has nothing to act on; when
 * such an application sets {@code security.headers.*}, it says so at startup as a warning
 * naming the first key, and still starts (also with a key the starter does not know). A
 * WebFlux application gets the starter itself, and no warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class NonServletApplicationTest {

	private static final String WARNING = "but this is not a web application (neither servlet nor WebFlux): the "
			+ "security headers starter acts on HTTP responses, and this application serves none, so the setting has "
			+ "no effect.";

	@Test
	void aNonWebApplicationThatSetsTheStartersKeysIsWarned(CapturedOutput output) {
		try (ConfigurableApplicationContext context = nonWeb("security.headers.hsts.rollout.stage=3")) {
			assertThat(context.getBeanNamesForType(HstsPolicy.class)).isEmpty();
		}
		assertThat(output).containsPattern("WARN .*NonServletAutoConfiguration +: ")
			.contains("The configuration sets security.headers.hsts.rollout.stage (at "
					+ "\"security.headers.hsts.rollout.stage\" from property source \"defaultProperties\"), " + WARNING)
			.containsOnlyOnce(WARNING)
			.doesNotContain("APPLICATION FAILED TO START");
	}

	@Test
	void aKeyTheStarterDoesNotKnowIsWarnedAboutAndDoesNotStopTheApplication(CapturedOutput output) {
		nonWeb("security.headers.hsts.rolout.stage=3").close();
		assertThat(output).contains("The configuration sets security.headers.hsts.rolout.stage (at ")
			.contains(WARNING)
			.doesNotContain("APPLICATION FAILED TO START");
	}

	@Test
	void aReactiveWebApplicationGetsTheStarterAndNoWarning(CapturedOutput output) {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SecurityHeadersPropertiesAutoConfiguration.class,
					SecurityHeadersAutoConfiguration.class, ReactiveSecurityHeadersAutoConfiguration.class,
					SecurityHeadersNonServletAutoConfiguration.class))
			.withPropertyValues("security.headers.trusted-hosts.allowed=api.example.test")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(HstsPolicy.class);
				assertThat(context.getBean(dev.hsts.core.TrustedHosts.class).allowed())
					.containsExactly("api.example.test");
				assertThat(output).doesNotContain("The configuration sets").doesNotContain(WARNING);
			});
	}

	@Test
	void noWarningWhenTheStarterIsSwitchedOffOrNotConfigured(CapturedOutput output) {
		nonWeb("security.headers.enabled=false", "security.headers.hsts.preload=true").close();
		nonWeb().close();
		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void noWarningInAServletWebApplication(CapturedOutput output) {
		new SpringApplicationBuilder(TrustedHostsApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"security.headers.hsts.rollout.stage=2")
			.run()
			.close();
		assertThat(output).doesNotContain(WARNING);
	}

	private static ConfigurableApplicationContext nonWeb(String... properties) {
		return new SpringApplicationBuilder(TrustedHostsApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

}
