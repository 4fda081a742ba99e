package dev.hsts.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hsts.autoconfigure.SecurityHeadersAutoConfiguration;
import dev.hsts.autoconfigure.SecurityHeadersProperties;
import dev.hsts.policy.HstsPolicy;
import dev.hsts.policy.HstsStage;
import dev.hsts.policy.InvalidPolicyException;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the whole configuration path the way Spring Boot runs it: binding {@code security.headers.hsts.*} from
 * strings (durations, numbers, booleans, instants, host entries), then validating the policy. Every input either
 * builds a policy that keeps the documented invariants, or fails with an answer that names a property: Boot's
 * BindException or our InvalidPolicyException. Nothing else escapes.
 */
class ConfigurationFuzzTest {

	private static final List<String> KEYS = List.of("security.headers.hsts.enabled",
			"security.headers.hsts.rollout.stage", "security.headers.hsts.rollout.started-at",
			"security.headers.hsts.include-subdomains", "security.headers.hsts.preload", "security.headers.hsts.revoke",
			"security.headers.hsts.excluded-hosts", "security.headers.hsts.rollout.stages[0].max-age",
			"security.headers.hsts.rollout.stages[0].hold", "security.headers.hsts.rollout.stages[0].include-subdomains",
			"security.headers.hsts.rollout.stages[1].max-age", "security.headers.hsts.rollout.stages[1].hold",
			"security.headers.hsts.rollout.stages[1].include-subdomains",
			"security.headers.hsts.rollout.stages[2].max-age");

	@FuzzTest(maxDuration = "60s")
	void configurationEitherBuildsAValidPolicyOrNamesTheProperty(FuzzedDataProvider data) {
		Map<String, String> properties = new LinkedHashMap<>();
		int count = data.consumeInt(0, 8);
		for (int i = 0; i < count; i++) {
			properties.put(data.pickValue(KEYS), data.consumeString(40));
		}
		Binder binder = new Binder(List.of(new MapConfigurationPropertySource(properties)), null,
				ApplicationConversionService.getSharedInstance());
		SecurityHeadersProperties bound;
		try {
			bound = binder.bindOrCreate("security.headers", Bindable.of(SecurityHeadersProperties.class));
		}
		catch (BindException ex) {
			assertThat(ex.getName().toString()).startsWith("security.headers");
			return;
		}
		try {
			HstsPolicy policy = new SecurityHeadersAutoConfiguration().hstsPolicy(bound);
			checkInvariants(policy);
		}
		catch (InvalidPolicyException ex) {
			assertThat(ex.getProperty()).startsWith("security.headers.hsts.");
			assertThat(ex.getAction()).isNotBlank();
		}
	}

	private static void checkInvariants(HstsPolicy policy) {
		List<HstsStage> stages = policy.stages();
		assertThat(stages).isNotEmpty();
		for (int i = 0; i < stages.size(); i++) {
			HstsStage stage = stages.get(i);
			assertThat(stage.maxAgeSeconds()).isPositive();
			assertThat(stage.headerValue()).isEqualTo(
					HstsStage.render(stage.maxAgeSeconds(), stage.includeSubDomains(), stage.preload()));
			assertThat(stage.headerValue()).matches("max-age=[0-9]+(; includeSubDomains)?(; preload)?");
			if (stage.preload()) {
				assertThat(i).isEqualTo(stages.size() - 1);
				assertThat(stage.includeSubDomains()).isTrue();
				assertThat(stage.maxAgeSeconds()).isGreaterThanOrEqualTo(HstsStage.PRELOAD_MIN_MAX_AGE);
			}
			if (i > 0) {
				assertThat(stage.maxAgeSeconds()).isGreaterThanOrEqualTo(stages.get(i - 1).maxAgeSeconds());
				if (stages.get(i - 1).includeSubDomains()) {
					assertThat(stage.includeSubDomains()).isTrue();
				}
			}
		}
		String value = policy.headerValueAt(System.currentTimeMillis());
		if (value != null) {
			assertThat(value).matches("max-age=[0-9]+(; includeSubDomains)?(; preload)?");
		}
	}

}
