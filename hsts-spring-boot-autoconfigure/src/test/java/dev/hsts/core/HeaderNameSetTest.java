package dev.hsts.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderNameSetTest {

	private final HeaderNameSet set = HeaderNameSet.of(List.of("X-Frame-Options", "Referrer-Policy",
			"Strict-Transport-Security", "x-frame-options", "Cache-Control"));

	@Test
	void findsEveryNameWhateverItsCase() {
		for (String name : List.of("X-Frame-Options", "x-frame-options", "X-FRAME-OPTIONS", "referrer-policy",
				"Referrer-Policy", "STRICT-TRANSPORT-SECURITY", "cache-control")) {
			assertThat(this.set.contains(name)).as(name).isTrue();
		}
	}

	@Test
	void findsNoOtherName() {
		// The same length as two of the names, a longer and a shorter one, none.
		for (String name : List.of("X-Frame-Optionz", "Referrer-Polic", "Content-Type", "",
				"Strict-Transport-Security-X", "Cache-Contro1", "X-Frame-Options ")) {
			assertThat(this.set.contains(name)).as(name).isFalse();
		}
		assertThat(this.set.contains(null)).isFalse();
	}

	@Test
	void keepsEachNameOnceInTheOrderGiven() {
		assertThat(this.set.names()).containsExactly("X-Frame-Options", "Referrer-Policy", "Strict-Transport-Security",
				"Cache-Control");
	}

}
