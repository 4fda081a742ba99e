package dev.hsts.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hsts.core.Finding;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A setting whose part is switched off gets a {@code setting.inactive} warning that names
 * it, where it is set and the switch; a part that is on, or a switch set alone, gets
 * none.
 */
class InactiveSettingsTest {

	private static final AutoConfigurations STARTER = AutoConfigurations.of(
			SecurityHeadersPropertiesAutoConfiguration.class, SecurityHeadersAutoConfiguration.class,
			ReactiveSecurityHeadersAutoConfiguration.class, TrustedHostsAutoConfiguration.class,
			HttpsRedirectAutoConfiguration.class);

	private static List<Finding> findings(String... properties) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (String property : properties) {
			int equals = property.indexOf('=');
			map.put(property.substring(0, equals), property.substring(equals + 1));
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", map));
		return InactiveSettings.of(environment);
	}

	@Test
	void aSettingOfAPartThatIsOffByDefaultIsNamedWithTheSwitch() {
		List<Finding> findings = findings("security.headers.clear-site-data.directives=cache,cookies");
		assertThat(findings).hasSize(1);
		Finding finding = findings.get(0);
		assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
		assertThat(finding.code()).isEqualTo("setting.inactive");
		assertThat(finding.property()).isEqualTo("security.headers.clear-site-data.enabled");
		assertThat(finding.message())
			.isEqualTo("security.headers.clear-site-data.directives (\"security.headers.clear-site-data.directives\" "
					+ "from property source \"test\") is set, but "
					+ "security.headers.clear-site-data.enabled is false, so it has no effect. Set "
					+ "security.headers.clear-site-data.enabled=true to use it, or remove the setting.");
	}

	@Test
	void aPartSwitchedOffExplicitlyNamesEveryKeySetUnderIt() {
		List<Finding> findings = findings("security.headers.cookies.enabled=false",
				"security.headers.cookies.same-site=strict", "security.headers.cookies.http-only=true",
				"security.headers.cache-control.enabled=false", "security.headers.cache-control.value=no-cache");
		assertThat(findings).extracting(Finding::property)
			.containsExactly("security.headers.cookies.enabled", "security.headers.cache-control.enabled");
		assertThat(findings.get(0).message()).startsWith("security.headers.cookies.same-site (")
			.contains("), security.headers.cookies.http-only (")
			.contains(") are set, but security.headers.cookies.enabled is false, so they have no effect. Set "
					+ "security.headers.cookies.enabled=true to use them, or remove the setting.");
		assertThat(findings.get(1).message()).contains("security.headers.cache-control.value");
	}

	@Test
	void aPolicysCacheControlSwitchedOffWithAValue() {
		assertThat(findings("security.headers.policies.embed.cache-control.enabled=false",
				"security.headers.policies.embed.cache-control.value=no-cache"))
			.extracting(Finding::property)
			.containsExactly("security.headers.policies.embed.cache-control.enabled");
		// Unset, a policy's switch inherits: the value takes effect.
		assertThat(findings("security.headers.policies.embed.cache-control.value=no-cache")).isEmpty();
	}

	@Test
	void nothingWhenThePartIsOnOrOnlyItsSwitchIsSet() {
		assertThat(findings("security.headers.clear-site-data.enabled=true",
				"security.headers.clear-site-data.directives=cache"))
			.isEmpty();
		assertThat(findings("security.headers.cookies.enabled=false")).isEmpty();
		assertThat(findings("security.headers.cache-control.value=no-cache")).isEmpty();
		assertThat(findings("security.headers.https-redirect.enabled=true",
				"security.headers.https-redirect.https-port=8443"))
			.isEmpty();
		assertThat(findings("security.headers.frame-options=SAMEORIGIN")).isEmpty();
		assertThat(findings()).isEmpty();
	}

	@Test
	void theFindingIsAmongTheStartersFindingsOnBothStacks() {
		String[] properties = { "security.headers.https-redirect.https-port=8443" };
		new WebApplicationContextRunner().withConfiguration(STARTER)
			.withPropertyValues(properties)
			.run((context) -> assertThat(context.getBean(SecurityHeadersFindings.class).findings())
				.extracting(Finding::code, Finding::property)
				.contains(org.assertj.core.groups.Tuple.tuple("setting.inactive",
						"security.headers.https-redirect.enabled")));
		new ReactiveWebApplicationContextRunner().withConfiguration(STARTER)
			.withPropertyValues(properties)
			.run((context) -> assertThat(context.getBean(SecurityHeadersFindings.class).findings())
				.extracting(Finding::code, Finding::property)
				.contains(org.assertj.core.groups.Tuple.tuple("setting.inactive",
						"security.headers.https-redirect.enabled")));
	}

}
