package dev.hsts.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostNamesTest {

	@Test
	void normalizeLowersCaseDropsOneTrailingDotAndBrackets() {
		assertThat(HostNames.normalize("Api.Example.COM.")).isEqualTo("api.example.com");
		assertThat(HostNames.normalize("api.example.com")).isSameAs(HostNames.normalize("api.example.com"));
		assertThat(HostNames.normalize("[::1]")).isEqualTo("::1");
		assertThat(HostNames.normalize("a..")).isEqualTo("a..");
		assertThat(HostNames.normalize(null)).isEmpty();
	}

	@Test
	void ipLiteralsAreRecognisedTheWayBrowsersParseThem() {
		assertThat(HostNames.isIpLiteral("127.0.0.1")).isTrue();
		assertThat(HostNames.isIpLiteral("127.1")).isTrue();
		assertThat(HostNames.isIpLiteral("0x7f.0.0.1")).isTrue();
		assertThat(HostNames.isIpLiteral("1.2.3.0x10")).isTrue();
		assertThat(HostNames.isIpLiteral("2130706433")).isTrue();
		assertThat(HostNames.isIpLiteral("::1")).isTrue();
		assertThat(HostNames.isIpLiteral("example.com")).isFalse();
		assertThat(HostNames.isIpLiteral("1.2.3.example")).isFalse();
		assertThat(HostNames.isIpLiteral("0xzz")).isFalse();
		assertThat(HostNames.isIpLiteral("host123")).isFalse();
	}

	@Test
	void dottedQuadIsStrict() {
		assertThat(HostNames.isDottedQuad("10.1.2.3")).isTrue();
		assertThat(HostNames.isDottedQuad("255.255.255.255")).isTrue();
		assertThat(HostNames.isDottedQuad("256.1.1.1")).isFalse();
		assertThat(HostNames.isDottedQuad("10.1.2")).isFalse();
		assertThat(HostNames.isDottedQuad("10.1.2.3.4")).isFalse();
		assertThat(HostNames.isDottedQuad("010.1.2.3")).isFalse();
		assertThat(HostNames.isDottedQuad("1.2.3.")).isFalse();
		assertThat(HostNames.isDottedQuad("")).isFalse();
	}

}
