package dev.hsts.reactive;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.hsts.autoconfigure.InvalidSecurityHeadersPropertyException;
import dev.hsts.core.HeadersPreview;
import dev.hsts.test.Headers;
import dev.hsts.test.RunningReactiveApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cross-Origin-Embedder-Policy, X-Permitted-Cross-Domain-Policies, Origin-Agent-Cluster,
 * X-DNS-Prefetch-Control and X-XSS-Protection over real TLS to Reactor Netty: the
 * defaults, every value of each, the application's own values, switched off, and the
 * startup refusals.
 */
class MoreHeadersOverTlsTest {

	static final List<String> PATHS = List.of("/ok", "/missing", "/fail", "/status/500", "/redirect");

	static final List<String> COEP = List.of("require-corp", "credentialless", "unsafe-none");

	static final List<String> PERMITTED = List.of("none", "master-only", "by-content-type", "by-ftp-filename", "all",
			"none-this-response");

	static final List<String> ORIGIN_AGENT_CLUSTER = List.of("?1", "?0");

	static final List<String> DNS_PREFETCH = List.of("off", "on");

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class Defaults {

		RunningReactiveApp app;

		@BeforeAll
		void start() {
			this.app = RunningReactiveApp.https(new Class<?>[] { MoreHeadersApplication.class });
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@ParameterizedTest
		@MethodSource("dev.hsts.reactive.MoreHeadersOverTlsTest#paths")
		void permittedCrossDomainPoliciesNoneAndXssProtectionZeroAreSentAndTheOthersAreNot(String path) {
			HttpResponse<String> response = this.app.https().get("api.example.test", path);
			Headers.assertExactlyOne(response, Headers.PERMITTED_CROSS_DOMAIN_POLICIES, "none");
			Headers.assertExactlyOne(response, Headers.XSS_PROTECTION, "0");
			Headers.assertNone(response, Headers.COEP);
			Headers.assertNone(response, Headers.ORIGIN_AGENT_CLUSTER);
			Headers.assertNone(response, Headers.DNS_PREFETCH_CONTROL);
			Headers.assertNone(response, Headers.CLEAR_SITE_DATA);
		}

		@ParameterizedTest(name = "{0}: {1} ({2})")
		@MethodSource("dev.hsts.reactive.MoreHeadersOverTlsTest#applicationValues")
		void theApplicationsOwnValuesWin(String name, String value, String mode) {
			HttpResponse<String> response = this.app.https().get("api.example.test", Headers.own(name, value, mode));
			Headers.assertExactlyOne(response, name, value);
		}

		@Test
		void theHostPreviewShowsThem() {
			Map<String, Object> preview = this.app.context()
				.getBean(HeadersPreview.class)
				.preview("api.example.test")
				.headers();
			assertThat(preview).containsEntry(Headers.PERMITTED_CROSS_DOMAIN_POLICIES, "none")
				.containsEntry(Headers.XSS_PROTECTION, "0")
				.doesNotContainKeys(Headers.COEP, Headers.ORIGIN_AGENT_CLUSTER, Headers.DNS_PREFETCH_CONTROL);
		}

	}

	static Stream<String> paths() {
		return PATHS.stream();
	}

	static Stream<Arguments> applicationValues() {
		return Stream.of("set", "add", "entity")
			.flatMap((mode) -> Stream.of(Arguments.of(Headers.COEP, "credentialless", mode),
					Arguments.of(Headers.PERMITTED_CROSS_DOMAIN_POLICIES, "master-only", mode),
					Arguments.of(Headers.ORIGIN_AGENT_CLUSTER, "?0", mode),
					Arguments.of(Headers.DNS_PREFETCH_CONTROL, "on", mode),
					Arguments.of(Headers.XSS_PROTECTION, "1; mode=block", mode)));
	}

	/**
	 * Round {@code i} sets each header to its {@code i}-th value (cycling through the
	 * shorter lists), so that every value of every header is sent by some round.
	 */
	static Stream<Integer> rounds() {
		return IntStream.range(0, PERMITTED.size()).boxed();
	}

	@ParameterizedTest(name = "round {0}")
	@MethodSource("rounds")
	void everyValueOfEachHeaderIsSent(int round) {
		String coep = COEP.get(round % COEP.size());
		String permitted = PERMITTED.get(round);
		String originAgentCluster = ORIGIN_AGENT_CLUSTER.get(round % ORIGIN_AGENT_CLUSTER.size());
		String dnsPrefetch = DNS_PREFETCH.get(round % DNS_PREFETCH.size());
		try (RunningReactiveApp app = RunningReactiveApp.https(new Class<?>[] { MoreHeadersApplication.class },
				"security.headers.cross-origin-embedder-policy=" + ((round == 0) ? "Require-CORP" : coep),
				"security.headers.permitted-cross-domain-policies=" + permitted,
				"security.headers.origin-agent-cluster=" + originAgentCluster,
				"security.headers.dns-prefetch-control=" + ((round == 1) ? "ON" : dnsPrefetch),
				"security.headers.xss-protection=0")) {
			for (String path : PATHS) {
				HttpResponse<String> response = app.https().get("api.example.test", path);
				Headers.assertExactlyOne(response, Headers.COEP, coep);
				Headers.assertExactlyOne(response, Headers.PERMITTED_CROSS_DOMAIN_POLICIES, permitted);
				Headers.assertExactlyOne(response, Headers.ORIGIN_AGENT_CLUSTER, originAgentCluster);
				Headers.assertExactlyOne(response, Headers.DNS_PREFETCH_CONTROL, dnsPrefetch);
				Headers.assertExactlyOne(response, Headers.XSS_PROTECTION, "0");
			}
			Map<String, Object> preview = app.context()
				.getBean(HeadersPreview.class)
				.preview("api.example.test")
				.headers();
			assertThat(preview).containsEntry(Headers.COEP, coep)
				.containsEntry(Headers.PERMITTED_CROSS_DOMAIN_POLICIES, permitted)
				.containsEntry(Headers.ORIGIN_AGENT_CLUSTER, originAgentCluster)
				.containsEntry(Headers.DNS_PREFETCH_CONTROL, dnsPrefetch);
		}
	}

	@Test
	void theDefaultsAreSwitchedOffWithDisabled() {
		try (RunningReactiveApp app = RunningReactiveApp.https(new Class<?>[] { MoreHeadersApplication.class },
				"security.headers.permitted-cross-domain-policies=disabled",
				"security.headers.xss-protection=disabled")) {
			for (String path : PATHS) {
				HttpResponse<String> response = app.https().get("api.example.test", path);
				Headers.assertNone(response, Headers.PERMITTED_CROSS_DOMAIN_POLICIES);
				Headers.assertNone(response, Headers.XSS_PROTECTION);
				Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
			}
		}
	}

	static Stream<Arguments> invalid() {
		return Stream.of(Arguments.of("security.headers.cross-origin-embedder-policy", "require-cors"),
				Arguments.of("security.headers.permitted-cross-domain-policies", "some"),
				Arguments.of("security.headers.origin-agent-cluster", "true"),
				Arguments.of("security.headers.dns-prefetch-control", "yes"),
				Arguments.of("security.headers.xss-protection", "1; mode=block"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("invalid")
	void invalidValuesStopTheApplicationNamingTheProperty(String property, String value) {
		assertThatThrownBy(() -> RunningReactiveApp.https(new Class<?>[] { MoreHeadersApplication.class },
				"logging.level.org.springframework.boot.diagnostics=OFF", property + "=" + value))
			.hasRootCauseInstanceOf(InvalidSecurityHeadersPropertyException.class)
			.rootCause()
			.hasMessageContaining(property);
	}

}
