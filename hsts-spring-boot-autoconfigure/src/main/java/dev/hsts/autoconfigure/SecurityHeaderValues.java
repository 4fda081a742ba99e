package dev.hsts.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hsts.core.ClearSiteData;
import dev.hsts.core.ContentSecurityPolicies;
import dev.hsts.core.CspReportCollector;
import dev.hsts.core.ContentSecurityPolicy;
import dev.hsts.core.CookieFlags;
import dev.hsts.core.CspPathPolicy;
import dev.hsts.core.CspReportingDirectives;
import dev.hsts.core.HandlerPolicy;
import dev.hsts.core.HeaderPolicies;
import dev.hsts.core.HeaderPolicy;
import dev.hsts.core.PolicyHeader;
import dev.hsts.core.PolicySettings;
import dev.hsts.core.HeaderValues;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.HttpsRedirectRule;
import dev.hsts.core.InvalidPolicyException;
import dev.hsts.core.PathPatterns;
import dev.hsts.core.TrustedHosts;

import org.springframework.core.env.Environment;

/**
 * The values of {@code security.headers.*}, validated by the core, for the header writers
 * of every web stack: a refused value fails startup naming the property.
 *
 * <p>
 * Each method catches the core's refusal itself instead of handing a lambda to
 * {@link InvalidSecurityHeadersPropertyException#validated}: these run while the context
 * starts, where every lambda is a class of its own to spin (issue 21).
 */
final class SecurityHeaderValues {

	private SecurityHeaderValues() {
	}

	static HstsPolicy hstsPolicy(SecurityHeadersProperties properties) {
		SecurityHeadersProperties.Hsts hsts = properties.getHsts();
		try {
			return HstsPolicy.builder()
				.enabled(hsts.isEnabled())
				.stages(hsts.getRollout().toRolloutStages())
				.pinnedStage(hsts.getRollout().getStage())
				.startedAt(hsts.getRollout().getStartedAt())
				.includeSubDomains(hsts.isIncludeSubdomains())
				.preload(hsts.isPreload())
				.revoke(hsts.isRevoke())
				.excludedHosts(hsts.getExcludedHosts())
				.build();
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	/**
	 * The cookie flags, or {@code null} when they are off
	 * ({@code security.headers.cookies.enabled=false}, the default).
	 */
	static CookieFlags cookieFlags(SecurityHeadersProperties properties) {
		return cookieFlags(properties, null, null, null);
	}

	/**
	 * The cookie flags, or {@code null} when they are off; the session cookie keeps
	 * without a flag what Spring Boot's session cookie settings leave out
	 * ({@code http-only=false}, {@code same-site=omitted}, and on WebFlux
	 * {@code secure=false}), unless an exception names it.
	 * @param environment the environment, or {@code null}
	 * @param sessionCookie the prefix of Boot's session cookie settings
	 * ({@code server.servlet.session.cookie})
	 * @param defaultName the session cookie's name when Boot's is unset
	 */
	static CookieFlags cookieFlags(SecurityHeadersProperties properties, Environment environment, String sessionCookie,
			String defaultName) {
		SecurityHeadersProperties.Cookies cookies = properties.getCookies();
		if (!cookies.isEnabled()) {
			return null;
		}
		try {
			CookieFlags.Builder builder = CookieFlags.builder("cookies", cookies.isSecure(), cookies.isHttpOnly(),
					cookies.getSameSite());
			List<SecurityHeadersProperties.CookieException> exceptions = cookies.getExceptions();
			for (int i = 0; i < exceptions.size(); i++) {
				SecurityHeadersProperties.CookieException exception = exceptions.get(i);
				builder.exception(i, exception.getName(), exception.getSecure(), exception.getHttpOnly(),
						exception.getSameSite());
			}
			if (environment != null) {
				builder.keep(environment.getProperty(sessionCookie + ".name", defaultName),
						sessionCookie.startsWith("server.reactive.")
								&& "false".equalsIgnoreCase(environment.getProperty(sessionCookie + ".secure")),
						"false".equalsIgnoreCase(environment.getProperty(sessionCookie + ".http-only")),
						"omitted".equalsIgnoreCase(environment.getProperty(sessionCookie + ".same-site")));
			}
			return builder.build();
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String contentTypeOptions(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.contentTypeOptions("content-type-options", properties.getContentTypeOptions());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String frameOptions(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.frameOptions("frame-options", properties.getFrameOptions());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String referrerPolicy(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.referrerPolicy("referrer-policy", properties.getReferrerPolicy());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String permissionsPolicy(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.permissionsPolicy("permissions-policy", properties.getPermissionsPolicy());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String crossOriginOpenerPolicy(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.crossOriginOpenerPolicy("cross-origin-opener-policy",
					properties.getCrossOriginOpenerPolicy());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String crossOriginResourcePolicy(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.crossOriginResourcePolicy("cross-origin-resource-policy",
					properties.getCrossOriginResourcePolicy());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String crossOriginEmbedderPolicy(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.crossOriginEmbedderPolicy("cross-origin-embedder-policy",
					properties.getCrossOriginEmbedderPolicy());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String permittedCrossDomainPolicies(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.permittedCrossDomainPolicies("permitted-cross-domain-policies",
					properties.getPermittedCrossDomainPolicies());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String originAgentCluster(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.originAgentCluster("origin-agent-cluster", properties.getOriginAgentCluster());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String dnsPrefetchControl(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.dnsPrefetchControl("dns-prefetch-control", properties.getDnsPrefetchControl());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String xssProtection(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.xssProtection("xss-protection", properties.getXssProtection());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static ClearSiteData clearSiteData(SecurityHeadersProperties properties) {
		try {
			SecurityHeadersProperties.ClearSiteData clearSiteData = properties.getClearSiteData();
			return ClearSiteData.parse("clear-site-data.directives", clearSiteData.getDirectives(),
					"clear-site-data.paths", clearSiteData.getPaths());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static ContentSecurityPolicies contentSecurityPolicies(SecurityHeadersProperties properties) {
		try {
			SecurityHeadersProperties.ContentSecurityPolicy csp = properties.getContentSecurityPolicy();
			List<CspPathPolicy> pathPolicies = new ArrayList<>();
			List<SecurityHeadersProperties.PathPolicy> configured = (csp.getPathPolicies() != null)
					? csp.getPathPolicies() : List.of();
			for (int i = 0; i < configured.size(); i++) {
				SecurityHeadersProperties.PathPolicy entry = configured.get(i);
				pathPolicies.add((entry != null)
						? CspPathPolicy.parse(i, entry.getPaths(), entry.getPolicy(), entry.getReportOnlyPolicy())
						: CspPathPolicy.parse(i, null, null, null));
			}
			return new ContentSecurityPolicies(
					ContentSecurityPolicy.parse("content-security-policy.policy", csp.getPolicy()),
					ContentSecurityPolicy.parse("content-security-policy.report-only-policy",
							csp.getReportOnlyPolicy()),
					pathPolicies);
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static String cacheControlValue(SecurityHeadersProperties properties) {
		try {
			return HeaderValues.cacheControl("cache-control.value", properties.getCacheControl().getValue());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static PathPatterns cacheControlExcludedPaths(SecurityHeadersProperties properties) {
		try {
			return PathPatterns.parse("cache-control.excluded-paths", properties.getCacheControl().getExcludedPaths());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static TrustedHosts trustedHosts(TrustedHostsProperties properties) {
		try {
			return TrustedHosts.of(properties.getAllowed(), properties.getExemptPaths());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	static HttpsRedirectRule httpsRedirectRule(HttpsRedirectProperties properties) {
		try {
			return new HttpsRedirectRule(properties.getHost(), properties.getHttpsPort(),
					properties.getGetAndHeadStatus(), properties.getOtherMethodsStatus(), properties.getExemptPaths());
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	/**
	 * The named policies, the defaults they inherit from and the policies the handlers
	 * ask for, validated.
	 * @param properties the properties
	 * @param handlerPolicies what the handlers found at startup ask for
	 * @return the policies
	 */
	static HeaderPolicies headerPolicies(SecurityHeadersProperties properties, List<HandlerPolicy> handlerPolicies) {
		return headerPolicies(properties, handlerPolicies, null);
	}

	/**
	 * The named policies, the defaults they inherit from and the policies the handlers
	 * ask for, validated, with CSP reporting.
	 * @param properties the properties
	 * @param handlerPolicies what the handlers found at startup ask for
	 * @param reporting what CSP reporting adds to every policy, or {@code null} when it
	 * is off
	 * @return the policies
	 */
	static HeaderPolicies headerPolicies(SecurityHeadersProperties properties, List<HandlerPolicy> handlerPolicies,
			CspReportingDirectives reporting) {
		ContentSecurityPolicies csp = contentSecurityPolicies(properties);
		try {
			SecurityHeadersProperties.CacheControl cacheControl = properties.getCacheControl();
			HeaderPolicy defaults = HeaderPolicy.builder()
				.header(PolicyHeader.CONTENT_TYPE_OPTIONS, contentTypeOptions(properties))
				.header(PolicyHeader.FRAME_OPTIONS, frameOptions(properties))
				.header(PolicyHeader.REFERRER_POLICY, referrerPolicy(properties))
				.header(PolicyHeader.PERMISSIONS_POLICY, permissionsPolicy(properties))
				.header(PolicyHeader.CROSS_ORIGIN_OPENER_POLICY, crossOriginOpenerPolicy(properties))
				.header(PolicyHeader.CROSS_ORIGIN_RESOURCE_POLICY, crossOriginResourcePolicy(properties))
				.header(PolicyHeader.CROSS_ORIGIN_EMBEDDER_POLICY, crossOriginEmbedderPolicy(properties))
				.header(PolicyHeader.PERMITTED_CROSS_DOMAIN_POLICIES, permittedCrossDomainPolicies(properties))
				.header(PolicyHeader.ORIGIN_AGENT_CLUSTER, originAgentCluster(properties))
				.header(PolicyHeader.DNS_PREFETCH_CONTROL, dnsPrefetchControl(properties))
				.header(PolicyHeader.XSS_PROTECTION, xssProtection(properties))
				.contentSecurityPolicy(csp.policy(), csp.reportOnlyPolicy())
				.cacheControl(cacheControl.isEnabled(), cacheControlValue(properties),
						cacheControlExcludedPaths(properties))
				.hsts(properties.getHsts().isEnabled())
				.reporting(reporting)
				.build();
			List<PolicySettings> named = new ArrayList<>();
			Map<String, SecurityHeadersProperties.Policy> configured = (properties.getPolicies() != null)
					? properties.getPolicies() : Map.of();
			for (Map.Entry<String, SecurityHeadersProperties.Policy> entry : configured.entrySet()) {
				SecurityHeadersProperties.Policy policy = (entry.getValue() != null) ? entry.getValue()
						: new SecurityHeadersProperties.Policy();
				named.add(new PolicySettings(entry.getKey()).paths(policy.getPaths())
					.order(policy.getOrder())
					.value(PolicyHeader.CONTENT_TYPE_OPTIONS, policy.getContentTypeOptions())
					.value(PolicyHeader.FRAME_OPTIONS, policy.getFrameOptions())
					.value(PolicyHeader.REFERRER_POLICY, policy.getReferrerPolicy())
					.value(PolicyHeader.PERMISSIONS_POLICY, policy.getPermissionsPolicy())
					.value(PolicyHeader.CONTENT_SECURITY_POLICY, policy.getContentSecurityPolicy().getPolicy())
					.value(PolicyHeader.CONTENT_SECURITY_POLICY_REPORT_ONLY,
							policy.getContentSecurityPolicy().getReportOnlyPolicy())
					.value(PolicyHeader.CROSS_ORIGIN_OPENER_POLICY, policy.getCrossOriginOpenerPolicy())
					.value(PolicyHeader.CROSS_ORIGIN_RESOURCE_POLICY, policy.getCrossOriginResourcePolicy())
					.value(PolicyHeader.CROSS_ORIGIN_EMBEDDER_POLICY, policy.getCrossOriginEmbedderPolicy())
					.value(PolicyHeader.PERMITTED_CROSS_DOMAIN_POLICIES, policy.getPermittedCrossDomainPolicies())
					.value(PolicyHeader.ORIGIN_AGENT_CLUSTER, policy.getOriginAgentCluster())
					.value(PolicyHeader.DNS_PREFETCH_CONTROL, policy.getDnsPrefetchControl())
					.value(PolicyHeader.XSS_PROTECTION, policy.getXssProtection())
					.value(PolicyHeader.CACHE_CONTROL, policy.getCacheControl().getValue())
					.cacheControlEnabled(policy.getCacheControl().getEnabled())
					.hstsEnabled(policy.getHsts().getEnabled()));
			}
			return HeaderPolicies.of(defaults, csp.pathPolicies(), named, handlerPolicies);
		}
		catch (InvalidPolicyException ex) {
			throw InvalidSecurityHeadersPropertyException.of(ex);
		}
	}

	/**
	 * The most bytes {@code content-security-policy.reporting.max-body-size} may allow.
	 */
	static final long MAX_REPORT_BODY_SIZE = 1024 * 1024;

	/**
	 * The CSP report collector's settings, validated.
	 * @param properties the properties
	 * @return the settings
	 */
	static CspReportCollector.Settings cspReportSettings(SecurityHeadersProperties properties) {
		SecurityHeadersProperties.Reporting reporting = properties.getContentSecurityPolicy().getReporting();
		String prefix = "content-security-policy.reporting.";
		String path = reporting.getPath();
		if (path == null || !path.startsWith("/") || path.length() > 200 || !isPathToken(path)) {
			throw InvalidSecurityHeadersPropertyException.of(new InvalidPolicyException(prefix + "path", path,
					"the collector's path is a path within the application: it starts with '/' and has letters, "
							+ "digits and - . _ ~ / only (no query, no spaces, at most 200 characters).",
					"Write a path such as /csp-reports."));
		}
		long size = (reporting.getMaxBodySize() != null) ? reporting.getMaxBodySize().toBytes() : -1;
		if (size < 1024 || size > MAX_REPORT_BODY_SIZE) {
			throw InvalidSecurityHeadersPropertyException
				.of(new InvalidPolicyException(prefix + "max-body-size", reporting.getMaxBodySize(),
						"a report body limit must be between 1KB and 1MB (a browser's report is a few KB; the limit "
								+ "bounds the memory each request may take).",
						"Set a size such as 64KB."));
		}
		double rate = reporting.getSampleRate();
		if (!(rate >= 0.0 && rate <= 1.0)) {
			throw InvalidSecurityHeadersPropertyException.of(new InvalidPolicyException(prefix + "sample-rate", rate,
					"the sample rate is the share of reports processed, from 0 to 1.",
					"Set 1 to process every report, or e.g. 0.1 for one in ten."));
		}
		SecurityHeadersProperties.RateLimit limit = reporting.getRateLimit();
		if (limit.getPerClient() < 1) {
			throw InvalidSecurityHeadersPropertyException
				.of(new InvalidPolicyException(prefix + "rate-limit.per-client", limit.getPerClient(),
						"the limit is a number of reports per minute, at least 1.", "Set a limit such as 60."));
		}
		if (limit.getOverall() < limit.getPerClient()) {
			throw InvalidSecurityHeadersPropertyException.of(new InvalidPolicyException(prefix + "rate-limit.overall",
					limit.getOverall(),
					"the overall limit (reports per minute from all clients) is below the per-client limit ("
							+ limit.getPerClient() + ").",
					"Set an overall limit at least as high as ${content-security-policy.reporting.rate-limit.per-client}, "
							+ "e.g. 6000."));
		}
		Duration dedup = reporting.getDedupWindow();
		if (dedup == null || dedup.isNegative() || dedup.compareTo(Duration.ofDays(1)) > 0) {
			throw InvalidSecurityHeadersPropertyException.of(new InvalidPolicyException(prefix + "dedup-window", dedup,
					"the de-duplication window is between 0 (off) and 1d.", "Set a window such as 1m."));
		}
		if (reporting.getLogLevel() == null) {
			throw InvalidSecurityHeadersPropertyException.of(new InvalidPolicyException(prefix + "log-level", null,
					"no level is set.", "Set off, debug, info or warn."));
		}
		Duration quiet = reporting.getQuietPeriod();
		if (quiet == null || quiet.isNegative() || quiet.isZero()) {
			throw InvalidSecurityHeadersPropertyException.of(new InvalidPolicyException(prefix + "quiet-period", quiet,
					"the quiet period must be longer than zero.", "Set a period such as 7d."));
		}
		if (reporting.getMinResponses() < 0) {
			throw InvalidSecurityHeadersPropertyException
				.of(new InvalidPolicyException(prefix + "min-responses", reporting.getMinResponses(),
						"the number of responses cannot be negative.", "Set a number such as 1000."));
		}
		return new CspReportCollector.Settings(path, (int) size, rate, limit.getPerClient(), limit.getOverall(), dedup,
				reporting.getLogLevel());
	}

	private static boolean isPathToken(String path) {
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_' || c == '~' || c == '/';
			if (!allowed) {
				return false;
			}
		}
		return !path.contains("//") && !path.contains("/./") && !path.contains("/../") && !path.endsWith("/..")
				&& !path.endsWith("/.");
	}

}
