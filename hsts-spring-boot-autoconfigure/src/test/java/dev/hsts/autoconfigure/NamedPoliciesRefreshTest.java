package dev.hsts.autoconfigure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hsts.autoconfigure.SecurityHeadersPolicyRefresher.Outcome;
import dev.hsts.core.PolicyUsage;
import dev.hsts.servlet.SecurityHeadersFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named policies follow a runtime refresh like the other settings: a changed policy, a
 * changed default it inherits, a policy added to an application that had none; an invalid
 * one is refused and the policies in force stay. Without named policies, handler policies
 * or hooks, the filter applies none (requests work exactly as before).
 */
class NamedPoliciesRefreshTest {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityHeadersPropertiesAutoConfiguration.class,
				SecurityHeadersAutoConfiguration.class, SecurityHeadersRefreshAutoConfiguration.class))
		.withPropertyValues("security.headers.hsts.rollout.stage=1");

	@Test
	void withoutPoliciesTheFilterAppliesNone() {
		this.web.run((context) -> {
			assertThat(context.getBean(SecurityHeadersFilter.class).getPolicies()).isNull();
			assertThat(context.getBean(PolicyUsage.class).paths()).isEmpty();
		});
	}

	@Test
	void withoutSpringMvcPathPoliciesApplyAndNoSpringMvcTypeIsNeeded() {
		this.web.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet."))
			.withPropertyValues("security.headers.policies.embeddable.paths=/embed/**",
					"security.headers.policies.embeddable.frame-options=SAMEORIGIN")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("securityHeadersMvcPolicyScan");
				assertThat(get(context, "/embed/x").getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
				assertThat(get(context, "/other").getHeader("X-Frame-Options")).isEqualTo("DENY");
			});
	}

	@Test
	void aChangedPolicyAndAChangedDefaultItInheritsApply() {
		this.web
			.withPropertyValues("security.headers.policies.embeddable.paths=/embed/**",
					"security.headers.policies.embeddable.frame-options=SAMEORIGIN")
			.run((context) -> {
				assertThat(get(context, "/embed/x").getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
				assertThat(get(context, "/embed/x").getHeader("Referrer-Policy")).isEqualTo("no-referrer");
				assertThat(get(context, "/other").getHeader("X-Frame-Options")).isEqualTo("DENY");
				Map<String, Object> changes = changes(context);
				changes.put("security.headers.policies.embeddable.frame-options", "disabled");
				changes.put("security.headers.referrer-policy", "same-origin");
				changes.put("security.headers.frame-options", "SAMEORIGIN");
				assertThat(refresh(context)).isEqualTo(Outcome.APPLIED);
				MockHttpServletResponse embed = get(context, "/embed/x");
				assertThat(embed.getHeader("X-Frame-Options")).isNull();
				assertThat(embed.getHeader("Referrer-Policy")).isEqualTo("same-origin");
				assertThat(get(context, "/other").getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
			});
	}

	@Test
	void aPolicyAddedByARefreshApplies() {
		this.web.run((context) -> {
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.policies.public-pages.paths", "/pages/**");
			changes.put("security.headers.policies.public-pages.cache-control.value", "public, max-age=300");
			assertThat(refresh(context)).isEqualTo(Outcome.APPLIED);
			assertThat(get(context, "/pages/a").getHeader("Cache-Control")).isEqualTo("public, max-age=300");
			assertThat(get(context, "/other").getHeader("Cache-Control")).isEqualTo("no-store");
			assertThat(context.getBean(PolicyUsage.class).paths()).containsEntry("public-pages", List.of("/pages/**"));
		});
	}

	@Test
	void anInvalidPolicyIsRefusedAndThePoliciesInForceStay() {
		this.web
			.withPropertyValues("security.headers.policies.embeddable.paths=/embed/**",
					"security.headers.policies.embeddable.frame-options=SAMEORIGIN")
			.run((context) -> {
				Map<String, Object> changes = changes(context);
				changes.put("security.headers.policies.embeddable.frame-options", "ALLOWALL");
				assertThat(refresh(context)).isEqualTo(Outcome.REJECTED);
				assertThat(get(context, "/embed/x").getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
				changes.put("security.headers.policies.embeddable.frame-options", "DENY");
				changes.put("security.headers.policies.other.paths", "/embed/x");
				assertThat(refresh(context)).as("overlapping paths").isEqualTo(Outcome.REJECTED);
				assertThat(get(context, "/embed/x").getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
			});
	}

	private static Outcome refresh(ConfigurableApplicationContext context) {
		return context.getBean(SecurityHeadersPolicyRefresher.class).refresh();
	}

	private static Map<String, Object> changes(ConfigurableApplicationContext context) {
		Map<String, Object> changes = new HashMap<>();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("changed", changes));
		return changes;
	}

	private static MockHttpServletResponse get(ConfigurableApplicationContext context, String path) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setSecure(true);
		request.setScheme("https");
		request.setServerName("api.example.test");
		request.setServerPort(443);
		MockHttpServletResponse response = new MockHttpServletResponse();
		context.getBean(SecurityHeadersFilter.class).doFilter(request, response, new MockFilterChain());
		return response;
	}

}
