package dev.hsts.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strict Host parser, value by value: what it accepts (and the comparison form it
 * yields) and what it refuses, including the cases Starlette, Django, Rails and ASP.NET
 * Core test.
 */
class HostHeaderTest {

	static Stream<Arguments> valid() {
		return Stream.of(Arguments.of("example.com", "example.com", -1), Arguments.of("EXAMPLE.COM", "example.com", -1),
				Arguments.of("Example.Com.", "example.com", -1), Arguments.of("EXAMPLE.test.", "example.test", -1),
				Arguments.of("example.com:443", "example.com", 443),
				Arguments.of("example.com.:8443", "example.com", 8443), Arguments.of("example.com:1", "example.com", 1),
				Arguments.of("example.com:65535", "example.com", 65535), Arguments.of("localhost", "localhost", -1),
				Arguments.of("a", "a", -1), Arguments.of("a.b.example.test", "a.b.example.test", -1),
				Arguments.of("xn--bcher-kva.example", "xn--bcher-kva.example", -1),
				Arguments.of("XN--BCHER-KVA.EXAMPLE", "xn--bcher-kva.example", -1),
				Arguments.of("a-b.example", "a-b.example", -1), Arguments.of("1.example", "1.example", -1),
				Arguments.of("10.1.2.3", "10.1.2.3", -1), Arguments.of("10.1.2.3:80", "10.1.2.3", 80),
				Arguments.of("127.1", "127.1", -1), Arguments.of("[::1]", "::1", -1),
				Arguments.of("[::1]:8443", "::1", 8443), Arguments.of("[FD00::ABCD]", "fd00::abcd", -1),
				Arguments.of("[::ffff:10.1.2.3]:443", "::ffff:10.1.2.3", 443),
				Arguments.of("[2001:db8:0:0:0:0:0:1]", "2001:db8:0:0:0:0:0:1", -1),
				Arguments.of("a".repeat(63) + ".com", "a".repeat(63) + ".com", -1),
				Arguments.of(("a".repeat(49) + ".").repeat(5) + "com", ("a".repeat(49) + ".").repeat(5) + "com", -1));
	}

	@ParameterizedTest(name = "{0} -> {1} port {2}")
	@MethodSource("valid")
	void acceptsAndNormalises(String value, String host, int port) {
		HostHeader parsed = HostHeader.parse(value);
		assertThat(parsed.isValid()).as(parsed.toString()).isTrue();
		assertThat(parsed.host()).isEqualTo(host);
		assertThat(parsed.port()).isEqualTo(port);
		assertThat(parsed.problem()).isNull();
	}

	static Stream<String> malformed() {
		return Stream.of(null, "", " ", "example.com ", " example.com", "exa mple.com", "example.com\t",
				"exa\u0000mple.com", "example.com\r", "example.com\n", "exa\u007fmple.com", "b\u00fccher.example",
				"\u0435xample.com", "example.com:", ":443", ":", "example.com:0", "example.com:00", "example.com:0443",
				"example.com:65536", "example.com:99999", "example.com:123456", "example.com:-1", "example.com:+1",
				"example.com:1x", "example.com:x", "example.com:443:443", "example.com: 443",
				"evil.com:443@api.example.test", "user@example.com", "user:pass@example.com", "@example.com",
				"example.com@", "example.com@evil.com", "example..com", ".example.com", "example.com..", ".", "..",
				"-example.com", "example-.com", "a.-b.com", "a_b.example.com", "_", "example.com/", "example.com/path",
				"/example.com", "example.com?", "example.com#", "example.com\\", "exa%6dple.com",
				"example.com,evil.com", "example.com;x", "\"example.com\"", "'example.com'", "<example.com>",
				"(example.com)", "ex!ample.com", "ex$ample.com", "ex&ample.com", "ex=ample.com", "ex*ample.com",
				"*.example.com", "*", "ex~ample.com", "ex+ample.com", "http://example.com", "[::1", "::1]", "[::1]]",
				"[[::1]]", "[::1]x", "[::1]:", "[::1]:0", "[::1]:65536", "[::1]:x", "[::1]8443", "[::1]:443]", "::1",
				"fe80::1", "::1:443", "[1.2.3.4]", "[10.1.2.3]:80", "[v1.x]", "[fe80::1%25eth0]", "[fe80::1%eth0]",
				"[::g]", "[]", "[:]", "[1:2]", "[::1::1]", "[.::]", "[.1::]", "[..::]", "[1:2:3:4:5:6:7:8:9]",
				"[example.com]", "example.com]", "a".repeat(64) + ".com", ("a".repeat(50) + ".").repeat(5) + "com",
				"a".repeat(256), "a.".repeat(128));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("malformed")
	void refusesMalformedValues(String value) {
		HostHeader parsed = HostHeader.parse(value);
		assertThat(parsed.isValid()).as(parsed.toString()).isFalse();
		assertThat(parsed.host()).isNull();
		assertThat(parsed.problem()).isNotBlank();
	}

	@Test
	void saysWhatIsWrongWithoutEchoingTheValue() {
		assertThat(HostHeader.parse(null).problem()).isEqualTo("it is missing");
		assertThat(HostHeader.parse("a@evil").problem()).isEqualTo("it contains user information ('@')");
		assertThat(HostHeader.parse("a:0").problem()).isEqualTo("its port is not a number from 1 to 65535");
		assertThat(HostHeader.parse("[::1").problem()).isEqualTo("its brackets are unbalanced");
		assertThat(HostHeader.parse("a".repeat(256)).problem()).isEqualTo("it is longer than 255 characters");
		assertThat(HostHeader.parse("::1").problem()).contains("IPv6 address must be in brackets");
	}

	@Test
	void serverNamesMayCarryIpv6WithoutBrackets() {
		assertThat(HostHeader.parseServerName("::1").host()).isEqualTo("::1");
		assertThat(HostHeader.parseServerName("[::1]").host()).isEqualTo("::1");
		assertThat(HostHeader.parseServerName("Api.Example.Test.").host()).isEqualTo("api.example.test");
		assertThat(HostHeader.parseServerName("a@b").isValid()).isFalse();
		assertThat(HostHeader.parseServerName("::g:1").isValid()).isFalse();
	}

	/**
	 * The one-pass reading of plain names gives what the full parse gives, for every
	 * value of the tests above and for 200 000 random values built from the characters
	 * and lengths where the two could part (label and name limits, dots, dashes, colons,
	 * brackets, letter case, ports); and it does read the common forms, so that the
	 * comparison is not empty.
	 */
	@Test
	void thePlainNameReadingGivesWhatTheFullParseGives() {
		List<String> values = new ArrayList<>();
		valid().forEach((arguments) -> values.add((String) arguments.get()[0]));
		malformed().filter((value) -> value != null).forEach(values::add);
		String[] pieces = { "a", "Z", "0", "9", "-", ".", ":", "[", "]", "@", "_", " ", "443", "0", "65535", "65536",
				"example", "EXAMPLE", "a".repeat(63), "b".repeat(64), "c".repeat(120), "::1" };
		SplittableRandom random = new SplittableRandom(20261207L);
		for (int n = 0; n < 200_000; n++) {
			StringBuilder value = new StringBuilder();
			int parts = random.nextInt(1, 12);
			for (int p = 0; p < parts; p++) {
				value.append(pieces[random.nextInt(pieces.length)]);
			}
			values.add(value.toString());
		}
		values.add("x".repeat(253));
		values.add("x".repeat(254));
		values.add(("a".repeat(63) + ".").repeat(3) + "a".repeat(61));
		values.add(("a".repeat(63) + ".").repeat(3) + "a".repeat(62));
		values.add(("a".repeat(63) + ".").repeat(3) + "a".repeat(61) + ":8443");
		int read = 0;
		for (String value : values) {
			for (boolean allowPort : new boolean[] { true, false }) {
				HostHeader plain = HostHeader.parsePlainName(value, allowPort);
				if (plain != null) {
					read++;
					HostHeader full = HostHeader.parseFully(value, allowPort);
					assertThat(full.isValid()).as(value).isTrue();
					assertThat(plain.isValid()).as(value).isTrue();
					assertThat(plain.host()).as(value).isEqualTo(full.host());
					assertThat(plain.port()).as(value).isEqualTo(full.port());
				}
			}
		}
		assertThat(read).isGreaterThan(1_000);
		assertThat(HostHeader.parsePlainName("h01.Example.test:18443", true)).isNotNull()
			.extracting(HostHeader::host, HostHeader::port)
			.containsExactly("h01.example.test", 18443);
		assertThat(HostHeader.parsePlainName("api.example.test", false)).isNotNull();
		assertThat(HostHeader.parsePlainName("10.1.2.3:80", true)).isNotNull();
	}

}
