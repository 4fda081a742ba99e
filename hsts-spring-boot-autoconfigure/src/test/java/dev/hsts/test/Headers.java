package dev.hsts.test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The values the starter sends by default, and assertions on what reached the client. */
public final class Headers {

	public static final String HSTS = "Strict-Transport-Security";

	public static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";

	public static final String FRAME_OPTIONS = "X-Frame-Options";

	public static final String REFERRER_POLICY = "Referrer-Policy";

	public static final String PERMISSIONS_POLICY = "Permissions-Policy";

	public static final String CSP = "Content-Security-Policy";

	public static final String CSP_REPORT_ONLY = "Content-Security-Policy-Report-Only";

	public static final String COOP = "Cross-Origin-Opener-Policy";

	public static final String CORP = "Cross-Origin-Resource-Policy";

	public static final String CACHE_CONTROL = "Cache-Control";

	public static final String COEP = "Cross-Origin-Embedder-Policy";

	public static final String PERMITTED_CROSS_DOMAIN_POLICIES = "X-Permitted-Cross-Domain-Policies";

	public static final String ORIGIN_AGENT_CLUSTER = "Origin-Agent-Cluster";

	public static final String DNS_PREFETCH_CONTROL = "X-DNS-Prefetch-Control";

	public static final String XSS_PROTECTION = "X-XSS-Protection";

	public static final String CLEAR_SITE_DATA = "Clear-Site-Data";

	/** The headers on by default, with their default values (HSTS: the first stage). */
	public static final Map<String, String> DEFAULTS = Map.of(HSTS, "max-age=300", CONTENT_TYPE_OPTIONS, "nosniff",
			FRAME_OPTIONS, "DENY", REFERRER_POLICY, "no-referrer", PERMISSIONS_POLICY,
			"geolocation=(), microphone=(), camera=()", PERMITTED_CROSS_DOMAIN_POLICIES, "none", XSS_PROTECTION, "0");

	/** The headers off by default. */
	public static final List<String> OFF_BY_DEFAULT = List.of(CSP, CSP_REPORT_ONLY, COOP, CORP, COEP,
			ORIGIN_AGENT_CLUSTER, DNS_PREFETCH_CONTROL, CLEAR_SITE_DATA);

	private Headers() {
	}

	/**
	 * The path of the test endpoint that sets {@code name: value} itself.
	 * @param mode set (setHeader), add (addHeader) or entity (a ResponseEntity header)
	 */
	public static String own(String name, String value, String mode) {
		return "/own?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&value="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8) + "&mode=" + mode;
	}

	/**
	 * Asserts that the response has exactly one field line for {@code name}, with
	 * {@code value}.
	 */
	public static void assertExactlyOne(HttpResponse<?> response, String name, String value) {
		assertThat(Http.values(response, name)).as(name + " on " + response.request().uri()).containsExactly(value);
	}

	/**
	 * Asserts the response's Cache-Control: exactly one with {@code expected}, or none
	 * when {@code expected} is {@code null}; and never Spring Security's companions
	 * {@code Pragma} and {@code Expires}.
	 */
	public static void assertCacheControl(HttpResponse<?> response, String expected) {
		if (expected != null) {
			assertExactlyOne(response, CACHE_CONTROL, expected);
		}
		else {
			assertNone(response, CACHE_CONTROL);
		}
		assertNone(response, "Pragma");
		assertNone(response, "Expires");
	}

	/** Asserts that the response has no {@code name} header. */
	public static void assertNone(HttpResponse<?> response, String name) {
		assertThat(Http.values(response, name)).as(name + " on " + response.request().uri()).isEmpty();
	}

}
