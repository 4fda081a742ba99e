package dev.hsts.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.HstsMode;
import dev.hsts.core.HstsPolicy;
import dev.hsts.servlet.ResponseHeaderWriter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.StagedHstsHeaderWriter;
import dev.hsts.servlet.TomcatOwnResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersAutoConfigurationTest {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityHeadersAutoConfiguration.class));

	@Test
	void onByDefaultInServletApplications() {
		this.web.run((context) -> {
			assertThat(context).hasSingleBean(HstsPolicy.class)
				.hasSingleBean(StagedHstsHeaderWriter.class)
				.hasSingleBean(SecurityHeadersFilter.class)
				.hasBean(SecurityHeadersAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME);
			assertThat(context.getBean(HstsPolicy.class).mode()).isEqualTo(HstsMode.PINNED);
			assertThat(context.getBean(HstsPolicy.class).headerValueAt(0)).isEqualTo("max-age=300");
			assertThat(context.getBean(SecurityHeadersFilter.class).getWriters())
				.contains(context.getBean(StagedHstsHeaderWriter.class));
		});
	}

	@Test
	void filterIsRegisteredForEveryDispatchBeforeSpringSecurity() {
		this.web.run((context) -> {
			FilterRegistrationBean<?> registration = context
				.getBean(SecurityHeadersAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isSameAs(context.getBean(SecurityHeadersFilter.class));
			assertThat(registration.getOrder()).isLessThan(-100);
			@SuppressWarnings("unchecked")
			EnumSet<DispatcherType> types = (EnumSet<DispatcherType>) ReflectionTestUtils.getField(registration,
					"dispatcherTypes");
			assertThat(types).containsExactlyInAnyOrder(DispatcherType.values());
		});
	}

	@Test
	void onTomcatSpringBootsTomcatContextCustomizerAddsTheHeadersToTomcatsOwnResponses() {
		this.web.run((context) -> {
			assertThat(context).hasSingleBean(TomcatOwnResponses.class)
				.hasBean(TomcatContextCustomizerRegistrar.BEAN_NAME);
			Object customizer = context.getBean(TomcatContextCustomizerRegistrar.BEAN_NAME);
			// Whichever Spring Boot has: org.springframework.boot.tomcat (4.x) or
			// org.springframework.boot.web.embedded.tomcat (3.5).
			assertThat(customizer.getClass().getInterfaces()).singleElement()
				.satisfies((type) -> assertThat(type.getName()).endsWith(".TomcatContextCustomizer"));
		});
	}

	@Test
	void withoutTomcatNothingOfTomcat() {
		this.web.withClassLoader(new FilteredClassLoader("org.apache.catalina"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SecurityHeadersFilter.class)
				.doesNotHaveBean(TomcatOwnResponses.class)
				.doesNotHaveBean(TomcatContextCustomizerRegistrar.BEAN_NAME));
	}

	@Test
	void offInNonWebApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SecurityHeadersAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HstsPolicy.class)
				.doesNotHaveBean(SecurityHeadersFilter.class));
	}

	@Test
	void offWhenSwitchedOff() {
		this.web.withPropertyValues("security.headers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HstsPolicy.class)
				.doesNotHaveBean(SecurityHeadersFilter.class)
				.doesNotHaveBean(SecurityHeadersAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME));
	}

	static Stream<Arguments> headerSwitches() {
		return Stream.of(Arguments.of("contentTypeOptionsHeaderWriter", null, true),
				Arguments.of("contentTypeOptionsHeaderWriter", "security.headers.content-type-options=disabled", false),
				Arguments.of("frameOptionsHeaderWriter", null, true),
				Arguments.of("frameOptionsHeaderWriter", "security.headers.frameOptions= Disabled ", false),
				Arguments.of("frameOptionsHeaderWriter", "security.headers.frame-options=SAMEORIGIN", true),
				Arguments.of("referrerPolicyHeaderWriter", null, true),
				Arguments.of("referrerPolicyHeaderWriter", "security.headers.referrer-policy=disabled", false),
				Arguments.of("permissionsPolicyHeaderWriter", null, true),
				Arguments.of("permissionsPolicyHeaderWriter", "security.headers.permissions_policy=disabled", false),
				Arguments.of("contentSecurityPolicyHeaderWriter", null, false),
				Arguments.of("contentSecurityPolicyHeaderWriter",
						"security.headers.content-security-policy.policy=default-src 'self'", true),
				Arguments.of("contentSecurityPolicyHeaderWriter",
						"security.headers.content-security-policy.report-only-policy=default-src 'self'", true),
				Arguments.of("contentSecurityPolicyHeaderWriter",
						"security.headers.content-security-policy.policy=disabled", false),
				Arguments.of("contentSecurityPolicyHeaderWriter",
						"security.headers.content-security-policy.path-policies[0].paths=/docs/**", true),
				Arguments.of("crossOriginOpenerPolicyHeaderWriter", null, false),
				Arguments.of("crossOriginOpenerPolicyHeaderWriter",
						"security.headers.cross-origin-opener-policy=same-origin", true),
				Arguments.of("crossOriginResourcePolicyHeaderWriter", null, false),
				Arguments.of("crossOriginResourcePolicyHeaderWriter",
						"security.headers.crossOriginResourcePolicy=same-site", true),
				Arguments.of("cacheControlHeaderWriter", null, true),
				Arguments.of("cacheControlHeaderWriter", "security.headers.cache-control.enabled=false", false));
	}

	@ParameterizedTest(name = "{0} with {1}: {2}")
	@MethodSource("headerSwitches")
	void eachHeaderHasAWriterExactlyWhenItsPropertiesSwitchItOn(String writer, String setting, boolean on) {
		WebApplicationContextRunner runner = (setting != null) ? this.web.withPropertyValues(setting) : this.web;
		runner.run((context) -> {
			if (on) {
				assertThat(context).hasBean(writer);
				assertThat(context.getBean(SecurityHeadersFilter.class).getWriters())
					.contains(context.getBean(writer, ResponseHeaderWriter.class));
			}
			else {
				assertThat(context).hasNotFailed().doesNotHaveBean(writer);
			}
		});
	}

	@Test
	void contentSecurityPolicyPathPoliciesSwitchItsWriterOnFromEveryKindOfPropertySource() {
		Map<String, Object> variables = Map.of("SECURITY_HEADERS_CONTENTSECURITYPOLICY_PATHPOLICIES_0_PATHS",
				"/docs/**", "SECURITY_HEADERS_CONTENTSECURITYPOLICY_PATHPOLICIES_0_POLICY", "default-src 'self'");
		this.web
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)))
			.run((context) -> assertThat(context).hasBean("contentSecurityPolicyHeaderWriter"));
		// A source that does not list its properties: the condition cannot look for them,
		// so it binds the list.
		Map<String, Object> unlisted = Map.of("security.headers.content-security-policy.path-policies[0].paths",
				"/docs/**", "security.headers.content-security-policy.path-policies[0].policy", "default-src 'self'");
		this.web.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new PropertySource<Object>("unlisted") {

				@Override
				public Object getProperty(String name) {
					return unlisted.get(name);
				}

			})).run((context) -> assertThat(context).hasBean("contentSecurityPolicyHeaderWriter"));
		// The list cleared as one empty value in a source ahead of the one that lists
		// it: Spring Boot binds the list from the first source that has it, so it is
		// empty, and the writer stays off.
		this.web
			.withPropertyValues("security.headers.content-security-policy.path-policies[0].paths=/docs/**",
					"security.headers.content-security-policy.path-policies[0].policy=default-src 'self'")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("cleared",
						Map.of("security.headers.content-security-policy.path-policies", ""))))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("contentSecurityPolicyHeaderWriter"));
		// Other content-security-policy settings alone leave it off.
		this.web
			.withPropertyValues("security.headers.content-security-policy.policy=disabled",
					"security.headers.content-security-policy.reporting.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("contentSecurityPolicyHeaderWriter"));
	}

	@Test
	void hstsCanBeSwitchedOffAloneAndThePolicySaysSo() {
		this.web.withPropertyValues("security.headers.hsts.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(SecurityHeadersFilter.class);
			assertThat(context.getBean(HstsPolicy.class).mode()).isEqualTo(HstsMode.DISABLED);
			assertThat(context.getBean(HstsPolicy.class).headerValueAt(0)).isNull();
		});
	}

	@Test
	void propertiesBindIntoThePolicy() {
		this.web.withPropertyValues("security.headers.hsts.rollout.stages[0].max-age=600",
				"security.headers.hsts.rollout.stages[0].hold=2d",
				"security.headers.hsts.rollout.stages[1].max-age=365d", "security.headers.hsts.include-subdomains=true",
				"security.headers.hsts.preload=true", "security.headers.hsts.rollout.started-at=2026-12-01T09:00:00Z",
				"security.headers.hsts.excluded-hosts=internal.example.com")
			.run((context) -> {
				HstsPolicy policy = context.getBean(HstsPolicy.class);
				assertThat(policy.mode()).isEqualTo(HstsMode.SCHEDULED);
				assertThat(policy.stages()).hasSize(2);
				assertThat(policy.stages().get(0).headerValue()).isEqualTo("max-age=600");
				assertThat(policy.stages().get(1).headerValue())
					.isEqualTo("max-age=31536000; includeSubDomains; preload");
				assertThat(policy.stages().get(1).startsAt()).isEqualTo(Instant.parse("2026-12-03T09:00:00Z"));
				assertThat(policy.appliesToHost("internal.example.com")).isFalse();
				assertThat(policy.appliesToHost("localhost")).isTrue();
			});
	}

	@Test
	void aUserClockDrivesTheSchedule() {
		Clock fixed = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);
		this.web.withBean(Clock.class, () -> fixed)
			.withPropertyValues("security.headers.hsts.rollout.started-at=2026-12-01T09:00:00Z")
			.run((context) -> assertThat(context.getBean(StagedHstsHeaderWriter.class).getClock()).isSameAs(fixed));
	}

	@Test
	void userBeansReplaceOurs() {
		this.web.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(HstsPolicy.class)).isSameAs(context.getBean(UserBeans.class).policy);
			assertThat(context).doesNotHaveBean(StagedHstsHeaderWriter.class);
			assertThat(context).hasSingleBean(HstsHeaderWriter.class);
			HstsHeaderWriter hsts = context.getBean(HstsHeaderWriter.class);
			assertThat(context.getBean(SecurityHeadersFilter.class).getWriters())
				.anyMatch((writer) -> writer instanceof SpringSecurityHeaderWriterBeans.Adapted adapted
						&& adapted.writer() == hsts)
				.noneMatch(StagedHstsHeaderWriter.class::isInstance);
		});
	}

	@Test
	void springSecurityHeaderWriterBeansAreAppliedInOrderAmongOurs() {
		this.web.withUserConfiguration(OrderedSpringSecurityWriters.class).run((context) -> {
			List<ResponseHeaderWriter> writers = context.getBean(SecurityHeadersFilter.class).getWriters();
			List<Object> applied = writers.stream()
				.map((writer) -> (writer instanceof SpringSecurityHeaderWriterBeans.Adapted adapted) ? adapted.writer()
						: writer)
				.toList();
			assertThat(applied).containsSubsequence(context.getBean("first"),
					context.getBean("contentTypeOptionsHeaderWriter"), context.getBean("between"),
					context.getBean("frameOptionsHeaderWriter"), context.getBean("last"));
			assertThat(applied).filteredOn((writer) -> writer == context.getBean("both")).hasSize(1);
			assertThat(applied.indexOf(context.getBean("ordered")))
				.isLessThan(applied.indexOf(context.getBean("contentTypeOptionsHeaderWriter")));
		});
	}

	@Test
	void aUserFilterReplacesOurs() {
		SecurityHeadersFilter own = new SecurityHeadersFilter(java.util.List.of());
		this.web.withBean(SecurityHeadersFilter.class, () -> own)
			.run((context) -> assertThat(context.getBean(SecurityHeadersFilter.class)).isSameAs(own));
	}

	@Test
	void aUserRegistrationReplacesOurs() {
		this.web.withUserConfiguration(UserRegistration.class)
			.run((context) -> assertThat(context
				.getBean(SecurityHeadersAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class)
				.getOrder()).isEqualTo(42));
	}

	static Stream<Arguments> invalidConfigurations() {
		return Stream.of(
				Arguments.of("security.headers.hsts.rollout.stages[0].max-age=0",
						"security.headers.hsts.rollout.stages[0].max-age", "revoke=true"),
				Arguments.of("security.headers.hsts.rollout.stages[0].max-age=-5s",
						"security.headers.hsts.rollout.stages[0].max-age", "positive"),
				Arguments.of("security.headers.hsts.rollout.stages[0].max-age=PT0.5S",
						"security.headers.hsts.rollout.stages[0].max-age", "whole seconds"),
				Arguments.of(
						"security.headers.hsts.rollout.stages[0].max-age=1d,security.headers.hsts.rollout.stages[0].hold=1d,"
								+ "security.headers.hsts.rollout.stages[1].max-age=60s",
						"security.headers.hsts.rollout.stages[1].max-age", "increasing max-age"),
				Arguments.of(
						"security.headers.hsts.rollout.stages[0].max-age=300,security.headers.hsts.rollout.stages[0].hold=0s,"
								+ "security.headers.hsts.rollout.stages[1].max-age=1d",
						"security.headers.hsts.rollout.stages[0].hold", "positive"),
				Arguments.of("security.headers.hsts.rollout.stage=4", "security.headers.hsts.rollout.stage",
						"from 1 to 3"),
				Arguments.of("security.headers.hsts.rollout.started-at=next tuesday",
						"security.headers.hsts.rollout.started-at", "2026-12-01T09:00:00Z"),
				Arguments.of("security.headers.hsts.preload=true", "security.headers.hsts.preload",
						"include-subdomains=true"),
				Arguments.of("security.headers.hsts.excluded-hosts=example.com:443",
						"security.headers.hsts.excluded-hosts[0]", "without scheme, port"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidConfigurations")
	void invalidConfigurationFailsStartupWithAnAnalysisNamingThePropertyAndTheFix(String setting, String property,
			String fix) {
		this.web.withPropertyValues(setting.split(",(?=security)")).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidSecurityHeadersConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("Property: " + property);
			assertThat(analysis.getAction()).contains(property).contains(fix);
		});
	}

	@Test
	void pinnedStageTogetherWithStartedAtFails() {
		this.web
			.withPropertyValues("security.headers.hsts.rollout.stage=2",
					"security.headers.hsts.rollout.started-at=2026-12-01T09:00:00Z")
			.run((context) -> {
				FailureAnalysis analysis = new InvalidSecurityHeadersConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("security.headers.hsts.rollout.stage")
					.contains("cannot be used together");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final HstsPolicy policy = HstsPolicy.builder().pinnedStage(3).build();

		@Bean
		HstsPolicy customPolicy() {
			return this.policy;
		}

		@Bean
		HstsHeaderWriter springSecurityHsts() {
			return new HstsHeaderWriter();
		}

	}

	/**
	 * Spring Security writers ordered around ours (100: X-Content-Type-Options, 200:
	 * X-Frame-Options), by @Order on the bean method and by Ordered; and a writer of both
	 * interfaces.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OrderedSpringSecurityWriters {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		StaticHeadersWriter last() {
			return new StaticHeadersWriter("X-Last", "1");
		}

		@Bean
		@Order(150)
		StaticHeadersWriter between() {
			return new StaticHeadersWriter("X-Between", "1");
		}

		@Bean
		@Order(1)
		StaticHeadersWriter first() {
			return new StaticHeadersWriter("X-First", "1");
		}

		@Bean
		HeaderWriter ordered() {
			return new OrderedWriter();
		}

		@Bean
		BothWriter both() {
			return new BothWriter();
		}

	}

	static final class OrderedWriter implements HeaderWriter, Ordered {

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			response.setHeader("X-Ordered", "1");
		}

		@Override
		public int getOrder() {
			return 50;
		}

	}

	static final class BothWriter implements HeaderWriter, ResponseHeaderWriter {

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			response.setHeader("X-Both", "1");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistration {

		@Bean(SecurityHeadersAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME)
		FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilterRegistration() {
			FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
					new SecurityHeadersFilter(java.util.List.of()));
			registration.setOrder(42);
			return registration;
		}

	}

}
