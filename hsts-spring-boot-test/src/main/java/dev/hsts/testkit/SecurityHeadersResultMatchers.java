package dev.hsts.testkit;

import java.time.Duration;
import java.util.function.Consumer;

import org.springframework.test.web.servlet.ResultMatcher;

/**
 * MockMvc {@link ResultMatcher}s on the security headers, for
 * {@code mockMvc.perform(get("/").secure(true)).andExpect(...)}: the same checks and
 * messages as {@link SecurityHeadersAssertions}. The application's policy is the one
 * MockMvc runs.
 */
public final class SecurityHeadersResultMatchers {

	private SecurityHeadersResultMatchers() {
	}

	/**
	 * Any assertions of {@link SecurityHeadersAssert}.
	 * @param assertions the assertions, e.g.
	 * {@code (headers) -> headers.hsts().isStage(2)}
	 * @return the matcher
	 */
	public static ResultMatcher securityHeaders(Consumer<SecurityHeadersAssert> assertions) {
		return (result) -> assertions.accept(SecurityHeadersAssertions.assertThat(result));
	}

	/**
	 * Every browser records the {@code Strict-Transport-Security} policy.
	 * @return the matcher
	 */
	public static ResultMatcher hstsEffective() {
		return securityHeaders((headers) -> headers.hsts().isEffective());
	}

	/**
	 * Every browser keeps at least this max-age.
	 * @param maxAge the least max-age
	 * @return the matcher
	 */
	public static ResultMatcher hstsMaxAgeAtLeast(Duration maxAge) {
		return securityHeaders((headers) -> headers.hsts().hasMaxAgeAtLeast(maxAge));
	}

	/**
	 * The header is what stage {@code n} of the application's rollout plan sends.
	 * @param stage the stage, counted from 1
	 * @return the matcher
	 */
	public static ResultMatcher hstsStage(int stage) {
		return securityHeaders((headers) -> headers.hsts().isStage(stage));
	}

	/**
	 * Browsers ignore the {@code Strict-Transport-Security} header (or there is none).
	 * @return the matcher
	 */
	public static ResultMatcher hstsIgnored() {
		return securityHeaders((headers) -> headers.hsts().isIgnored());
	}

	/**
	 * A nonce governs this kind of request.
	 * @param directive the directive, e.g. {@code script-src}
	 * @return the matcher
	 */
	public static ResultMatcher cspUsesNonce(String directive) {
		return securityHeaders((headers) -> headers.csp().directive(directive).usesNonce());
	}

	/**
	 * A browser runs no inline code of this kind.
	 * @param directive the directive, e.g. {@code script-src}
	 * @return the matcher
	 */
	public static ResultMatcher cspDoesNotAllowUnsafeInline(String directive) {
		return securityHeaders((headers) -> headers.csp().doesNotAllowUnsafeInline(directive));
	}

	/**
	 * No security header appears twice.
	 * @return the matcher
	 */
	public static ResultMatcher noDuplicateSecurityHeaders() {
		return securityHeaders(SecurityHeadersAssert::hasNoDuplicateSecurityHeaders);
	}

	/**
	 * The security headers are those the application's policy gives this host.
	 * @param host the host
	 * @return the matcher
	 */
	public static ResultMatcher securityHeadersFor(String host) {
		return securityHeaders((headers) -> headers.hasSecurityHeadersFor(host));
	}

}
