package dev.hsts.autoconfigure;

import java.util.List;

import jakarta.servlet.Filter;

import dev.hsts.core.HostRejection;
import dev.hsts.core.HttpsRedirectRule;
import dev.hsts.core.RejectionReason;
import dev.hsts.core.TrustedHosts;
import dev.hsts.servlet.HttpsRedirectFilter;
import dev.hsts.servlet.StagedHstsHeaderWriter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.TrustedHostCheck;
import dev.hsts.servlet.TrustedHostFilter;
import dev.hsts.actuate.TrustedHostRejectionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The wiring of the trusted-host check. */
@ExtendWith(OutputCaptureExtension.class)
class TrustedHostsAutoConfigurationTest {

	final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SecurityHeadersAutoConfiguration.class, TrustedHostsAutoConfiguration.class));

	@Test
	void defaultsRegisterTheFilterWithTheCheckOff() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(TrustedHosts.class)
				.hasSingleBean(TrustedHostCheck.class)
				.hasSingleBean(TrustedHostFilter.class)
				.hasSingleBean(TrustedHostRejectionMetrics.class)
				.hasBean(TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME);
			assertThat(context.getBean(TrustedHosts.class).isOff()).isTrue();
			FilterRegistrationBean<?> registration = context
				.getBean(TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isSameAs(context.getBean(TrustedHostFilter.class));
			assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 20)
				.isGreaterThan(context
					.getBean(SecurityHeadersAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME,
							FilterRegistrationBean.class)
					.getOrder())
				.isLessThan(-100);
			// Run by the header filter, which comes right before it: one filter in the
			// container's chain.
			assertThat(registration.isEnabled()).isFalse();
			assertThat(registration.getFilterName()).isEqualTo("trustedHostFilter (run by securityHeadersFilter)");
			assertThat(context.getBean(SecurityHeadersFilter.class).getTrustedHostFilter())
				.isSameAs(context.getBean(TrustedHostFilter.class));
		});
	}

	@Test
	void aFilterOrderOfItsOwnKeepsTheFilterInItsOwnPlace() {
		this.runner.withPropertyValues("security.headers.trusted-hosts.allowed=api.example.test")
			.withBean(TrustedHostFilter.class, () -> {
				TrustedHostFilter filter = new TrustedHostFilter(
						new TrustedHostCheck(TrustedHosts.of(List.of("a.test"), null)), List.of(),
						java.time.Clock.systemUTC());
				filter.setOrder(-500);
				return filter;
			})
			.run((context) -> {
				FilterRegistrationBean<?> registration = context
					.getBean(TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
				assertThat(registration.isEnabled()).isTrue();
				assertThat(registration.getFilterName()).isEqualTo("trustedHostFilter");
				assertThat(registration.getOrder()).isEqualTo(-500);
				assertThat(context.getBean(SecurityHeadersFilter.class).getTrustedHostFilter()).isNull();
			});
	}

	@Test
	void aHeaderFilterRegisteredForSomePathsOnlyDoesNotRunTheCheck() {
		this.runner.withPropertyValues("security.headers.trusted-hosts.allowed=api.example.test")
			.withUserConfiguration(HeaderFilterForApiPathsOnly.class)
			.run(TrustedHostsAutoConfigurationTest::registeredOnItsOwn);
	}

	@Test
	void aFilterOfTheApplicationOrderedBetweenKeepsTheFilterInItsOwnPlace() {
		this.runner.withPropertyValues("security.headers.trusted-hosts.allowed=api.example.test")
			.withBean("between", FilterRegistrationBean.class,
					() -> passingOn(TrustedHostFilter.DEFAULT_ORDER - 1, true))
			.run(TrustedHostsAutoConfigurationTest::registeredOnItsOwn);
	}

	@Test
	void aRedirectOrderedBeforeTheCheckKeepsTheFilterInItsOwnPlace() {
		this.runner.withConfiguration(AutoConfigurations.of(HttpsRedirectAutoConfiguration.class))
			.withPropertyValues("security.headers.trusted-hosts.allowed=api.example.test",
					"security.headers.https-redirect.enabled=true")
			.withBean(HttpsRedirectFilter.class, () -> {
				HttpsRedirectFilter filter = new HttpsRedirectFilter(new HttpsRedirectRule(443, 301, 308, List.of()));
				filter.setOrder(TrustedHostFilter.DEFAULT_ORDER - 1);
				return filter;
			})
			.run((context) -> {
				// The redirect runs before the check, as ordered; neither inside the
				// header filter.
				registeredOnItsOwn(context);
				assertThat(context.getBean(SecurityHeadersFilter.class).getHttpsRedirectFilter()).isNull();
			});
	}

	@Test
	void aDisabledRegistrationOrderedBetweenIsNoFilterBetween() {
		this.runner
			.withBean("between", FilterRegistrationBean.class,
					() -> passingOn(TrustedHostFilter.DEFAULT_ORDER - 1, false))
			.run((context) -> assertThat(context.getBean(SecurityHeadersFilter.class).getTrustedHostFilter())
				.isSameAs(context.getBean(TrustedHostFilter.class)));
	}

	/**
	 * The trusted-host filter registered as a filter of its own, not run by the header
	 * filter.
	 */
	static void registeredOnItsOwn(AssertableWebApplicationContext context) {
		FilterRegistrationBean<?> registration = context
			.getBean(TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
		assertThat(registration.isEnabled()).isTrue();
		assertThat(registration.getFilterName()).isEqualTo("trustedHostFilter");
		assertThat(context.getBean(SecurityHeadersFilter.class).getTrustedHostFilter()).isNull();
	}

	/** A registration of a filter of the application's that passes every request on. */
	static FilterRegistrationBean<Filter> passingOn(int order, boolean enabled) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
				(request, response, chain) -> chain.doFilter(request, response));
		registration.setOrder(order);
		registration.setEnabled(enabled);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	static class HeaderFilterForApiPathsOnly {

		@Bean(SecurityHeadersAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME)
		FilterRegistrationBean<SecurityHeadersFilter> headerFilterRegistration(SecurityHeadersFilter filter) {
			FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(filter);
			registration.addUrlPatterns("/api/*");
			return registration;
		}

	}

	@Test
	void bindsTheProperties() {
		this.runner
			.withPropertyValues("security.headers.trusted-hosts.allowed[0]=api.example.test",
					"security.headers.trusted-hosts.allowed[1]=*.example.test",
					"security.headers.trusted-hosts.exempt-paths=/actuator/health/**,/ping")
			.run((context) -> {
				TrustedHosts trustedHosts = context.getBean(TrustedHosts.class);
				assertThat(trustedHosts.allowed()).containsExactly("api.example.test", "*.example.test");
				assertThat(trustedHosts.exemptPaths()).containsExactly("/actuator/health/**", "/ping");
				assertThat(trustedHosts.isOff()).isFalse();
			});
	}

	@Test
	void theHstsWriterSkipsHostsTheApplicationDoesNotServe() {
		this.runner.withPropertyValues("security.headers.trusted-hosts.allowed=api.example.test").run((context) -> {
			StagedHstsHeaderWriter writer = context.getBean(StagedHstsHeaderWriter.class);
			assertThat(hsts(writer, "api.example.test")).isEqualTo("max-age=300");
			assertThat(hsts(writer, "evil.com")).isNull();
			assertThat(hsts(writer, "api.example.test:0")).isNull();
		});
		this.runner.run((context) -> assertThat(hsts(context.getBean(StagedHstsHeaderWriter.class), "evil.com"))
			.as("check off: HSTS as before")
			.isEqualTo("max-age=300"));
	}

	static String hsts(StagedHstsHeaderWriter writer, String host) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setSecure(true);
		request.addHeader("Host", host);
		request.setServerName(host.replaceAll(":\\d+$", ""));
		MockHttpServletResponse response = new MockHttpServletResponse();
		writer.writeHeaders(request, response);
		return response.getHeader("Strict-Transport-Security");
	}

	@Test
	void everyBeanBacksOff() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(TrustedHosts.class)
				.hasSingleBean(TrustedHostCheck.class)
				.hasSingleBean(TrustedHostFilter.class)
				.hasSingleBean(TrustedHostRejectionMetrics.class);
			assertThat(context.getBean(TrustedHosts.class)).isSameAs(UserBeans.TRUSTED_HOSTS);
			assertThat(context.getBean(TrustedHostFilter.class).getOrder()).isEqualTo(-500);
			assertThat(context.getBean(TrustedHostRejectionMetrics.class)).isSameAs(context.getBean("myMetrics"));
			assertThat(context.getBean(TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME))
				.isSameAs(context.getBean(UserBeans.class).registration);
		});
	}

	@Test
	void aUserFilterIsUsedByTheRegistration() {
		this.runner
			.withBean(TrustedHostFilter.class,
					() -> new TrustedHostFilter(new TrustedHostCheck(TrustedHosts.of(List.of("a.test"), null)),
							List.of(), java.time.Clock.systemUTC()))
			.run((context) -> assertThat(context
				.getBean(TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class)
				.getFilter()).isSameAs(context.getBean(TrustedHostFilter.class)));
	}

	@Test
	void worksWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues("security.headers.trusted-hosts.allowed=api.example.test")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(TrustedHostFilter.class)
				.doesNotHaveBean(TrustedHostRejectionMetrics.class));
	}

	@Test
	void countsIntoTheApplicationsRegistry() {
		this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
			context.getBean(TrustedHostRejectionMetrics.class)
				.rejected(new HostRejection(RejectionReason.MALFORMED, "a@b", null, "/"));
			assertThat(context.getBean(SimpleMeterRegistry.class)
				.get("security.headers.trusted-hosts.rejected")
				.tag("reason", "malformed")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void offWhenSecurityHeadersAreDisabled() {
		this.runner.withPropertyValues("security.headers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TrustedHostFilter.class)
				.doesNotHaveBean(TrustedHosts.class)
				.doesNotHaveBean(TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME));
	}

	@Test
	void offOutsideServletWebApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TrustedHostsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TrustedHostFilter.class));
	}

	@Test
	void anInvalidEntryFailsStartupNamingTheEntry() {
		this.runner
			.withPropertyValues("security.headers.trusted-hosts.allowed[0]=api.example.test",
					"security.headers.trusted-hosts.allowed[1]=https://evil.com:443/x")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidSecurityHeadersConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("Property: security.headers.trusted-hosts.allowed[1]",
						"Value: https://evil.com:443/x", "Reason: this host entry is not valid: it has a scheme.");
				assertThat(analysis.getAction()).contains("security.headers.trusted-hosts.allowed[1]", "*.example.com");
			});
	}

	@Test
	void anInvalidExemptPathFailsStartupNamingTheEntry() {
		this.runner
			.withPropertyValues("security.headers.trusted-hosts.allowed=a.test",
					"security.headers.trusted-hosts.exempt-paths=/ok,health")
			.run((context) -> {
				FailureAnalysis analysis = new InvalidSecurityHeadersConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("security.headers.trusted-hosts.exempt-paths[1]",
						"Value: health");
			});
	}

	@Test
	void theCheckBeingOffIsAFindingThatOnlyTheStartupReportLogs(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(codes(context)).contains("trusted-hosts.off");
			// No ApplicationReadyEvent here, so no report: nothing else logs it.
			assertThat(output).doesNotContain("Trusted-host checks");
		});
	}

	@Test
	void everyHostAllowedIsAFindingThatOnlyTheStartupReportLogs(CapturedOutput output) {
		this.runner.withPropertyValues("security.headers.trusted-hosts.allowed=*").run((context) -> {
			assertThat(context.getBean(TrustedHosts.class).allowsAnyHost()).isTrue();
			assertThat(codes(context)).contains("trusted-hosts.any");
			assertThat(output).doesNotContain("Trusted-host checks");
		});
	}

	@Test
	void listedHostsAreNoFinding() {
		this.runner.withPropertyValues("security.headers.trusted-hosts.allowed=a.test")
			.run((context) -> assertThat(codes(context)).doesNotContain("trusted-hosts.off", "trusted-hosts.any"));
	}

	private static List<String> codes(org.springframework.context.ApplicationContext context) {
		return context.getBean(SecurityHeadersFindings.class)
			.findings()
			.stream()
			.map(dev.hsts.core.Finding::code)
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final TrustedHosts TRUSTED_HOSTS = TrustedHosts.of(List.of("mine.test"), List.of());

		final FilterRegistrationBean<TrustedHostFilter> registration = new FilterRegistrationBean<>();

		@Bean
		TrustedHosts myTrustedHosts() {
			return TRUSTED_HOSTS;
		}

		@Bean
		TrustedHostCheck myCheck(TrustedHosts trustedHosts) {
			return new TrustedHostCheck(trustedHosts);
		}

		@Bean
		TrustedHostFilter myFilter(TrustedHostCheck check) {
			TrustedHostFilter filter = new TrustedHostFilter(check, List.of(), java.time.Clock.systemUTC());
			filter.setOrder(-500);
			return filter;
		}

		@Bean
		TrustedHostRejectionMetrics myMetrics() {
			return new TrustedHostRejectionMetrics(() -> null);
		}

		@Bean(TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME)
		FilterRegistrationBean<TrustedHostFilter> myRegistration() {
			return this.registration;
		}

	}

}
