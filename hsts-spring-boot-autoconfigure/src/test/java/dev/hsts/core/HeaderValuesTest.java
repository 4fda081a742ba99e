package dev.hsts.core;

import java.util.function.BinaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What each header property accepts and refuses, and the values it sends. */
class HeaderValuesTest {

	static Stream<Arguments> accepted() {
		return Stream.of(Arguments.of("content-type-options", null, "nosniff"),
				Arguments.of("content-type-options", " NoSniff ", "nosniff"),
				Arguments.of("content-type-options", "disabled", null), Arguments.of("frame-options", null, "DENY"),
				Arguments.of("frame-options", "sameorigin", "SAMEORIGIN"),
				Arguments.of("frame-options", "Disabled", null), Arguments.of("referrer-policy", null, "no-referrer"),
				Arguments.of("referrer-policy", "no-referrer,strict-origin-when-cross-origin",
						"no-referrer, strict-origin-when-cross-origin"),
				Arguments.of("referrer-policy", "UNSAFE-URL", "unsafe-url"),
				Arguments.of("permissions-policy", null, "geolocation=(), microphone=(), camera=()"),
				Arguments.of("permissions-policy", "camera=(self \"https://a.example\"),fullscreen=*",
						"camera=(self \"https://a.example\"), fullscreen=*"),
				Arguments.of("permissions-policy", "disabled", null),
				Arguments.of("cross-origin-opener-policy", null, null),
				Arguments.of("cross-origin-opener-policy", "same-origin-allow-popups", "same-origin-allow-popups"),
				Arguments.of("cross-origin-resource-policy", "Same-Site", "same-site"),
				Arguments.of("cross-origin-embedder-policy", null, null),
				Arguments.of("cross-origin-embedder-policy", "Require-CORP", "require-corp"),
				Arguments.of("cross-origin-embedder-policy", "credentialless", "credentialless"),
				Arguments.of("permitted-cross-domain-policies", null, "none"),
				Arguments.of("permitted-cross-domain-policies", " Master-Only ", "master-only"),
				Arguments.of("permitted-cross-domain-policies", "none-this-response", "none-this-response"),
				Arguments.of("permitted-cross-domain-policies", "DISABLED", null),
				Arguments.of("origin-agent-cluster", null, null), Arguments.of("origin-agent-cluster", "?1", "?1"),
				Arguments.of("origin-agent-cluster", "?0", "?0"), Arguments.of("dns-prefetch-control", null, null),
				Arguments.of("dns-prefetch-control", "OFF", "off"), Arguments.of("dns-prefetch-control", "on", "on"),
				Arguments.of("xss-protection", null, "0"), Arguments.of("xss-protection", " 0 ", "0"),
				Arguments.of("xss-protection", "disabled", null), Arguments.of("cache-control.value", null, "no-store"),
				Arguments.of("cache-control.value", "private,max-age=0 ,  no-cache=\"Set-Cookie\"",
						"private, max-age=0, no-cache=\"Set-Cookie\""));
	}

	@ParameterizedTest(name = "{0}={1} -> {2}")
	@MethodSource("accepted")
	void acceptedValuesAreNormalized(String property, String value, String expected) {
		assertThat(validator(property).apply("security.headers." + property, value)).isEqualTo(expected);
	}

	static Stream<Arguments> refused() {
		return Stream.of(Arguments.of("content-type-options", "sniff", "one value, nosniff"),
				Arguments.of("content-type-options", "nosniff\r\nSet-Cookie: a=b", "control character"),
				Arguments.of("content-type-options", "", "empty"),
				Arguments.of("frame-options", "ALLOW-FROM https://a.example", "obsolete"),
				Arguments.of("frame-options", "deny\n", "control character"),
				Arguments.of("frame-options", "NONE", "only DENY and SAMEORIGIN"),
				Arguments.of("referrer-policy", "never", "not a Referrer-Policy token"),
				Arguments.of("referrer-policy", "origin,", "empty entry"),
				Arguments.of("referrer-policy", "origin\u00e9", "non-ASCII"),
				Arguments.of("permissions-policy", "geolocation 'none'", "Feature-Policy"),
				Arguments.of("permissions-policy", "camera=(), camera=(self)", "listed twice"),
				Arguments.of("permissions-policy", "camera=(https://a.example)", "not a Permissions-Policy entry"),
				Arguments.of("cross-origin-opener-policy", "same-site", "allows only"),
				Arguments.of("cross-origin-resource-policy", "same-origin\u0000", "control character"),
				Arguments.of("cross-origin-resource-policy", "anyone", "allows only"),
				Arguments.of("cross-origin-embedder-policy", "require-cors", "allows only"),
				Arguments.of("permitted-cross-domain-policies", "any", "allows only"),
				Arguments.of("origin-agent-cluster", "1", "allows only"),
				Arguments.of("origin-agent-cluster", "?1\r\n", "control character"),
				Arguments.of("dns-prefetch-control", "false", "allows only"),
				Arguments.of("xss-protection", "1", "XSS auditor"),
				Arguments.of("xss-protection", "1; mode=block", "XSS auditor"),
				Arguments.of("xss-protection", "1; report=https://r.example", "XSS auditor"),
				Arguments.of("xss-protection", "block", "only as 0"),
				Arguments.of("cache-control.value", "no-store,", "empty directive"),
				Arguments.of("cache-control.value", "max-age=\"60", "not a Cache-Control directive"),
				Arguments.of("cache-control.value", "disabled", "not a Cache-Control directive"),
				Arguments.of("cache-control.value", "no-store\r\n", "control character"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("refused")
	void invalidValuesAreRefusedNamingTheProperty(String property, String value, String reason) {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> validator(property).apply("security.headers." + property, value))
			.satisfies((ex) -> {
				assertThat(ex.getPath()).isEqualTo("security.headers." + property);
				assertThat(ex.getValue()).isEqualTo(value);
				assertThat(ex.getReason()).contains(reason);
				assertThat(ex.getAction()).isNotBlank();
			});
	}

	static BinaryOperator<String> validator(String property) {
		return switch (property) {
			case "content-type-options" -> HeaderValues::contentTypeOptions;
			case "cross-origin-embedder-policy" -> HeaderValues::crossOriginEmbedderPolicy;
			case "permitted-cross-domain-policies" -> HeaderValues::permittedCrossDomainPolicies;
			case "origin-agent-cluster" -> HeaderValues::originAgentCluster;
			case "dns-prefetch-control" -> HeaderValues::dnsPrefetchControl;
			case "xss-protection" -> HeaderValues::xssProtection;
			case "frame-options" -> HeaderValues::frameOptions;
			case "referrer-policy" -> HeaderValues::referrerPolicy;
			case "permissions-policy" -> HeaderValues::permissionsPolicy;
			case "cross-origin-opener-policy" -> HeaderValues::crossOriginOpenerPolicy;
			case "cross-origin-resource-policy" -> HeaderValues::crossOriginResourcePolicy;
			case "cache-control.value" -> HeaderValues::cacheControl;
			default -> throw new IllegalArgumentException(property);
		};
	}

	@Test
	void contentSecurityPolicyIsNormalizedAndRendersTheNonce() {
		ContentSecurityPolicy policy = ContentSecurityPolicy.parse("p",
				" default-src 'self' ;script-src  'self' 'nonce-{nonce}';; style-src 'nonce-{nonce}' ");
		assertThat(policy.value())
			.isEqualTo("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'nonce-{nonce}'");
		assertThat(policy.usesNonce()).isTrue();
		assertThat(policy.render("abc"))
			.isEqualTo("default-src 'self'; script-src 'self' 'nonce-abc'; style-src 'nonce-abc'");
		ContentSecurityPolicy fixed = ContentSecurityPolicy.parse("p", "default-src 'none'");
		assertThat(fixed.usesNonce()).isFalse();
		assertThat(fixed.render(null)).isEqualTo("default-src 'none'");
		assertThat(ContentSecurityPolicy.parse("p", null)).isNull();
		assertThat(ContentSecurityPolicy.parse("p", "DISABLED")).isNull();
	}

	static Stream<Arguments> refusedPolicies() {
		return Stream.of(Arguments.of("default-src 'self', script-src 'self'", "comma"),
				Arguments.of("default-src 'self'\r\nX-Evil: 1", "control character"),
				Arguments.of("default-src 'self'; default-src *", "appears twice"),
				Arguments.of("'self'", "not a directive name"),
				Arguments.of("script-src {nonce}", "only as the source expression"),
				Arguments.of("script-src 'nonce-{nonc}'", "braces"), Arguments.of(" ; ", "no directives"),
				Arguments.of("img-src caf\u00e9.example", "non-ASCII"),
				// Found by HeaderValuesFuzzTest: normalised to "DISABLED", which read
				// back means "no header".
				Arguments.of("DISABLED;", "switches the header off"),
				Arguments.of(" ;disabled ; ", "switches the header off"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedPolicies")
	void invalidContentSecurityPoliciesAreRefused(String value, String reason) {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> ContentSecurityPolicy.parse("security.headers.content-security-policy.policy", value))
			.satisfies((ex) -> {
				assertThat(ex.getPath()).isEqualTo("security.headers.content-security-policy.policy");
				assertThat(ex.getReason()).contains(reason);
			});
	}

}
