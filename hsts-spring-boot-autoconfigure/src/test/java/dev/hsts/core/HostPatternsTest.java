package dev.hsts.core;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HostPatternsTest {

	private final HostPatterns patterns = HostPatterns.parse(List.of("api.example.com", "*.example.org", "10.0.0.0/8",
			"fd00::/8", "192.0.2.7", "[2001:db8::1]", "bücher.example"), "test.hosts");

	@Test
	void exactNamesMatchCaseInsensitivelyWithOneTrailingDot() {
		assertThat(this.patterns.matches("api.example.com")).isTrue();
		assertThat(this.patterns.matches("API.Example.COM")).isTrue();
		assertThat(this.patterns.matches("api.example.com.")).isTrue();
		assertThat(this.patterns.matches("api.example.com..")).isFalse();
		assertThat(this.patterns.matches("www.api.example.com")).isFalse();
		assertThat(this.patterns.matches("example.com")).isFalse();
	}

	@Test
	void wildcardsMatchSubdomainsAtAnyDepthButNotTheApex() {
		assertThat(this.patterns.matches("a.example.org")).isTrue();
		assertThat(this.patterns.matches("a.b.c.example.org")).isTrue();
		assertThat(this.patterns.matches("example.org")).isFalse();
		assertThat(this.patterns.matches(".example.org")).isFalse();
		assertThat(this.patterns.matches(".a.example.org")).isFalse();
		assertThat(this.patterns.matches("a..example.org")).isFalse();
		assertThat(this.patterns.matches("evilexample.org")).isFalse();
		assertThat(this.patterns.matches("example.org.evil.com")).isFalse();
	}

	@Test
	void addressesAndRangesMatchIpLiteralsOnly() {
		assertThat(this.patterns.matches("10.1.2.3")).isTrue();
		assertThat(this.patterns.matches("11.1.2.3")).isFalse();
		assertThat(this.patterns.matches("192.0.2.7")).isTrue();
		assertThat(this.patterns.matches("192.0.2.8")).isFalse();
		assertThat(this.patterns.matches("[fd12::1]")).isTrue();
		assertThat(this.patterns.matches("fd12::1")).isTrue();
		assertThat(this.patterns.matches("[2001:db8::1]")).isTrue();
		assertThat(this.patterns.matches("[2001:db8::2]")).isFalse();
		assertThat(this.patterns.matches("10.1")).isFalse();
	}

	@Test
	void addressFamiliesNeverCrossMatch() {
		// Spring Security 7.1's IpAddressMatcher alone says yes to both (found by
		// HostPatternsFuzzTest).
		assertThat(this.patterns.matches("aaa::4")).isFalse();
		assertThat(this.patterns.matches("a00::")).isFalse();
		assertThat(this.patterns.matches("253.1.2.3")).isFalse();
		assertThat(this.patterns.matches("::ffff:10.1.2.3")).isTrue();
	}

	@Test
	void onlyAsciiLettersAreFolded() {
		// The Kelvin sign lower-cases to 'k' in Java, but a host with it is not the ASCII
		// name.
		HostPatterns key = HostPatterns.parse(List.of("key.example.com"), "p");
		assertThat(key.matches("\u212AEY.example.com")).isFalse();
		assertThat(key.matches("KEY.example.com")).isTrue();
	}

	@Test
	void internationalNamesAreComparedAsPunycode() {
		assertThat(this.patterns.matches("xn--bcher-kva.example")).isTrue();
	}

	@Test
	void starMatchesEverything() {
		HostPatterns any = HostPatterns.parse(List.of("*"), "p");
		assertThat(any.allowsAny()).isTrue();
		assertThat(any.matches("anything.test")).isTrue();
	}

	@Test
	void emptyListMatchesNothing() {
		assertThat(HostPatterns.parse(List.of(), "p").matches("example.com")).isFalse();
		assertThat(HostPatterns.parse(null, "p").isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "api.example.com ", "https://api.example.com", "api.example.com/path",
			"api.example.com:8443", "[::1]:8443", "[::1", "user@api.example.com", "10.0.0.0/33", "10.0.0.0/-1",
			"10.0.0.1/8", "fd00::/129", "*.*.example.com", "api.*.example.com", "*example.com", "exa mple.com",
			"-bad.example.com", "bad-.example.com", "a..b", "10.1", "999.1.1.1", "01.2.3.4", "exa\tmple.com",
			"example.com\r\nX: y", "host/8" })
	void invalidEntriesAreRefusedNamingTheEntry(String entry) {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(
					() -> HostPatterns.parse(List.of("ok.example.com", entry), "security.headers.hsts.excluded-hosts"))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("security.headers.hsts.excluded-hosts[1]"));
	}

}
