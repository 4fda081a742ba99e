package dev.hsts.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Literals only: a text InetAddress would take for a name (and resolve) is refused up front. */
class InetAddressesTest {

	@Test
	void parsesLiterals() {
		assertThat(InetAddresses.parseLiteral("10.1.2.3").getHostAddress()).isEqualTo("10.1.2.3");
		assertThat(InetAddresses.parseLiteral("::1").isLoopbackAddress()).isTrue();
		assertThat(InetAddresses.parseLiteral("::ffff:10.1.2.3").getHostAddress()).isEqualTo("10.1.2.3");
	}

	@Test
	void neverTreatsATextAsAName() {
		for (String text : new String[] { ".::", ".1::", "..::1", "a.b", "localhost", "10.1", "1:2", "::g" }) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> InetAddresses.parseLiteral(text));
		}
		assertThat(HostPatterns.parse(java.util.List.of("::1"), "p").matches(".::")).isFalse();
	}

}
