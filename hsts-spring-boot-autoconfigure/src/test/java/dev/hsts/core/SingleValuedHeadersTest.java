package dev.hsts.core;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers whose second value the starter's response turns into a replacement: exactly
 * the fourteen it manages, in any case, and no other header, including those of the same
 * length.
 */
class SingleValuedHeadersTest {

	static final List<String> SINGLE_VALUED = List.of("Strict-Transport-Security", "X-Content-Type-Options",
			"X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Content-Security-Policy",
			"Content-Security-Policy-Report-Only", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy",
			"Cross-Origin-Embedder-Policy", "X-Permitted-Cross-Domain-Policies", "Origin-Agent-Cluster",
			"X-DNS-Prefetch-Control", "X-XSS-Protection");

	@Test
	void theManagedHeadersInAnyCase() {
		for (String name : SINGLE_VALUED) {
			assertThat(SingleValuedHeaders.contains(name)).as(name).isTrue();
			assertThat(SingleValuedHeaders.contains(name.toLowerCase(Locale.ROOT))).as(name).isTrue();
			assertThat(SingleValuedHeaders.contains(name.toUpperCase(Locale.ROOT))).as(name).isTrue();
		}
	}

	@Test
	void noOtherHeader() {
		for (String name : List.of("Content-Type", "Content-Length", "Vary", "Location", "Cache-Control", "Set-Cookie",
				"Clear-Site-Data", "X-XSS-Protectio", "Accept-Encoding", "X-Frame-Option", "X-Frame-Optionss",
				"Referrer-Policz", "Strict-Transport-Securit", "Content-Security-Policy-Report-Onl",
				"Content-Security-Policy-Report-Only-", "",
				"A-Very-Long-Header-Name-That-Is-Longer-Than-Any-Managed-One")) {
			assertThat(SingleValuedHeaders.contains(name)).as(name).isFalse();
		}
		assertThat(SingleValuedHeaders.contains(null)).isFalse();
	}

}
