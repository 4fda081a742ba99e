package dev.hsts.servlet;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hsts.test.Headers;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named policies over real TLS to embedded Tomcat: chosen by path (with an order), by the
 * class and method annotations, by a functional route's attribute and by a per-request
 * hook, in that precedence (hook &gt; method &gt; class &gt; path &gt; defaults); unset
 * keys inherited from the defaults; error pages keeping the policy of the handler that
 * failed; the nonce of an annotated handler's policy in its page; the application's own
 * headers winning; and the CSP path policies working as before.
 */
class NamedPoliciesOverTlsTest {

	static final String DEFAULT_CSP = "default-src 'self'";

	static final String EMBED_CSP = "frame-ancestors https://partner.example; script-src 'nonce-{nonce}'";

	static final String STRICT_CSP = "default-src 'none'";

	static final String DOCS_CSP = "default-src 'self' https://docs.example";

	static final String HOST = "api.example.test";

	static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.https(new Class<?>[] { PoliciesApplication.class },
				"logging.level.org.apache.catalina.core=OFF",
				"management.endpoints.web.exposure.include=securityheaders",
				"security.headers.trusted-hosts.allowed=" + HOST + ",localhost",
				"security.headers.content-security-policy.policy=" + DEFAULT_CSP,
				"security.headers.content-security-policy.path-policies[0].paths=/docs/**",
				"security.headers.content-security-policy.path-policies[0].policy=" + DOCS_CSP,
				"security.headers.policies.embeddable.frame-options=disabled",
				"security.headers.policies.embeddable.content-security-policy.policy=" + EMBED_CSP,
				"security.headers.policies.embeddable.cache-control.value=public, max-age=60",
				"security.headers.policies.strict.referrer-policy=same-origin",
				"security.headers.policies.strict.content-security-policy.policy=" + STRICT_CSP,
				"security.headers.policies.strict.hsts.enabled=false",
				"security.headers.policies.pathy.paths=/paths/**", "security.headers.policies.pathy.order=2",
				"security.headers.policies.pathy.permissions-policy=camera=(self)",
				"security.headers.policies.inner.paths=/paths/inner/**", "security.headers.policies.inner.order=1",
				"security.headers.policies.inner.permissions-policy=camera=()",
				"security.headers.policies.inner.cross-origin-resource-policy=same-origin",
				"security.headers.policies.inner.cross-origin-embedder-policy=require-corp",
				"security.headers.policies.inner.permitted-cross-domain-policies=disabled",
				"security.headers.policies.inner.dns-prefetch-control=off",
				"security.headers.policies.inner.origin-agent-cluster=?1",
				"security.headers.policies.inner.xss-protection=disabled");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void withoutAnyPolicyARequestGetsTheDefaults() {
		HttpResponse<String> response = get("/plain");
		assertDefaults(response);
		Headers.assertExactlyOne(response, Headers.CSP, DEFAULT_CSP);
	}

	@Test
	void aPathPolicyAppliesOnItsPathsAndInheritsTheRest() {
		HttpResponse<String> response = get("/paths/x");
		Headers.assertExactlyOne(response, Headers.PERMISSIONS_POLICY, "camera=(self)");
		Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
		Headers.assertExactlyOne(response, Headers.CSP, DEFAULT_CSP);
		Headers.assertExactlyOne(response, Headers.CONTENT_TYPE_OPTIONS, "nosniff");
		Headers.assertExactlyOne(response, Headers.HSTS, "max-age=300");
		Headers.assertCacheControl(response, "no-store");
		Headers.assertExactlyOne(response, Headers.PERMITTED_CROSS_DOMAIN_POLICIES, "none");
		Headers.assertExactlyOne(response, Headers.XSS_PROTECTION, "0");
		Headers.assertNone(response, Headers.COEP);
	}

	@Test
	void theLowerOrderWinsWhereTwoPathPoliciesMatch() {
		HttpResponse<String> response = get("/paths/inner/x");
		Headers.assertExactlyOne(response, Headers.PERMISSIONS_POLICY, "camera=()");
		Headers.assertExactlyOne(response, Headers.CORP, "same-origin");
		// The headers added in issue 23 are a policy's to decide too: switched on where
		// the defaults send none, off where the defaults send one.
		Headers.assertExactlyOne(response, Headers.COEP, "require-corp");
		Headers.assertExactlyOne(response, Headers.DNS_PREFETCH_CONTROL, "off");
		Headers.assertExactlyOne(response, Headers.ORIGIN_AGENT_CLUSTER, "?1");
		Headers.assertNone(response, Headers.PERMITTED_CROSS_DOMAIN_POLICIES);
		Headers.assertNone(response, Headers.XSS_PROTECTION);
	}

	@Test
	void theHandlersPolicyAppliesWhereAnInterceptorOfTheApplicationAnswersFirst() {
		// The starter's interceptor runs before the application's (first of all): the
		// handler is known, so the response the application's interceptor makes gets the
		// handler's policy, not the defaults.
		HttpResponse<String> response = get("/embed/class", "X-Stop", "yes");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("stopped");
		assertEmbeddable(response);
		Headers.assertCacheControl(response, "public, max-age=60");
	}

	@Test
	void theClassAnnotationAppliesToItsHandlersAndUnsetKeysAreInherited() {
		HttpResponse<String> response = get("/embed/class");
		assertEmbeddable(response);
		Headers.assertExactlyOne(response, Headers.CONTENT_TYPE_OPTIONS, "nosniff");
		Headers.assertExactlyOne(response, Headers.REFERRER_POLICY, "no-referrer");
		Headers.assertExactlyOne(response, Headers.PERMISSIONS_POLICY, "geolocation=(), microphone=(), camera=()");
		Headers.assertExactlyOne(response, Headers.HSTS, "max-age=300");
		Headers.assertCacheControl(response, "public, max-age=60");
	}

	@Test
	void theMethodAnnotationWinsOverTheClassOne() {
		HttpResponse<String> response = get("/embed/method");
		assertStrict(response);
	}

	@Test
	void theMethodAnnotationWinsOverThePathPolicy() {
		HttpResponse<String> response = get("/paths/annotated");
		assertStrict(response);
		Headers.assertExactlyOne(response, Headers.PERMISSIONS_POLICY, "geolocation=(), microphone=(), camera=()");
	}

	@Test
	void inlineValuesApplyOverTheClassPolicy() {
		HttpResponse<String> response = get("/embed/inline");
		Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "SAMEORIGIN");
		assertThat(csp(response)).matches(EMBED_CSP.replace("{nonce}", "[A-Za-z0-9_-]{22}"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/fn/widget", "/fn/widget?x=1" })
	void aFunctionalRoutesAttributeChoosesItsPolicy(String path) {
		assertEmbeddable(get(path));
		assertDefaults(get("/fn/plain"));
	}

	@Test
	void aFilteredFunctionalRouteKeepsItsPolicy() {
		assertStrict(get("/fn/filtered"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/plain", "/embed/method", "/paths/inner/x", "/fn/filtered", "/missing" })
	void theHookWinsOverEverything(String path) {
		HttpResponse<String> response = get(path, "X-Tenant", "partner");
		Headers.assertNone(response, Headers.FRAME_OPTIONS);
		assertThat(csp(response)).matches(EMBED_CSP.replace("{nonce}", "[A-Za-z0-9_-]{22}"));
		Headers.assertExactlyOne(response, Headers.REFERRER_POLICY, "same-origin");
		Headers.assertExactlyOne(response, Headers.HSTS, "max-age=300");
	}

	@Test
	void theHookIsToldTheRequestAndThePolicyChosenSoFar() {
		Headers.assertExactlyOne(get("/embed/method", "X-Tenant", "echo"), Headers.PERMISSIONS_POLICY,
				"camera=(\"https://strict.get.true.example\")");
		Headers.assertExactlyOne(get("/paths/x", "X-Tenant", "echo"), Headers.PERMISSIONS_POLICY,
				"camera=(\"https://pathy.get.true.example\")");
		Headers.assertExactlyOne(get("/fn/widget", "X-Tenant", "echo"), Headers.PERMISSIONS_POLICY,
				"camera=(\"https://embeddable.get.true.example\")");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/embed/fail", "/embed/send-error" })
	void theErrorPageKeepsThePolicyOfTheHandlerThatFailed(String path) {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).isIn(500, 503);
		assertEmbeddable(response);
		Headers.assertExactlyOne(response, Headers.REFERRER_POLICY, "no-referrer");
	}

	@Test
	void theNonceOfAnAnnotatedHandlersPolicyReachesItsPage() {
		HttpResponse<String> response = get("/embed/page");
		assertThat(response.statusCode()).isEqualTo(200);
		String nonce = ContentSecurityPolicyOverTlsTest.nonce(Http.values(response, Headers.CSP));
		Headers.assertExactlyOne(response, Headers.CSP, EMBED_CSP.replace("{nonce}", nonce));
		assertThat(response.body()).contains("<script nonce=\"" + nonce + "\">");
	}

	@Test
	void theApplicationsOwnHeadersWinOverItsHandlersPolicy() {
		HttpResponse<String> response = get("/paths/own-frame-options");
		Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "SAMEORIGIN");
		Headers.assertExactlyOne(response, Headers.CSP, "default-src 'self' own.example");
		Headers.assertExactlyOne(response, Headers.REFERRER_POLICY, "same-origin");
		Headers.assertNone(response, Headers.HSTS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/docs/x", "/docs/missing" })
	void theCspPathPoliciesWorkAsBefore(String path) {
		HttpResponse<String> response = get(path);
		Headers.assertExactlyOne(response, Headers.CSP, DOCS_CSP);
		Headers.assertNone(response, Headers.CSP_REPORT_ONLY);
		Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
		Headers.assertExactlyOne(response, Headers.HSTS, "max-age=300");
	}

	static HttpResponse<String> get(String path, String... headers) {
		return app.https().get(HOST, path, headers);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theEndpointListsEachPolicyWithWhereItAppliesAndWhatItSends() {
		Map<String, Object> report = JsonParserFactory.getJsonParser()
			.parseMap(app.https().get("localhost", "/actuator/securityheaders").body());
		List<Map<String, Object>> policies = (List<Map<String, Object>>) report.get("namedPolicies");
		Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
		for (Map<String, Object> policy : policies) {
			byName.put((String) policy.get("name"), policy);
		}
		assertThat(byName).containsOnlyKeys("embeddable", "strict", "pathy", "inner");
		Map<String, Object> inner = byName.get("inner");
		assertThat(inner).containsEntry("paths", List.of("/paths/inner/**")).containsEntry("order", 1);
		assertThat((Map<String, Object>) inner.get("headers"))
			.containsEntry("Cross-Origin-Embedder-Policy", "require-corp")
			.containsEntry("Permissions-Policy", "camera=()")
			.containsEntry("X-Frame-Options", "DENY");
		assertThat((List<String>) inner.get("omits")).contains("X-Permitted-Cross-Domain-Policies", "X-XSS-Protection");
		Map<String, Object> strict = byName.get("strict");
		assertThat(strict).containsEntry("paths", List.of()).containsEntry("hsts", false);
		assertThat((List<String>) strict.get("handlers"))
			.anySatisfy((handler) -> assertThat(handler).endsWith("PoliciesApplication$EmbedController#byMethod"));
		// A handler with inline values over its class's policy is listed under that
		// policy; so is a functional route.
		assertThat((List<String>) byName.get("embeddable").get("handlers")).contains(
				"dev.hsts.servlet.PoliciesApplication$EmbedController#byClass",
				"dev.hsts.servlet.PoliciesApplication$EmbedController#inline", "route (GET && /fn/widget)");
		assertThat((List<String>) byName.get("embeddable").get("omits")).containsExactly("X-Frame-Options");
		assertThat(byName.get("embeddable")).containsEntry("cacheControl", "public, max-age=60");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theHostPreviewOfAPathShowsItsPathPolicyAsARealRequestGetsIt() {
		Map<String, Object> preview = JsonParserFactory.getJsonParser()
			.parseMap(
					app.https().get("localhost", "/actuator/securityheaders/" + HOST + "?path=/paths/inner/x").body());
		assertThat(preview).containsEntry("policy", "inner").containsEntry("status", 200);
		Map<String, Object> headers = (Map<String, Object>) preview.get("headers");
		HttpResponse<String> real = get("/paths/inner/x");
		for (String name : List.of(Headers.COEP, Headers.PERMISSIONS_POLICY, Headers.CORP, Headers.FRAME_OPTIONS,
				Headers.DNS_PREFETCH_CONTROL, Headers.ORIGIN_AGENT_CLUSTER, Headers.HSTS, Headers.CSP)) {
			assertThat(headers).as(name).containsEntry(name, Http.values(real, name).get(0));
		}
		assertThat(headers).doesNotContainKeys(Headers.PERMITTED_CROSS_DOMAIN_POLICIES, Headers.XSS_PROTECTION);
		Headers.assertNone(real, Headers.PERMITTED_CROSS_DOMAIN_POLICIES);

		// An annotated handler's policy, as its mapping's path gets it (before any hook).
		Map<String, Object> embed = JsonParserFactory.getJsonParser()
			.parseMap(app.https().get("localhost", "/actuator/securityheaders/" + HOST + "?path=/embed/class").body());
		assertThat(embed).containsEntry("policy", "embeddable")
			.containsEntry("handler", "dev.hsts.servlet.PoliciesApplication$EmbedController#byClass");
		Map<String, Object> embedHeaders = (Map<String, Object>) embed.get("headers");
		assertThat(embedHeaders).doesNotContainKey(Headers.FRAME_OPTIONS)
			.containsEntry(Headers.CSP, EMBED_CSP)
			.containsEntry(Headers.CACHE_CONTROL, "public, max-age=60");
		HttpResponse<String> realEmbed = get("/embed/class");
		Headers.assertNone(realEmbed, Headers.FRAME_OPTIONS);
		Headers.assertCacheControl(realEmbed, "public, max-age=60");
		// The method's annotation over the path policy, as for a real request.
		Map<String, Object> annotated = JsonParserFactory.getJsonParser()
			.parseMap(app.https()
				.get("localhost", "/actuator/securityheaders/" + HOST + "?path=/paths/annotated")
				.body());
		assertThat(annotated).containsEntry("policy", "strict");
		assertThat((Map<String, Object>) annotated.get("headers")).doesNotContainKey(Headers.HSTS)
			.containsEntry(Headers.CSP, STRICT_CSP);
		assertStrict(get("/paths/annotated"));

		Map<String, Object> plain = JsonParserFactory.getJsonParser()
			.parseMap(app.https().get("localhost", "/actuator/securityheaders/" + HOST + "?path=/plain").body());
		assertThat(plain).containsEntry("policy", "default").containsEntry("handler", null);
		assertThat((Map<String, Object>) plain.get("headers")).containsEntry(Headers.PERMITTED_CROSS_DOMAIN_POLICIES,
				"none");
	}

	static void assertDefaults(HttpResponse<String> response) {
		Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
		Headers.assertExactlyOne(response, Headers.REFERRER_POLICY, "no-referrer");
		Headers.assertExactlyOne(response, Headers.CONTENT_TYPE_OPTIONS, "nosniff");
		Headers.assertExactlyOne(response, Headers.HSTS, "max-age=300");
		Headers.assertCacheControl(response, "no-store");
	}

	static void assertEmbeddable(HttpResponse<String> response) {
		Headers.assertNone(response, Headers.FRAME_OPTIONS);
		String nonce = ContentSecurityPolicyOverTlsTest.nonce(Http.values(response, Headers.CSP));
		Headers.assertExactlyOne(response, Headers.CSP, EMBED_CSP.replace("{nonce}", nonce));
	}

	static void assertStrict(HttpResponse<String> response) {
		Headers.assertExactlyOne(response, Headers.CSP, STRICT_CSP);
		Headers.assertExactlyOne(response, Headers.REFERRER_POLICY, "same-origin");
		Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
		Headers.assertNone(response, Headers.HSTS);
	}

	static String csp(HttpResponse<String> response) {
		List<String> values = Http.values(response, Headers.CSP);
		assertThat(values).hasSize(1);
		return values.get(0);
	}

}
