package dev.hsts.autoconfigure;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.hsts.actuate.SecurityHeadersEndpoint;
import dev.hsts.reactive.HttpsRedirectWebFilter;
import dev.hsts.reactive.SecurityHeadersWebFilter;
import dev.hsts.reactive.TrustedHostWebFilter;
import dev.hsts.servlet.HttpsRedirectFilter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.TrustedHostFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switches read the same everywhere: every property condition of the starter reads
 * one of the switches that {@link SecurityHeadersConfigurationCheck} refuses unless they
 * say true or false, and a switch that says false (in any letter case) switches off every
 * part that reads it, the endpoint included.
 */
class SwitchesTest {

	private static final AutoConfigurations STARTER = AutoConfigurations.of(
			SecurityHeadersPropertiesAutoConfiguration.class, SecurityHeadersAutoConfiguration.class,
			TrustedHostsAutoConfiguration.class, HttpsRedirectAutoConfiguration.class,
			SecurityHeadersEndpointAutoConfiguration.class, SecurityHeadersMetricsAutoConfiguration.class);

	@Test
	void everyPropertyConditionOfTheStarterReadsACheckedSwitch() throws Exception {
		List<String> autoConfigurations = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.forEach((name) -> autoConfigurations.add(name));
		TreeSet<String> read = new TreeSet<>();
		for (String name : autoConfigurations) {
			if (name.startsWith("dev.hsts.")) {
				collectSwitches(Class.forName(name), read);
			}
		}
		assertThat(read).isNotEmpty()
			.containsExactlyInAnyOrderElementsOf(
					SecurityHeadersConfigurationCheck.SWITCHES.stream().map(PropertyNames::of).toList());
	}

	private static void collectSwitches(Class<?> type, TreeSet<String> read) {
		List<AnnotatedElement> elements = new ArrayList<>(List.of(type));
		if (classesPresent(type)) {
			// As Spring: the methods of a configuration whose classes are missing (Spring
			// Cloud Gateway's, on this class path) are never read.
			elements.addAll(List.of(type.getDeclaredMethods()));
		}
		for (AnnotatedElement element : elements) {
			MergedAnnotations annotations = MergedAnnotations.from(element, SearchStrategy.DIRECT);
			annotations.stream(ConditionalOnBooleanProperty.class).forEach((condition) -> names(condition, read));
			annotations.stream(ConditionalOnProperty.class).forEach((condition) -> names(condition, read));
		}
		for (Class<?> nested : type.getDeclaredClasses()) {
			collectSwitches(nested, read);
		}
	}

	private static boolean classesPresent(Class<?> type) {
		return MergedAnnotations.from(type, SearchStrategy.DIRECT)
			.stream(ConditionalOnClass.class)
			.flatMap((condition) -> Stream.of(condition.getStringArray("name")))
			.allMatch((name) -> ClassUtils.isPresent(name, type.getClassLoader()));
	}

	private static void names(MergedAnnotation<?> condition, TreeSet<String> read) {
		String prefix = condition.getString("prefix");
		List<String> names = new ArrayList<>(List.of(condition.getStringArray("name")));
		names.addAll(List.of(condition.getStringArray("value")));
		for (String name : names) {
			read.add(prefix.isEmpty() ? name : prefix + "." + name);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "false", "FALSE", "False" })
	void falseInAnyLetterCaseSwitchesEveryPartOff(String value) {
		new WebApplicationContextRunner().withConfiguration(STARTER)
			.withPropertyValues("security.headers.enabled=" + value, "security.headers.https-redirect.enabled=true",
					"management.endpoints.web.exposure.include=securityheaders")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(SecurityHeadersFilter.class)
					.doesNotHaveBean(TrustedHostFilter.class)
					.doesNotHaveBean(HttpsRedirectFilter.class)
					.hasSingleBean(FindingsStartupReport.class)
					// Switched off, the starter binds nothing (as Spring Boot's own
					// auto-configurations do): no properties bean, no configprops entry.
					.doesNotHaveBean(SecurityHeadersProperties.class)
					.doesNotHaveBean(TrustedHostsProperties.class)
					.doesNotHaveBean(HttpsRedirectProperties.class);
				Map<String, Object> report = context.getBean(SecurityHeadersEndpoint.class)
					.securityHeaders(SecurityContext.NONE);
				assertThat(report).containsEntry("enabled", false);
				assertThat(report.get("findings")).asString().contains("starter.off");
			});
	}

	@Test
	void aSwitchedOffStarterIgnoresValuesItWouldRefuseButNotKeysItDoesNotKnow() {
		WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(STARTER)
			.withPropertyValues("security.headers.hsts.rollout.stage=two");
		// Refused when on: Spring Boot's binder names the value it cannot bind.
		runner.withPropertyValues("security.headers.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'security.headers.hsts.rollout.stage'"));
		runner.withPropertyValues("security.headers.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(FindingsStartupReport.class));
		runner.withPropertyValues("security.headers.enabled=false", "security.headers.hsts.rolout.stage=2")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(UnknownSecurityHeadersPropertiesException.class)
				.hasMessageContaining("security.headers.hsts.rolout.stage"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "TRUE", "True" })
	void trueInAnyLetterCaseSwitchesEveryPartOn(String value) {
		new WebApplicationContextRunner().withConfiguration(STARTER)
			.withPropertyValues("security.headers.enabled=" + value, "security.headers.https-redirect.enabled=" + value,
					"management.endpoints.web.exposure.include=securityheaders")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(SecurityHeadersFilter.class)
					.hasSingleBean(TrustedHostFilter.class)
					.hasSingleBean(HttpsRedirectFilter.class);
				assertThat(context.getBean(HttpsRedirectProperties.class).isEnabled()).isTrue();
				assertThat(context.getBean(SecurityHeadersEndpoint.class).securityHeaders(SecurityContext.NONE))
					.containsEntry("enabled", true);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "false", "true" })
	void theSwitchesActTheSameInAWebFluxApplication(String value) {
		boolean on = Boolean.parseBoolean(value);
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SecurityHeadersPropertiesAutoConfiguration.class,
					ReactiveSecurityHeadersAutoConfiguration.class, SecurityHeadersEndpointAutoConfiguration.class,
					SecurityHeadersMetricsAutoConfiguration.class))
			.withPropertyValues("security.headers.enabled=" + value, "security.headers.https-redirect.enabled=true",
					"management.endpoints.web.exposure.include=securityheaders")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(FindingsStartupReport.class);
				assertThat(context.getBeansOfType(SecurityHeadersWebFilter.class)).hasSize(on ? 1 : 0);
				assertThat(context.getBeansOfType(TrustedHostWebFilter.class)).hasSize(on ? 1 : 0);
				assertThat(context.getBeansOfType(HttpsRedirectWebFilter.class)).hasSize(on ? 1 : 0);
				Map<String, Object> report = context.getBean(SecurityHeadersEndpoint.class)
					.securityHeaders(SecurityContext.NONE);
				assertThat(report).containsEntry("enabled", on);
				assertThat(String.valueOf(report.get("findings")).contains("starter.off")).isEqualTo(!on);
			});
	}

}
