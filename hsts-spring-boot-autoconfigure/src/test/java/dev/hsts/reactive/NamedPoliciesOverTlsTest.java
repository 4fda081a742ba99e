package dev.hsts.reactive;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hsts.core.PolicyUsage;
import dev.hsts.test.Headers;
import dev.hsts.test.RunningReactiveApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.hsts.reactive.ReactivePoliciesApplication.DEFAULT_CSP;
import static dev.hsts.reactive.ReactivePoliciesApplication.EMBEDDABLE_CSP;
import static dev.hsts.reactive.ReactivePoliciesApplication.PUBLIC_CACHE_CONTROL;
import static dev.hsts.reactive.ReactivePoliciesApplication.USE_POLICY;
import static dev.hsts.test.Headers.CONTENT_TYPE_OPTIONS;
import static dev.hsts.test.Headers.CSP;
import static dev.hsts.test.Headers.FRAME_OPTIONS;
import static dev.hsts.test.Headers.HSTS;
import static dev.hsts.test.Headers.PERMISSIONS_POLICY;
import static dev.hsts.test.Headers.REFERRER_POLICY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named policies on WebFlux, over real TLS on Reactor Netty with a real client: each way
 * a handler gets a policy (path, class annotation, method annotation, inline override,
 * functional route attribute on a plain and on a filtered, nested router, the per-request
 * hook), error responses keeping the policy of the handler the request was mapped to
 * (Boot's error handler, JSON and HTML, and an {@code @ExceptionHandler}), unset keys
 * inherited from the top-level settings, the precedence hook > method > class > path >
 * defaults, the application's own values winning, and the CSP nonce of a policy that uses
 * one. See {@link ReactivePoliciesApplication} for the policies.
 */
class NamedPoliciesOverTlsTest {

	private static final Pattern NONCE = Pattern.compile("'nonce-([^']+)'");

	static RunningReactiveApp app;

	@BeforeAll
	static void start() {
		app = RunningReactiveApp.https(new Class<?>[] { ReactivePoliciesApplication.class },
				ReactivePoliciesApplication.PROPERTIES.toArray(new String[0]));
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static HttpResponse<String> get(String path, String... headers) {
		return app.https().get("app.example.test", path, headers);
	}

	/** The defaults, as a response without a policy of its own gets them. */
	private static void assertDefaults(HttpResponse<String> response) {
		Headers.assertExactlyOne(response, HSTS, "max-age=300");
		Headers.assertExactlyOne(response, CONTENT_TYPE_OPTIONS, "nosniff");
		Headers.assertExactlyOne(response, FRAME_OPTIONS, "DENY");
		Headers.assertExactlyOne(response, REFERRER_POLICY, "no-referrer");
		Headers.assertExactlyOne(response, PERMISSIONS_POLICY, "geolocation=(), microphone=(), camera=()");
		Headers.assertExactlyOne(response, CSP, DEFAULT_CSP);
		Headers.assertCacheControl(response, "no-store");
	}

	/** The embeddable policy: its frame options and CSP, the rest inherited. */
	private static void assertEmbeddable(HttpResponse<String> response) {
		Headers.assertExactlyOne(response, FRAME_OPTIONS, "SAMEORIGIN");
		Headers.assertExactlyOne(response, CSP, EMBEDDABLE_CSP);
		Headers.assertExactlyOne(response, HSTS, "max-age=300");
		Headers.assertExactlyOne(response, CONTENT_TYPE_OPTIONS, "nosniff");
		Headers.assertExactlyOne(response, REFERRER_POLICY, "no-referrer");
		Headers.assertExactlyOne(response, PERMISSIONS_POLICY, "geolocation=(), microphone=(), camera=()");
		Headers.assertCacheControl(response, "no-store");
	}

	/**
	 * The payment policy: its CSP with a fresh nonce and its Referrer-Policy, the rest
	 * inherited.
	 * @return the nonce
	 */
	private static String assertPayment(HttpResponse<String> response) {
		Headers.assertExactlyOne(response, REFERRER_POLICY, "same-origin");
		Headers.assertExactlyOne(response, FRAME_OPTIONS, "DENY");
		Headers.assertExactlyOne(response, HSTS, "max-age=300");
		Headers.assertExactlyOne(response, CONTENT_TYPE_OPTIONS, "nosniff");
		Headers.assertCacheControl(response, "no-store");
		assertThat(response.headers().allValues(CSP)).hasSize(1);
		String csp = response.headers().firstValue(CSP).orElseThrow();
		Matcher nonce = NONCE.matcher(csp);
		assertThat(nonce.find()).as(csp).isTrue();
		assertThat(csp).isEqualTo("default-src 'none'; script-src 'nonce-" + nonce.group(1) + "'");
		return nonce.group(1);
	}

	/** The public-page policy: cacheable, no X-Frame-Options, no HSTS. */
	private static void assertPublicPage(HttpResponse<String> response) {
		Headers.assertNone(response, FRAME_OPTIONS);
		Headers.assertNone(response, HSTS);
		Headers.assertCacheControl(response, PUBLIC_CACHE_CONTROL);
		Headers.assertExactlyOne(response, CONTENT_TYPE_OPTIONS, "nosniff");
		Headers.assertExactlyOne(response, REFERRER_POLICY, "no-referrer");
		Headers.assertExactlyOne(response, CSP, DEFAULT_CSP);
	}

	/** The download policy: no nosniff, the rest inherited. */
	private static void assertDownload(HttpResponse<String> response) {
		Headers.assertNone(response, CONTENT_TYPE_OPTIONS);
		Headers.assertExactlyOne(response, FRAME_OPTIONS, "DENY");
		Headers.assertExactlyOne(response, CSP, DEFAULT_CSP);
		Headers.assertExactlyOne(response, HSTS, "max-age=300");
		Headers.assertCacheControl(response, "no-store");
	}

	@Test
	void aHandlerWithoutPolicyGetsTheDefaults() {
		HttpResponse<String> response = get("/plain");
		assertThat(response.statusCode()).isEqualTo(200);
		assertDefaults(response);
		assertDefaults(get("/fn/plain"));
	}

	@Test
	void aPathPolicyAppliesOnItsPathsAndInheritsTheUnsetKeys() {
		assertEmbeddable(get("/embed/plain"));
		assertDownload(get("/files/report"));
		// Also where no handler answers.
		HttpResponse<String> missing = get("/embed/missing");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertEmbeddable(missing);
	}

	@Test
	void aClassAnnotationAppliesToTheControllersHandlers() {
		HttpResponse<String> response = get("/pay/checkout");
		assertThat(response.statusCode()).isEqualTo(200);
		assertPayment(response);
	}

	@Test
	void aMethodAnnotationWinsOverTheClassAnnotation() {
		assertEmbeddable(get("/pay/widget"));
	}

	@Test
	void aMethodAnnotationWinsOverAPathPolicy() {
		assertPublicPage(get("/embed/method"));
	}

	@Test
	void aClassAnnotationWinsOverAPathPolicy() {
		assertDownload(get("/embed/classy"));
	}

	@Test
	void anInlineOverrideNeedsNoNamedPolicy() {
		HttpResponse<String> response = get("/inline");
		Headers.assertExactlyOne(response, FRAME_OPTIONS, "SAMEORIGIN");
		Headers.assertExactlyOne(response, CSP, DEFAULT_CSP);
		Headers.assertExactlyOne(response, REFERRER_POLICY, "no-referrer");
		Headers.assertExactlyOne(response, HSTS, "max-age=300");
	}

	@Test
	void anInlineOverrideReplacesOneKeyOfTheNamedPolicy() {
		HttpResponse<String> response = get("/named-inline");
		Headers.assertExactlyOne(response, FRAME_OPTIONS, "SAMEORIGIN");
		Headers.assertExactlyOne(response, CSP, "frame-ancestors https://other.example");
		Headers.assertExactlyOne(response, REFERRER_POLICY, "no-referrer");
	}

	@Test
	void theNonceOfThePolicyIsTheExchangeAttributeTheHandlerSees() {
		HttpResponse<String> first = get("/pay/checkout");
		String nonce = assertPayment(first);
		assertThat(first.body()).isEqualTo(nonce);
		HttpResponse<String> second = get("/pay/checkout");
		assertThat(assertPayment(second)).isEqualTo(second.body()).isNotEqualTo(nonce);
		HttpResponse<String> route = get("/fn/nonce");
		assertThat(assertPayment(route)).isEqualTo(route.body());
	}

	@Test
	void aFunctionalRoutesAttributeChoosesItsPolicy() {
		HttpResponse<String> response = get("/fn/embed");
		assertThat(response.body()).isEqualTo("fn embed");
		assertEmbeddable(response);
	}

	@Test
	void routesOfAFilteredRouterAndOfANestGetTheirPolicies() {
		// The nest's attribute, inherited by its routes.
		assertEmbeddable(get("/fnf/widget"));
		assertEmbeddable(get("/fnf/shared"));
		// A route in the nest naming its own.
		assertDownload(get("/fnf/download"));
		// The same handler function as /fnf/shared, another policy.
		HttpResponse<String> shared = get("/fns/public");
		assertThat(shared.body()).isEqualTo("shared");
		assertPublicPage(shared);
	}

	@Test
	void theHookSetsAndOmitsHeaders() {
		HttpResponse<String> set = get("/hook/set");
		Headers.assertExactlyOne(set, REFERRER_POLICY, "origin");
		Headers.assertExactlyOne(set, FRAME_OPTIONS, "DENY");
		HttpResponse<String> omit = get("/hook/omit");
		Headers.assertNone(omit, FRAME_OPTIONS);
		Headers.assertExactlyOne(omit, REFERRER_POLICY, "no-referrer");
	}

	@Test
	void theHookIsToldTheRequestTheHandlerAndThePolicyChosenSoFar() {
		HttpResponse<String> response = get("/hook/echo");
		Headers.assertExactlyOne(response, PERMISSIONS_POLICY,
				"camera=(), x-policy=(\"public-page\"), x-handler=(\"true\"), x-secure=(\"true\")");
		assertThat(response.headers().allValues(FRAME_OPTIONS)).isEmpty();
	}

	@Test
	void theHookWinsOverEveryOtherChoice() {
		// Over a method annotation, a class annotation, a path policy, a route attribute.
		assertPublicPage(get("/pay/widget", USE_POLICY, "public-page"));
		assertPublicPage(get("/pay/checkout", USE_POLICY, "public-page"));
		assertPublicPage(get("/embed/plain", USE_POLICY, "public-page"));
		assertPublicPage(get("/fn/embed", USE_POLICY, "public-page"));
		assertEmbeddable(get("/plain", USE_POLICY, "embeddable"));
	}

	@Test
	void aPolicysCacheControlGoesOnTheResponseButNotOnA304() {
		HttpResponse<String> full = get("/public/etag");
		assertThat(full.statusCode()).isEqualTo(200);
		assertPublicPage(full);
		HttpResponse<String> notModified = get("/public/etag", "If-None-Match", "\"p1\"");
		assertThat(notModified.statusCode()).isEqualTo(304);
		Headers.assertCacheControl(notModified, null);
		Headers.assertNone(notModified, FRAME_OPTIONS);
	}

	@Test
	void theHandlersFoundAtStartupAreListedWithTheirPolicies() {
		PolicyUsage usage = app.context().getBean(PolicyUsage.class);
		String payment = ReactivePoliciesApplication.Payment.class.getName();
		assertThat(usage.handlers().get("payment")).contains(payment + "#checkout", payment + "#fail",
				"route (GET && /fn/fail)", "route (GET && /fn/nonce)");
		assertThat(usage.handlers().get("embeddable")).contains(payment + "#widget", "route (GET && /fn/embed)",
				"route /fnf (GET && /widget)");
		assertThat(usage.handlers().get(PolicyUsage.INLINE))
			.containsExactly(ReactivePoliciesApplication.Plain.class.getName() + "#inline");
		assertThat(usage.paths()).containsEntry("embeddable", List.of("/embed/**")).containsEntry("payment", List.of());
		// The endpoint's preview of a path: the annotated handler mapped to it, else the
		// path's policy.
		PolicyUsage.Preview method = usage.preview("/embed/method");
		assertThat(method.policy().name()).isEqualTo("public-page");
		assertThat(method.handler()).endsWith("#embedMethod");
		PolicyUsage.Preview path = usage.preview("/embed/elsewhere");
		assertThat(path.policy().name()).isEqualTo("embeddable");
		assertThat(path.handler()).isNull();
		assertThat(usage.preview("/plain").policy().name()).isEqualTo("default");
	}

	@Test
	void aHookThatFailsLeavesThePolicyChosenWithoutHooks() {
		// use() of a policy that is not configured throws; the response still goes out.
		HttpResponse<String> response = get("/pay/checkout", USE_POLICY, "no-such-policy");
		assertThat(response.statusCode()).isEqualTo(200);
		assertPayment(response);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/pay/fail", "/pay/error-signal" })
	void anErrorAnsweredByBootsErrorHandlerKeepsTheHandlersPolicy(String path) {
		HttpResponse<String> json = get(path);
		assertThat(json.statusCode()).isEqualTo(500);
		assertThat(json.body()).contains("\"status\":500");
		assertPayment(json);
		HttpResponse<String> html = get(path, "Accept", "text/html");
		assertThat(html.statusCode()).isEqualTo(500);
		assertPayment(html);
	}

	@Test
	void anErrorAnsweredByAnExceptionHandlerKeepsTheHandlersPolicy() {
		HttpResponse<String> response = get("/pay/handled");
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body()).isEqualTo("handled by @ExceptionHandler");
		assertPayment(response);
	}

	@Test
	void anErrorOfAFunctionalRouteKeepsTheRoutesPolicy() {
		HttpResponse<String> response = get("/fn/fail");
		assertThat(response.statusCode()).isEqualTo(500);
		assertPayment(response);
	}

	@Test
	void theApplicationsOwnValueWinsOverThePolicy() {
		// The policy sends no X-Frame-Options; the handler's own goes out, once.
		HttpResponse<String> frame = get("/own-frame");
		Headers.assertExactlyOne(frame, FRAME_OPTIONS, "SAMEORIGIN");
		Headers.assertCacheControl(frame, PUBLIC_CACHE_CONTROL);
		// The policy's Referrer-Policy is same-origin; the handler's wins.
		HttpResponse<String> referrer = get("/pay/own-referrer");
		Headers.assertExactlyOne(referrer, REFERRER_POLICY, "origin");
		Headers.assertExactlyOne(referrer, FRAME_OPTIONS, "DENY");
	}

}
