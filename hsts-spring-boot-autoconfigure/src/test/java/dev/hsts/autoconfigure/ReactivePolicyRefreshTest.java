package dev.hsts.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import dev.hsts.actuate.SecurityHeadersEndpoint;
import dev.hsts.autoconfigure.SecurityHeadersPolicyRefresher.Outcome;
import dev.hsts.reactive.SecurityHeadersWebFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A changed configuration applied to a running WebFlux application: the responses the web
 * filter makes afterwards, the endpoint, and a refusal.
 */
class ReactivePolicyRefreshTest {

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityHeadersPropertiesAutoConfiguration.class,
				ReactiveSecurityHeadersAutoConfiguration.class, SecurityHeadersEndpointAutoConfiguration.class,
				SecurityHeadersRefreshAutoConfiguration.class))
		.withPropertyValues("security.headers.hsts.rollout.stage=1",
				"management.endpoints.web.exposure.include=securityheaders");

	private static HttpHeaders get(ConfigurableApplicationContext context) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("https://api.example.test/page"));
		context.getBean(SecurityHeadersWebFilter.class)
			.filter(exchange, (filtered) -> filtered.getResponse().setComplete())
			.block();
		return exchange.getResponse().getHeaders();
	}

	private static Map<String, Object> changes(ConfigurableApplicationContext context) {
		Map<String, Object> changes = new HashMap<>();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("changed", changes));
		return changes;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> policyOf(ConfigurableApplicationContext context) {
		return (Map<String, Object>) context.getBean(SecurityHeadersEndpoint.class)
			.securityHeaders(SecurityContext.NONE)
			.get("policy");
	}

	@Test
	void aNewStageAndHeaderValueApplyToTheNextExchange() {
		this.reactive.run((context) -> {
			assertThat(get(context).getValuesAsList("Strict-Transport-Security")).containsExactly("max-age=300");
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.hsts.rollout.stage", "2");
			changes.put("security.headers.cache-control.value", "no-cache");
			changes.put("security.headers.cross-origin-resource-policy", "same-site");
			assertThat(context.getBean(SecurityHeadersPolicyRefresher.class).refresh()).isEqualTo(Outcome.APPLIED);
			HttpHeaders headers = get(context);
			assertThat(headers.getValuesAsList("Strict-Transport-Security")).containsExactly("max-age=86400");
			assertThat(headers.getValuesAsList("Cache-Control")).containsExactly("no-cache");
			assertThat(headers.getValuesAsList("Cross-Origin-Resource-Policy")).containsExactly("same-site");
			assertThat(headers.getValuesAsList("X-Frame-Options")).containsExactly("DENY");
			assertThat(policyOf(context)).containsEntry("version", 2L);
		});
	}

	@Test
	void anInvalidValueIsRefusedAndTheOldPolicyStays() {
		this.reactive.run((context) -> {
			changes(context).put("security.headers.hsts.rollout.stage", "7");
			assertThat(context.getBean(SecurityHeadersPolicyRefresher.class).refresh()).isEqualTo(Outcome.REJECTED);
			assertThat(get(context).getValuesAsList("Strict-Transport-Security")).containsExactly("max-age=300");
			@SuppressWarnings("unchecked")
			Map<String, Object> rejected = (Map<String, Object>) policyOf(context).get("lastRejected");
			assertThat(rejected).containsEntry("property", "security.headers.hsts.rollout.stage")
				.containsEntry("value", "7");
			assertThat(policyOf(context)).containsEntry("version", 1L);
		});
	}

	@Test
	void theNewerHeadersAreSwitchedOnChangedAndOffAtRuntime() {
		this.reactive.run((context) -> {
			HttpHeaders before = get(context);
			assertThat(before.getValuesAsList("Cross-Origin-Embedder-Policy")).isEmpty();
			assertThat(before.getValuesAsList("X-Permitted-Cross-Domain-Policies")).containsExactly("none");
			assertThat(before.getValuesAsList("X-XSS-Protection")).containsExactly("0");
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.cross-origin-embedder-policy", "require-corp");
			changes.put("security.headers.origin-agent-cluster", "?0");
			changes.put("security.headers.dns-prefetch-control", "on");
			changes.put("security.headers.permitted-cross-domain-policies", "disabled");
			changes.put("security.headers.xss-protection", "disabled");
			assertThat(context.getBean(SecurityHeadersPolicyRefresher.class).refresh()).isEqualTo(Outcome.APPLIED);
			HttpHeaders after = get(context);
			assertThat(after.getValuesAsList("Cross-Origin-Embedder-Policy")).containsExactly("require-corp");
			assertThat(after.getValuesAsList("Origin-Agent-Cluster")).containsExactly("?0");
			assertThat(after.getValuesAsList("X-DNS-Prefetch-Control")).containsExactly("on");
			assertThat(after.getValuesAsList("X-Permitted-Cross-Domain-Policies")).isEmpty();
			assertThat(after.getValuesAsList("X-XSS-Protection")).isEmpty();
		});
	}

}
