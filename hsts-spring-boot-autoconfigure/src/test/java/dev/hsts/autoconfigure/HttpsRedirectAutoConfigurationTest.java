package dev.hsts.autoconfigure;

import dev.hsts.servlet.HttpsRedirectFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

class HttpsRedirectAutoConfigurationTest {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SecurityHeadersAutoConfiguration.class, HttpsRedirectAutoConfiguration.class));

	@Test
	void offByDefault() {
		this.web.run((context) -> assertThat(context).doesNotHaveBean(HttpsRedirectFilter.class));
	}

	@Test
	void onWhenEnabledAndOrderedAfterTheHeaderFilterAndBeforeSpringSecurity() {
		this.web.withPropertyValues("security.headers.https-redirect.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(HttpsRedirectFilter.class);
			HttpsRedirectFilter filter = context.getBean(HttpsRedirectFilter.class);
			assertThat(filter.getRule().httpsPort()).isEqualTo(443);
			assertThat(filter.getRule().statusFor("GET")).isEqualTo(301);
			assertThat(filter.getRule().statusFor("POST")).isEqualTo(308);
			FilterRegistrationBean<?> registration = context
				.getBean(HttpsRedirectAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			assertThat(registration.getOrder())
				.isGreaterThan(context.getBean(dev.hsts.servlet.SecurityHeadersFilter.class).getOrder())
				.isLessThan(-100);
		});
	}

	@Test
	void offWhenTheStarterIsOff() {
		this.web.withPropertyValues("security.headers.enabled=false", "security.headers.https-redirect.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(HttpsRedirectFilter.class));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"security.headers.https-redirect.https-port=0|security.headers.https-redirect.https-port",
			"security.headers.https-redirect.get-and-head-status=200|security.headers.https-redirect.get-and-head-status",
			"security.headers.https-redirect.other-methods-status=404|security.headers.https-redirect.other-methods-status",
			"security.headers.https-redirect.exempt-paths=health|security.headers.https-redirect.exempt-paths[0]",
			// Found by ConfigurationFuzzTest: escaped as a bare PatternParseException
			// from the filter's constructor.
			"security.headers.https-redirect.exempt-paths=/ok,/}|security.headers.https-redirect.exempt-paths[1]",
			"security.headers.https-redirect.exempt-paths=/{broken|security.headers.https-redirect.exempt-paths[0]" })
	void invalidValuesFailStartupNamingTheProperty(String setting, String property) {
		this.web.withPropertyValues("security.headers.https-redirect.enabled=true", setting).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidSecurityHeadersConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: " + property);
			assertThat(analysis.getAction()).contains(property);
		});
	}

}
