package dev.hsts.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hsts.core.ManagedHeaderChoices.Choice;
import dev.hsts.core.ManagedHeaderChoices.Setting;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManagedHeaderChoicesTest {

	/** What Spring Security writes by default on a secure request. */
	static Map<String, List<String>> springSecurityDefaults() {
		Map<String, List<String>> written = new LinkedHashMap<>();
		written.put("X-Content-Type-Options", List.of("nosniff"));
		written.put("X-XSS-Protection", List.of("0"));
		written.put("Cache-Control", List.of("no-cache, no-store, max-age=0, must-revalidate"));
		written.put("Pragma", List.of("no-cache"));
		written.put("Expires", List.of("0"));
		written.put("Strict-Transport-Security", List.of("max-age=31536000 ; includeSubDomains"));
		written.put("X-Frame-Options", List.of("DENY"));
		return written;
	}

	/** What the starter sends by default. */
	static Map<String, List<String>> starterDefaults() {
		return Map.of("strict-transport-security",
				List.copyOf(ManagedHeaderChoices.hstsValues(HstsPolicy.builder().build())), "x-content-type-options",
				List.of("nosniff"), "x-frame-options", List.of("DENY"), "cache-control", List.of("no-store"));
	}

	static List<Choice> choices(Map<String, List<String>> written) {
		return ManagedHeaderChoices.of(written, starterDefaults());
	}

	static Map<String, List<String>> defaultsWith(String name, String... values) {
		Map<String, List<String>> written = springSecurityDefaults();
		written.remove(name);
		if (values.length > 0) {
			written.put(name, List.of(values));
		}
		return written;
	}

	@Test
	void springSecuritysDefaultsAreNoChoice() {
		assertThat(choices(springSecurityDefaults())).isEmpty();
	}

	@Test
	void theStartersValuesAreNoChoiceWhateverTheCaseAndSpacing() {
		Map<String, List<String>> written = springSecurityDefaults();
		written.remove("X-Frame-Options");
		written.put("x-frame-options", List.of("deny"));
		written.put("Strict-Transport-Security", List.of("max-age=86400"));
		written.remove("Cache-Control");
		written.remove("Pragma");
		written.remove("Expires");
		written.put("CACHE-CONTROL", List.of("No-Store"));
		assertThat(choices(written)).isEmpty();
	}

	@Test
	void aValueOfItsOwnIsAChoiceWithTheSettingThatSaysTheSame() {
		assertThat(choices(defaultsWith("X-Frame-Options", "SAMEORIGIN"))).containsExactly(
				new Choice("X-Frame-Options", "SAMEORIGIN", List.of(new Setting("frame-options", "SAMEORIGIN")), null));
		assertThat(choices(defaultsWith("X-Frame-Options"))).containsExactly(
				new Choice("X-Frame-Options", null, List.of(new Setting("frame-options", "disabled")), null));
		assertThat(choices(defaultsWith("X-Content-Type-Options"))).containsExactly(new Choice("X-Content-Type-Options",
				null, List.of(new Setting("content-type-options", "disabled")), null));
	}

	@Test
	void aValueTheStarterAlsoSendsIsNoChoiceEvenWhenItIsNotItsDefault() {
		Map<String, List<String>> starter = new LinkedHashMap<>(starterDefaults());
		starter.put("x-frame-options", List.of());
		starter.put("x-content-type-options", List.of());
		assertThat(ManagedHeaderChoices.of(defaultsWith("X-Frame-Options"), starter)).isEmpty();
		starter.put("x-frame-options", List.of("SAMEORIGIN"));
		assertThat(ManagedHeaderChoices.of(defaultsWith("X-Frame-Options", "sameorigin"), starter)).isEmpty();
		// Spring Security's default, with the starter's header switched off: no choice.
		assertThat(ManagedHeaderChoices.of(springSecurityDefaults(), starter)).isEmpty();
	}

	@Test
	void anHstsOfItsOwnIsAOneStagePlan() {
		assertThat(choices(defaultsWith("Strict-Transport-Security", "max-age=600 ; includeSubDomains ; preload")))
			.singleElement()
			.satisfies((choice) -> {
				assertThat(choice.header()).isEqualTo("Strict-Transport-Security");
				assertThat(choice.written()).isEqualTo("max-age=600 ; includeSubDomains ; preload");
				assertThat(choice.settings()).containsExactly(new Setting("hsts.rollout.stages[0].max-age", "600s"),
						new Setting("hsts.include-subdomains", "true"), new Setting("hsts.preload", "true"));
				assertThat(choice.note()).contains("${hsts.rollout.stages}");
			});
		assertThat(choices(defaultsWith("Strict-Transport-Security", "max-age=0"))).singleElement()
			.extracting(Choice::settings)
			.isEqualTo(List.of(new Setting("hsts.revoke", "true")));
		assertThat(choices(defaultsWith("Strict-Transport-Security"))).singleElement()
			.extracting(Choice::settings)
			.isEqualTo(List.of(new Setting("hsts.enabled", "false")));
		assertThat(choices(defaultsWith("Strict-Transport-Security", "includeSubDomains"))).singleElement()
			.extracting(Choice::settings)
			.isEqualTo(List.of());
	}

	@Test
	void anHstsThePlanSendsAtAnyStageIsNoChoice() {
		Map<String, List<String>> starter = new LinkedHashMap<>(starterDefaults());
		starter.put("strict-transport-security", List.copyOf(ManagedHeaderChoices
			.hstsValues(HstsPolicy.builder().includeSubDomains(true).preload(true).pinnedStage(1).build())));
		assertThat(ManagedHeaderChoices
			.of(defaultsWith("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains ; preload"), starter))
			.isEmpty();
		assertThat(ManagedHeaderChoices.hstsValues(HstsPolicy.builder().revoke(true).build()))
			.containsExactly("max-age=0");
		assertThat(ManagedHeaderChoices.hstsValues(HstsPolicy.builder().enabled(false).build())).isEmpty();
	}

	@Test
	void allowFromIsTranslatedToFrameAncestors() {
		assertThat(choices(defaultsWith("X-Frame-Options", "ALLOW-FROM https://partner.example"))).singleElement()
			.satisfies((choice) -> {
				assertThat(choice.settings()).containsExactly(
						new Setting("content-security-policy.policy", "frame-ancestors https://partner.example"),
						new Setting("frame-options", "disabled"));
				assertThat(choice.note()).contains("ALLOW-FROM");
			});
	}

	@Test
	void cacheControlIsJudgedWithPragmaAndExpires() {
		Map<String, List<String>> off = defaultsWith("Cache-Control");
		off.remove("Pragma");
		off.remove("Expires");
		assertThat(choices(off)).containsExactly(
				new Choice("Cache-Control", null, List.of(new Setting("cache-control.enabled", "false")), null));
		Map<String, List<String>> own = defaultsWith("Cache-Control", "private, max-age=10");
		assertThat(choices(own)).singleElement().satisfies((choice) -> {
			assertThat(choice.written()).isEqualTo("Cache-Control: private, max-age=10, Pragma: no-cache, Expires: 0");
			assertThat(choice.settings()).containsExactly(new Setting("cache-control.value", "private, max-age=10"));
			assertThat(choice.note()).contains("neither Pragma nor Expires");
		});
		Map<String, List<String>> noPragma = springSecurityDefaults();
		noPragma.remove("Pragma");
		assertThat(choices(noPragma)).singleElement().extracting(Choice::header).isEqualTo("Cache-Control");
	}

	@Test
	void choicesComeInAFixedOrder() {
		Map<String, List<String>> written = new LinkedHashMap<>();
		written.put("X-XSS-Protection", List.of("0"));
		assertThat(choices(written)).extracting(Choice::header)
			.containsExactly("Strict-Transport-Security", "X-Frame-Options", "X-Content-Type-Options", "Cache-Control");
	}

}
