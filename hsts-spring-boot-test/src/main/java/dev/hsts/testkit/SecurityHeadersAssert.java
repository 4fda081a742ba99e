package dev.hsts.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.hsts.core.HeadersPreview;
import dev.hsts.core.HostPreview;
import dev.hsts.core.HstsHeaderParser;
import dev.hsts.core.ParsedHstsHeader;

import org.assertj.core.api.AbstractAssert;

import org.springframework.context.ApplicationContext;

/**
 * Assertions on the security headers of one response, as a browser reads them. Made by
 * {@link SecurityHeadersAssertions#assertThat}.
 */
public class SecurityHeadersAssert extends AbstractAssert<SecurityHeadersAssert, ResponseHeaders> {

	/** The security headers {@link #hasNoDuplicateSecurityHeaders()} looks at. */
	static final List<String> SECURITY_HEADERS = List.of("Strict-Transport-Security", "Content-Security-Policy",
			"Content-Security-Policy-Report-Only", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
			"Permissions-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy",
			"Cross-Origin-Resource-Policy", "X-Permitted-Cross-Domain-Policies", "Origin-Agent-Cluster",
			"X-DNS-Prefetch-Control", "X-XSS-Protection", "Cache-Control", "Clear-Site-Data", "Reporting-Endpoints");

	/** Headers whose value is one token: a comma in one field is a merged duplicate. */
	private static final List<String> SINGLE_TOKEN = List.of("strict-transport-security", "x-frame-options",
			"x-content-type-options", "cross-origin-opener-policy", "cross-origin-embedder-policy",
			"cross-origin-resource-policy", "origin-agent-cluster", "x-xss-protection");

	private static final Pattern NONCE = Pattern.compile("'nonce-[^']*'");

	private ApplicationContext application;

	SecurityHeadersAssert(ResponseHeaders actual) {
		super(actual, SecurityHeadersAssert.class);
	}

	/**
	 * Compares {@code hsts().isStage(n)} and {@link #hasSecurityHeadersFor(String)} with
	 * the policy of this application. Not needed in a {@code @SpringBootTest} (its
	 * application is used) nor with MockMvc (the application MockMvc runs is used).
	 * @param applicationContext the application that answered
	 * @return {@code this}
	 */
	public SecurityHeadersAssert withPolicyOf(ApplicationContext applicationContext) {
		this.application = applicationContext;
		return this;
	}

	/**
	 * Assertions on {@code Strict-Transport-Security} as browsers read it.
	 * @return the assertions
	 */
	public HstsAssert hsts() {
		isNotNull();
		ParsedHstsHeader parsed = HstsHeaderParser.parse(this.actual.values("Strict-Transport-Security"));
		return new HstsAssert(parsed, this);
	}

	/**
	 * Assertions on the enforced Content Security Policies
	 * ({@code Content-Security-Policy}).
	 * @return the assertions
	 */
	public CspAssert csp() {
		isNotNull();
		return new CspAssert("Content-Security-Policy", this.actual.values("Content-Security-Policy"), this);
	}

	/**
	 * Assertions on the reported-only policies
	 * ({@code Content-Security-Policy-Report-Only}).
	 * @return the assertions
	 */
	public CspAssert cspReportOnly() {
		isNotNull();
		return new CspAssert("Content-Security-Policy-Report-Only",
				this.actual.values("Content-Security-Policy-Report-Only"), this);
	}

	/**
	 * Verifies that no security header appears more than once, neither as several field
	 * lines nor merged into one line with a comma (as a proxy may do), since browsers
	 * then process only the first, ignore the header, or enforce every copy.
	 * @return {@code this}
	 */
	public SecurityHeadersAssert hasNoDuplicateSecurityHeaders() {
		isNotNull();
		List<String> problems = new ArrayList<>();
		for (String name : SECURITY_HEADERS) {
			List<String> values = this.actual.values(name);
			String key = name.toLowerCase(Locale.ROOT);
			if (values.size() > 1) {
				problems.add(name + " appears " + values.size() + " times " + values + ": " + whatBrowsersDo(name));
			}
			else if (values.size() == 1 && SINGLE_TOKEN.contains(key) && values.get(0).contains(",")) {
				problems.add(name + " has several values merged into one field [" + values.get(0) + "]: "
						+ whatBrowsersDo(name));
			}
		}
		if (!problems.isEmpty()) {
			throw failure("%s", "Expecting " + this.actual.description()
					+ " to carry each security header once, but\n  " + String.join("\n  ", problems));
		}
		return this;
	}

	private String whatBrowsersDo(String name) {
		switch (name.toLowerCase(Locale.ROOT)) {
			case "strict-transport-security":
				ParsedHstsHeader parsed = HstsHeaderParser.parse(this.actual.values(name));
				return "browsers process only the first field, and a field with a comma is invalid (RFC 6797 section 8.1): "
						+ parsed.summary();
			case "content-security-policy":
				return "a browser enforces every policy, and a resource must pass each of them";
			case "content-security-policy-report-only":
				return "a browser reports on every policy separately";
			case "x-frame-options":
				return "when the values differ, browsers ignore the header and allow framing (HTML: X-Frame-Options"
						+ " processing model)";
			case "x-content-type-options":
				return "browsers read only the first value (Fetch: determine nosniff)";
			case "cache-control":
				return "caches combine the directives of every field: " + String.join(", ", this.actual.values(name));
			default:
				return "which copy a browser uses is up to the browser";
		}
	}

	/**
	 * Verifies that the response carries exactly the security headers the application's
	 * policy gives a secure request for this host (the starter's {@link HeadersPreview}),
	 * for the path requested when the client says which, else {@code /}. Nonces are
	 * compared as {@code 'nonce-…'}, since each response has its own.
	 * @param host the host, as in the {@code Host} header
	 * @return {@code this}
	 */
	public SecurityHeadersAssert hasSecurityHeadersFor(String host) {
		return hasSecurityHeadersFor(host, this.actual.requestPath().orElse("/"));
	}

	/**
	 * Verifies that the response carries exactly the security headers the application's
	 * policy gives a secure {@code GET} of this path for this host.
	 * @param host the host, as in the {@code Host} header
	 * @param path the path, starting with a slash
	 * @return {@code this}
	 */
	public SecurityHeadersAssert hasSecurityHeadersFor(String host, String path) {
		isNotNull();
		ApplicationPolicy policy = ApplicationPolicy.find(this.application, this.actual);
		if (policy == null) {
			throw failure("%s", "hasSecurityHeadersFor(\"" + host + "\") compares with the application's policy, but"
					+ " no application is known: " + ApplicationPolicy.HOW_TO_GIVE_IT);
		}
		HeadersPreview preview = policy.preview();
		if (preview == null) {
			throw failure("%s", "hasSecurityHeadersFor(\"" + host + "\") compares with the starter's policy, but "
					+ policy.describe() + " has no HeadersPreview bean (is hsts-spring-boot-starter on its class path"
					+ " and security.headers.enabled true?)");
		}
		HostPreview expected = preview.preview(host, path);
		List<String> problems = new ArrayList<>();
		List<String> compared = new ArrayList<>();
		for (Map.Entry<String, Object> header : expected.headers().entrySet()) {
			String name = header.getKey();
			compared.add(name.toLowerCase(Locale.ROOT));
			List<String> want = normalized(asList(header.getValue()));
			List<String> got = normalized(this.actual.values(name));
			if (!want.equals(got)) {
				problems.add(name + ": the policy gives " + want + ", the response has "
						+ (got.isEmpty() ? "none" : got.toString()));
			}
		}
		for (String name : SECURITY_HEADERS) {
			if (!compared.contains(name.toLowerCase(Locale.ROOT)) && !this.actual.values(name).isEmpty()
					&& isManagedByPolicy(name)) {
				problems.add(name + ": the policy gives none, the response has " + this.actual.values(name));
			}
		}
		if (!problems.isEmpty() && expected.rejected() != null) {
			problems.add(0,
					"the application refuses this host (" + expected.refusedBy() + ": " + expected.rejected().id()
							+ "): a request for it gets " + expected.status() + " with these headers");
		}
		if (!problems.isEmpty()) {
			throw failure("%s",
					"Expecting " + this.actual.description() + " to carry the security headers the policy of "
							+ policy.describe() + " gives " + host + " (GET " + path + ", status " + expected.status()
							+ "), but\n  " + String.join("\n  ", problems));
		}
		return this;
	}

	/**
	 * Headers the starter decides on: where the preview has none, the response should
	 * have none either.
	 */
	private static boolean isManagedByPolicy(String name) {
		return "Strict-Transport-Security".equals(name) || "Content-Security-Policy".equals(name)
				|| "Content-Security-Policy-Report-Only".equals(name);
	}

	private static List<String> asList(Object value) {
		List<String> values = new ArrayList<>();
		if (value instanceof List<?> list) {
			for (Object item : list) {
				values.add(String.valueOf(item));
			}
		}
		else if (value != null) {
			values.add(String.valueOf(value));
		}
		return values;
	}

	private static List<String> normalized(List<String> values) {
		List<String> normalized = new ArrayList<>(values.size());
		for (String value : values) {
			normalized.add(NONCE.matcher(value).replaceAll("'nonce-…'"));
		}
		return normalized;
	}

	ResponseHeaders headers() {
		return this.actual;
	}

	ApplicationContext explicitApplication() {
		return this.application;
	}

}
