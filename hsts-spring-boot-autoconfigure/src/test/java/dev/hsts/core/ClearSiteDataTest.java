package dev.hsts.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The directives and paths of Clear-Site-Data on logout. */
class ClearSiteDataTest {

	private static ClearSiteData parse(List<String> directives, List<String> paths) {
		return ClearSiteData.parse("clear-site-data.directives", directives, "clear-site-data.paths", paths);
	}

	@Test
	void directivesAreSentQuotedInTheirSpelling() {
		ClearSiteData clearSiteData = parse(List.of("cache", "COOKIES", " \"storage\" ", "executioncontexts",
				"clientHints", "prefetchCache", "prerenderCache"), List.of("/logout"));
		assertThat(clearSiteData.headerValue()).isEqualTo("\"cache\", \"cookies\", \"storage\", "
				+ "\"executionContexts\", \"clientHints\", \"prefetchCache\", \"prerenderCache\"");
		assertThat(parse(List.of("*"), List.of()).headerValue()).isEqualTo("\"*\"");
	}

	@Test
	void onlySuccessesAndRedirectsOnThePathsGetIt() {
		ClearSiteData clearSiteData = parse(List.of("cookies"), List.of("/logout", "/auth/**"));
		assertThat(clearSiteData.appliesTo("/logout", 200)).isTrue();
		assertThat(clearSiteData.appliesTo("/auth/sign-out", 302)).isTrue();
		assertThat(clearSiteData.appliesTo("/logout", 204)).isTrue();
		assertThat(clearSiteData.appliesTo("/logout", 400)).isFalse();
		assertThat(clearSiteData.appliesTo("/logout", 500)).isFalse();
		assertThat(clearSiteData.appliesTo("/logout", 101)).isFalse();
		assertThat(clearSiteData.appliesTo("/logoutx", 200)).isFalse();
		assertThat(parse(List.of("cookies"), List.of()).appliesTo("/logout", 200)).isFalse();
	}

	@Test
	void anUnknownDirectiveIsRefusedNamingItsIndex() {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> parse(List.of("cache", "sessions"), List.of("/logout")))
			.satisfies((ex) -> {
				assertThat(ex.getPath()).isEqualTo("clear-site-data.directives[1]");
				assertThat(ex.getReason()).contains("not a Clear-Site-Data directive");
				assertThat(ex.getAction()).contains("clientHints");
			});
	}

	@Test
	void aDirectiveTwiceAnEmptyListAndABadPathAreRefused() {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> parse(List.of("cache", "Cache"), List.of("/logout")))
			.satisfies((ex) -> assertThat(ex.getReason()).contains("listed twice"));
		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> parse(List.of(), List.of("/logout")))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("clear-site-data.directives"));
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> parse(List.of("cache"), List.of("logout")))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("clear-site-data.paths[0]"));
	}

}
