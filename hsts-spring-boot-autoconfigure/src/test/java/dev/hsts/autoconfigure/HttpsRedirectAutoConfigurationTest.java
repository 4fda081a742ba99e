package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.List;

import dev.hsts.core.HttpsRedirectRule;
import dev.hsts.core.TrustedHosts;
import dev.hsts.servlet.HttpsRedirectFilter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.TrustedHostCheck;
import dev.hsts.servlet.TrustedHostFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

class HttpsRedirectAutoConfigurationTest {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SecurityHeadersAutoConfiguration.class, HttpsRedirectAutoConfiguration.class));

	private final WebApplicationContextRunner withTrustedHosts = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityHeadersAutoConfiguration.class,
				TrustedHostsAutoConfiguration.class, HttpsRedirectAutoConfiguration.class));

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
	void theHeaderFilterRunsTheRedirectWhereNothingSitsBetween() {
		this.withTrustedHosts.withPropertyValues("security.headers.https-redirect.enabled=true").run((context) -> {
			FilterRegistrationBean<?> registration = context
				.getBean(HttpsRedirectAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			assertThat(registration.isEnabled()).isFalse();
			assertThat(registration.getFilterName()).isEqualTo("httpsRedirectFilter (run by securityHeadersFilter)");
			assertThat(context.getBean(SecurityHeadersFilter.class).getHttpsRedirectFilter())
				.isSameAs(context.getBean(HttpsRedirectFilter.class));
		});
	}

	@Test
	void aTrustedHostFilterOfItsOwnKeepsTheRedirectAfterIt() {
		this.withTrustedHosts
			.withPropertyValues("security.headers.https-redirect.enabled=true",
					"security.headers.trusted-hosts.allowed=api.example.test")
			.withBean(TrustedHostFilter.class, () -> {
				TrustedHostFilter filter = new TrustedHostFilter(
						new TrustedHostCheck(TrustedHosts.of(List.of("api.example.test"), null)), List.of(),
						Clock.systemUTC());
				filter.setOrder(HttpsRedirectFilter.DEFAULT_ORDER - 1);
				return filter;
			})
			.run(HttpsRedirectAutoConfigurationTest::bothFiltersOnTheirOwn);
	}

	@Test
	void aTrustedHostRegistrationOfTheApplicationKeepsTheRedirectAFilterOfItsOwn() {
		this.withTrustedHosts.withPropertyValues("security.headers.https-redirect.enabled=true")
			.withBean(TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, TrustedHostRegistration.class)
			// The application's registration runs the trusted-host filter on its own, at
			// its default order: the redirect must come after it.
			.run(HttpsRedirectAutoConfigurationTest::bothFiltersOnTheirOwn);
	}

	/**
	 * Neither the trusted-host filter nor the redirect run inside the header filter: both
	 * are filters of their own, the redirect's registration enabled.
	 */
	static void bothFiltersOnTheirOwn(AssertableWebApplicationContext context) {
		assertThat(context.getBean(SecurityHeadersFilter.class).getTrustedHostFilter()).isNull();
		assertThat(context.getBean(SecurityHeadersFilter.class).getHttpsRedirectFilter()).isNull();
		assertThat(context
			.getBean(HttpsRedirectAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class)
			.isEnabled()).isTrue();
	}

	/** The application's own registration of the starter's trusted-host filter bean. */
	static class TrustedHostRegistration extends FilterRegistrationBean<TrustedHostFilter> {

		TrustedHostRegistration(TrustedHostFilter filter) {
			super(filter);
			setOrder(filter.getOrder());
		}

	}

	@Test
	void aFilterOfTheApplicationOrderedBetweenKeepsTheRedirectAFilterOfItsOwn() {
		this.withTrustedHosts.withPropertyValues("security.headers.https-redirect.enabled=true")
			.withBean("between", FilterRegistrationBean.class,
					() -> TrustedHostsAutoConfigurationTest.passingOn(HttpsRedirectFilter.DEFAULT_ORDER, true))
			.run((context) -> {
				assertThat(context.getBean(SecurityHeadersFilter.class).getHttpsRedirectFilter()).isNull();
				// Still between the header filter and the trusted-host check: neither
				// moved.
				assertThat(context.getBean(SecurityHeadersFilter.class).getTrustedHostFilter()).isNotNull();
				FilterRegistrationBean<?> registration = context.getBean(
						HttpsRedirectAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
				assertThat(registration.isEnabled()).isTrue();
				assertThat(registration.getFilterName()).isEqualTo("httpsRedirectFilter");
			});
	}

	@Test
	void aSubclassOfTheApplicationKeepsTheRedirectAFilterOfItsOwn() {
		this.withTrustedHosts.withPropertyValues("security.headers.https-redirect.enabled=true")
			.withBean(HttpsRedirectFilter.class,
					() -> new HttpsRedirectFilter(new HttpsRedirectRule(443, 301, 308, List.of())) {
					})
			.run((context) -> {
				assertThat(context.getBean(SecurityHeadersFilter.class).getHttpsRedirectFilter()).isNull();
				assertThat(context
					.getBean(HttpsRedirectAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class)
					.isEnabled()).isTrue();
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
