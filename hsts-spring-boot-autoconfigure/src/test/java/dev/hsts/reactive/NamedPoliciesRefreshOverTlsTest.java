package dev.hsts.reactive;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import dev.hsts.autoconfigure.SecurityHeadersPolicyRefresher;
import dev.hsts.autoconfigure.SecurityHeadersPolicyRefresher.Outcome;
import dev.hsts.core.PolicyUsage;
import dev.hsts.test.Headers;
import dev.hsts.test.RunningReactiveApp;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;

import static dev.hsts.test.Headers.FRAME_OPTIONS;
import static dev.hsts.test.Headers.REFERRER_POLICY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named policies follow a runtime refresh on WebFlux, over real TLS on Reactor Netty: a
 * changed policy applies to the next exchange wherever it is chosen (path, annotation,
 * route attribute), the endpoint's usage follows, and a refused value leaves the policies
 * in force.
 */
class NamedPoliciesRefreshOverTlsTest {

	private static HttpResponse<String> get(RunningReactiveApp app, String path) {
		return app.https().get("app.example.test", path);
	}

	private static Map<String, Object> changes(RunningReactiveApp app) {
		Map<String, Object> changes = new HashMap<>();
		app.context().getEnvironment().getPropertySources().addFirst(new MapPropertySource("changed", changes));
		return changes;
	}

	@Test
	void aChangedPolicyAppliesToTheNextExchangeWhereverItIsChosen() {
		try (RunningReactiveApp app = RunningReactiveApp.https(new Class<?>[] { ReactivePoliciesApplication.class },
				ReactivePoliciesApplication.PROPERTIES.toArray(new String[0]))) {
			Headers.assertExactlyOne(get(app, "/embed/plain"), FRAME_OPTIONS, "SAMEORIGIN");
			Map<String, Object> changes = changes(app);
			changes.put("security.headers.policies.embeddable.frame-options", "disabled");
			changes.put("security.headers.policies.embeddable.referrer-policy", "strict-origin");
			changes.put("security.headers.policies.embeddable.paths", "/widgets/**");
			assertThat(app.context().getBean(SecurityHeadersPolicyRefresher.class).refresh())
				.isEqualTo(Outcome.APPLIED);
			for (String path : new String[] { "/widgets/x", "/pay/widget", "/fn/embed", "/fnf/widget" }) {
				HttpResponse<String> response = get(app, path);
				Headers.assertNone(response, FRAME_OPTIONS);
				Headers.assertExactlyOne(response, REFERRER_POLICY, "strict-origin");
			}
			// No longer on the old paths.
			Headers.assertExactlyOne(get(app, "/embed/plain"), FRAME_OPTIONS, "DENY");
			assertThat(app.context().getBean(PolicyUsage.class).paths()).containsEntry("embeddable",
					java.util.List.of("/widgets/**"));
		}
	}

	@Test
	void aRefusedValueLeavesThePoliciesInForce() {
		try (RunningReactiveApp app = RunningReactiveApp.https(new Class<?>[] { ReactivePoliciesApplication.class },
				ReactivePoliciesApplication.PROPERTIES.toArray(new String[0]))) {
			changes(app).put("security.headers.policies.payment.referrer-policy", "nowhere");
			assertThat(app.context().getBean(SecurityHeadersPolicyRefresher.class).refresh())
				.isEqualTo(Outcome.REJECTED);
			Headers.assertExactlyOne(get(app, "/pay/checkout"), REFERRER_POLICY, "same-origin");
			Headers.assertExactlyOne(get(app, "/embed/plain"), FRAME_OPTIONS, "SAMEORIGIN");
		}
	}

}
