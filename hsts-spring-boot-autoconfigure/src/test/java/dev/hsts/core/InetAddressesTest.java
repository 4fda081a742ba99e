package dev.hsts.core;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Literals only, parsed by hand: a text that is not a literal is refused, never looked up
 * as a name.
 */
class InetAddressesTest {

	@Test
	void parsesLiterals() {
		assertThat(InetAddresses.parseLiteral("10.1.2.3")).containsExactly(10, 1, 2, 3);
		assertThat(InetAddresses.parseLiteral("::1")).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
		assertThat(InetAddresses.parseLiteral("::ffff:10.1.2.3")).containsExactly(10, 1, 2, 3);
	}

	@Test
	void parsesDottedQuads() {
		assertThat(InetAddresses.parseLiteral("0.0.0.0")).containsExactly(0, 0, 0, 0);
		assertThat(InetAddresses.parseLiteral("255.255.255.255")).containsExactly(0xff, 0xff, 0xff, 0xff);
		assertThat(InetAddresses.parseLiteral("192.0.2.7")).containsExactly(192, 0, 2, 7);
	}

	@Test
	void parsesIpv6WithAndWithoutCompression() {
		assertThat(InetAddresses.parseLiteral("2001:db8::1")).containsExactly(groups(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1));
		assertThat(InetAddresses.parseLiteral("::")).containsExactly(new byte[16]);
		assertThat(InetAddresses.parseLiteral("1::")).containsExactly(groups(1, 0, 0, 0, 0, 0, 0, 0));
		assertThat(InetAddresses.parseLiteral("1:2:3:4:5:6:7:8")).containsExactly(groups(1, 2, 3, 4, 5, 6, 7, 8));
		assertThat(InetAddresses.parseLiteral("fd00:AB:c:0:0:0:0:ffff"))
			.containsExactly(groups(0xfd00, 0xab, 0xc, 0, 0, 0, 0, 0xffff));
		assertThat(InetAddresses.parseLiteral("1:2:3::6:7:8")).containsExactly(groups(1, 2, 3, 0, 0, 6, 7, 8));
		// "::" may stand for a single group.
		assertThat(InetAddresses.parseLiteral("1:2:3:4:5:6:7::")).containsExactly(groups(1, 2, 3, 4, 5, 6, 7, 0));
		assertThat(InetAddresses.parseLiteral("::2:3:4:5:6:7:8")).containsExactly(groups(0, 2, 3, 4, 5, 6, 7, 8));
	}

	@Test
	void parsesAnEmbeddedIpv4Part() {
		assertThat(InetAddresses.parseLiteral("64:ff9b::192.0.2.33"))
			.containsExactly(groups(0x64, 0xff9b, 0, 0, 0, 0, (192 << 8) | 0, (2 << 8) | 33));
		assertThat(InetAddresses.parseLiteral("1:2:3:4:5:6:10.1.2.3"))
			.containsExactly(groups(1, 2, 3, 4, 5, 6, (10 << 8) | 1, (2 << 8) | 3));
		// IPv4-compatible and IPv4-translated addresses stay IPv6; only ::ffff:0:0/96 is
		// IPv4.
		assertThat(InetAddresses.parseLiteral("::10.1.2.3")).hasSize(16);
		assertThat(InetAddresses.parseLiteral("::ffff:0:10.1.2.3")).hasSize(16);
	}

	@Test
	void ipv4MappedAddressesAreIpv4Addresses() {
		assertThat(InetAddresses.parseLiteral("::ffff:a01:203")).containsExactly(10, 1, 2, 3);
		assertThat(InetAddresses.parseLiteral("::FFFF:10.1.2.3")).containsExactly(10, 1, 2, 3);
		assertThat(InetAddresses.parseLiteral("0:0:0:0:0:ffff:10.1.2.3")).containsExactly(10, 1, 2, 3);
		assertThat(InetAddresses.parseLiteral("::0:ffff:a01:203")).containsExactly(10, 1, 2, 3);
		assertThat(InetAddresses.parseLiteral("::ffff:0.0.0.0")).containsExactly(0, 0, 0, 0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1.2.3", "256.1.1.1", "01.2.3.4", "1.2.3.4.", ".1.2.3", "1.2.3.4.5", "1..2.3",
			"1.2.3.-4", "1.2.3.4 ", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1", "1:", ":", ":::", "1:::2", "::1:", "12345::",
			"00001::", "fe80::1%eth0", "fe80::1%1", "g::1", "::g", "1:2:3:4:5:6:7", "1:2:3:4::5:6:7:8",
			"::1:2:3:4:5:6:7:8", "[::1]", "::ffff:1.2.3", "::ffff:1.2.3.4.5", "::ffff:01.2.3.4", "::ffff:256.1.2.3",
			"::1.2.3.4:1", "1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4", "::1:2:3:4:5:6:1.2.3.4", "::ffff:1.2.3.4/8",
			"::\uff11", "\uff11::", "\u0661.2.3.4", "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.2555" })
	void refusesEverythingElse(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> InetAddresses.parseLiteral(text))
			.withMessageMatching("it is not (a valid|an) IP address");
		assertThat(InetAddresses.tryParse(text)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.2.3", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "::ffff:01.2.3.4", "1:2:3:1.2.3.4",
			"1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0" })
	void neitherValidatesNorHandsOverWhatItRefuses(String text) {
		assertThat(InetAddresses.isLiteral(text)).isFalse();
		assertThat(InetAddresses.parse(text, new Recorder())).isFalse();
	}

	@Test
	void handsTheSameAddressToASinkAsItReturnsAsBytesAndAsInetAddressHasIt() throws Exception {
		Random random = new Random(20261204L);
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = new byte[(i % 4 == 0) ? 4 : 16];
			random.nextBytes(bytes);
			if (bytes.length == 16) {
				// Runs of zeros for "::", and now and then IPv4-mapped.
				int from = random.nextInt(16);
				java.util.Arrays.fill(bytes, from, Math.min(16, from + random.nextInt(12)), (byte) 0);
				if (i % 16 == 1) {
					java.util.Arrays.fill(bytes, 0, 10, (byte) 0);
					bytes[10] = (byte) 0xff;
					bytes[11] = (byte) 0xff;
				}
			}
			String literal = (bytes.length == 4) ? InetAddress.getByAddress(bytes).getHostAddress()
					: ipv6Literal(bytes, random);
			byte[] expected = InetAddress.getByName(literal).getAddress();
			assertThat(InetAddresses.tryParse(literal)).as(literal).containsExactly(expected);
			assertThat(InetAddresses.isLiteral(literal)).as(literal).isTrue();
			Recorder recorder = new Recorder();
			assertThat(InetAddresses.parse(literal, recorder)).as(literal).isTrue();
			assertThat(recorder.bytes()).as(literal).containsExactly(expected);
		}
	}

	@Test
	void returnsWhatTheSinkSays() {
		InetAddresses.Sink no = new Recorder() {
			@Override
			public boolean ipv4(int address) {
				return false;
			}

			@Override
			public boolean ipv6(long high, long low) {
				return false;
			}
		};
		assertThat(InetAddresses.parse("10.1.2.3", no)).isFalse();
		assertThat(InetAddresses.parse("::1", no)).isFalse();
		assertThat(InetAddresses.parse("10.1.2.3", new Recorder())).isTrue();
	}

	/**
	 * The address in eight groups, in mixed case, with its longest run of zero groups
	 * compressed or not, and its last two groups written as a dotted quad or not.
	 */
	private static String ipv6Literal(byte[] address, Random random) {
		String[] groups = new String[8];
		for (int i = 0; i < 8; i++) {
			String group = Integer.toHexString(((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff));
			groups[i] = random.nextBoolean() ? group : group.toUpperCase(java.util.Locale.ROOT);
		}
		int count = 8;
		if (random.nextBoolean()) {
			groups[6] = (address[12] & 0xff) + "." + (address[13] & 0xff) + "." + (address[14] & 0xff) + "."
					+ (address[15] & 0xff);
			count = 7;
		}
		int bestStart = -1;
		int bestLength = 0;
		for (int i = 0; i < count; i++) {
			int length = 0;
			while (i + length < count && groups[i + length].equals("0") && !(count == 7 && i + length == 6)) {
				length++;
			}
			if (length > bestLength) {
				bestStart = i;
				bestLength = length;
			}
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			if (bestLength > 0 && i == bestStart && random.nextBoolean()) {
				text.append((i == 0) ? "::" : ":");
				i += bestLength - 1;
				if (i == count - 1) {
					break;
				}
				continue;
			}
			text.append(groups[i]);
			if (i < count - 1) {
				text.append(':');
			}
		}
		return text.toString();
	}

	/** Keeps what it is handed, as bytes. */
	private static class Recorder implements InetAddresses.Sink {

		private long high;

		private long low;

		private boolean ipv4;

		@Override
		public boolean ipv4(int address) {
			this.ipv4 = true;
			this.low = address & 0xffffffffL;
			return true;
		}

		@Override
		public boolean ipv6(long high, long low) {
			this.high = high;
			this.low = low;
			return true;
		}

		byte[] bytes() {
			byte[] bytes = new byte[this.ipv4 ? 4 : 16];
			for (int i = 0; i < bytes.length; i++) {
				int fromEnd = bytes.length - 1 - i;
				bytes[i] = (byte) ((fromEnd < 8) ? this.low >>> (8 * fromEnd) : this.high >>> (8 * (fromEnd - 8)));
			}
			return bytes;
		}

	}

	@Test
	void saysWhetherATextLooksLikeAnAddress() {
		assertThatIllegalArgumentException().isThrownBy(() -> InetAddresses.parseLiteral("1::2::3"))
			.withMessage("it is not a valid IP address");
		assertThatIllegalArgumentException().isThrownBy(() -> InetAddresses.parseLiteral("example.com"))
			.withMessage("it is not an IP address");
	}

	@Test
	void neverTreatsATextAsAName() {
		for (String text : new String[] { ".::", ".1::", "..::1", "a.b", "localhost", "10.1", "1:2", "::g" }) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> InetAddresses.parseLiteral(text));
		}
		assertThat(HostPatterns.parse(List.of("::1"), "p").matches(".::")).isFalse();
	}

	/** The 16 bytes of an IPv6 address given as its eight groups. */
	private static byte[] groups(int... groups) {
		byte[] address = new byte[16];
		for (int i = 0; i < 8; i++) {
			address[2 * i] = (byte) (groups[i] >>> 8);
			address[2 * i + 1] = (byte) groups[i];
		}
		return address;
	}

}
