package dev.hsts.autoconfigure;

import java.util.stream.Stream;

import dev.hsts.test.RunningApp;
import dev.hsts.servlet.HeadersApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An invalid header value stops the application at startup, with a failure analysis that
 * names the property.
 */
class InvalidHeaderValuesAtStartupTest {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityHeadersAutoConfiguration.class));

	static Stream<Arguments> invalid() {
		return Stream.of(Arguments.of("security.headers.content-type-options", "sniff"),
				Arguments.of("security.headers.frame-options", "ALLOW-FROM https://a.example"),
				Arguments.of("security.headers.referrer-policy", "nobody"),
				Arguments.of("security.headers.permissions-policy", "camera 'none'"),
				Arguments.of("security.headers.content-security-policy.policy", "default-src 'self', img-src *"),
				Arguments.of("security.headers.content-security-policy.report-only-policy", "script-src {nonce}"),
				Arguments.of("security.headers.content-security-policy.path-policies[0].policy", "'self'"),
				Arguments.of("security.headers.content-security-policy.path-policies[0].paths[0]", "docs/**"),
				Arguments.of("security.headers.cross-origin-opener-policy", "same-site"),
				Arguments.of("security.headers.cross-origin-resource-policy", "everyone"),
				Arguments.of("security.headers.cache-control.value", "no-store;"),
				Arguments.of("security.headers.cache-control.excluded-paths[0]", "/{broken"),
				Arguments.of("security.headers.cross-origin-embedder-policy", "require-cors"),
				Arguments.of("security.headers.permitted-cross-domain-policies", "some"),
				Arguments.of("security.headers.origin-agent-cluster", "1"),
				Arguments.of("security.headers.dns-prefetch-control", "yes"),
				Arguments.of("security.headers.xss-protection", "1"),
				Arguments.of("security.headers.xss-protection", "1; mode=block"),
				Arguments.of("security.headers.clear-site-data.directives[0]", "everything"),
				Arguments.of("security.headers.clear-site-data.paths[0]", "logout"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("invalid")
	void startupFailsWithAnAnalysisNamingTheProperty(String property, String value) {
		String[] properties = property.contains("path-policies[0]")
				? new String[] { property + "=" + value,
						"security.headers.content-security-policy.path-policies[0].paths=/docs/**" }
				: new String[] { property + "=" + value };
		if (property.endsWith("paths[0]")) {
			properties = new String[] { property + "=" + value };
		}
		if (property.contains("clear-site-data")) {
			properties = new String[] { property + "=" + value, "security.headers.clear-site-data.enabled=true" };
		}
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
			assertThat(root).isInstanceOf(InvalidSecurityHeadersPropertyException.class);
			assertThat(((InvalidSecurityHeadersPropertyException) root).getProperty()).isEqualTo(property);
			FailureAnalysis analysis = new InvalidSecurityHeadersConfigurationFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("Property: " + property);
			assertThat(analysis.getAction()).startsWith("Update '" + property + "'");
		});
	}

	@Test
	void xssProtectionOneIsRefusedWithTheReason() {
		this.runner.withPropertyValues("security.headers.xss-protection=1; mode=block").run((context) -> {
			FailureAnalysis analysis = new InvalidSecurityHeadersConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: security.headers.xss-protection")
				.contains("XSS auditor")
				.contains("current browsers ignore the header");
			assertThat(analysis.getAction()).contains("Set it to 0");
		});
	}

	@Test
	void clearSiteDataDirectivesAreValidatedOnlyWhenItIsOn() {
		this.runner.withPropertyValues("security.headers.clear-site-data.directives=cookies,secrets")
			.run((context) -> assertThat(context).hasNotFailed());
		this.runner
			.withPropertyValues("security.headers.clear-site-data.enabled=true",
					"security.headers.clear-site-data.directives=cookies,cookies")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidSecurityHeadersConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("Property: security.headers.clear-site-data.directives[1]")
					.contains("listed twice");
			});
	}

	@Test
	void controlCharactersAreRefusedAndShownEscaped() {
		this.runner.withPropertyValues("security.headers.referrer-policy=origin\r\nSet-Cookie: a=b").run((context) -> {
			FailureAnalysis analysis = new InvalidSecurityHeadersConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Value: origin\\u000d\\u000aSet-Cookie: a=b")
				.doesNotContain("\r");
		});
	}

	@Test
	void aRealApplicationRefusesToStart() {
		assertThatThrownBy(() -> RunningApp.https(new Class<?>[] { HeadersApplication.class },
				"logging.level.org.springframework.boot.diagnostics=OFF", "security.headers.frame-options=ALLOWALL"))
			.hasRootCauseInstanceOf(InvalidSecurityHeadersPropertyException.class)
			.rootCause()
			.hasMessageContaining("security.headers.frame-options");
	}

	@Test
	void defaultsStartAndHeadersThatAreOffHaveNoWriter() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("frameOptionsHeaderWriter");
			assertThat(context).hasSingleBean(dev.hsts.servlet.CacheControlDefaultWriter.class);
			assertThat(context).doesNotHaveBean(dev.hsts.servlet.CspHeaderWriter.class);
			assertThat(context).doesNotHaveBean("crossOriginOpenerPolicyHeaderWriter");
		});
	}

	@Test
	void anApplicationWriterReplacesTheStartersOne() {
		this.runner
			.withBean("frameOptionsHeaderWriter", dev.hsts.servlet.FixedHeaderWriter.class,
					() -> new dev.hsts.servlet.FixedHeaderWriter("X-Frame-Options", "SAMEORIGIN"))
			.run((context) -> assertThat(
					context.getBean("frameOptionsHeaderWriter", dev.hsts.servlet.FixedHeaderWriter.class)
						.getHeaderValue())
				.isEqualTo("SAMEORIGIN"));
	}

}
