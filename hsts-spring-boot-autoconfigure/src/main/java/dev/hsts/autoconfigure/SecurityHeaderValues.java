package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.hsts.core.ContentSecurityPolicies;
import dev.hsts.core.ContentSecurityPolicy;
import dev.hsts.core.CspPathPolicy;
import dev.hsts.core.HeaderValues;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.PathPatterns;

import static dev.hsts.autoconfigure.InvalidSecurityHeadersPropertyException.validated;

/**
 * The values of {@code security.headers.*}, validated by the core, for the header writers
 * of every web stack: a refused value fails startup naming the property.
 */
final class SecurityHeaderValues {

	private SecurityHeaderValues() {
	}

	static HstsPolicy hstsPolicy(SecurityHeadersProperties properties) {
		SecurityHeadersProperties.Hsts hsts = properties.getHsts();
		return validated(() -> HstsPolicy.builder()
			.enabled(hsts.isEnabled())
			.stages(hsts.getRollout().toRolloutStages())
			.pinnedStage(hsts.getRollout().getStage())
			.startedAt(hsts.getRollout().getStartedAt())
			.includeSubDomains(hsts.isIncludeSubdomains())
			.preload(hsts.isPreload())
			.revoke(hsts.isRevoke())
			.excludedHosts(hsts.getExcludedHosts())
			.build());
	}

	static String contentTypeOptions(SecurityHeadersProperties properties) {
		return validated(
				() -> HeaderValues.contentTypeOptions("content-type-options", properties.getContentTypeOptions()));
	}

	static String frameOptions(SecurityHeadersProperties properties) {
		return validated(() -> HeaderValues.frameOptions("frame-options", properties.getFrameOptions()));
	}

	static String referrerPolicy(SecurityHeadersProperties properties) {
		return validated(() -> HeaderValues.referrerPolicy("referrer-policy", properties.getReferrerPolicy()));
	}

	static String permissionsPolicy(SecurityHeadersProperties properties) {
		return validated(() -> HeaderValues.permissionsPolicy("permissions-policy", properties.getPermissionsPolicy()));
	}

	static String crossOriginOpenerPolicy(SecurityHeadersProperties properties) {
		return validated(() -> HeaderValues.crossOriginOpenerPolicy("cross-origin-opener-policy",
				properties.getCrossOriginOpenerPolicy()));
	}

	static String crossOriginResourcePolicy(SecurityHeadersProperties properties) {
		return validated(() -> HeaderValues.crossOriginResourcePolicy("cross-origin-resource-policy",
				properties.getCrossOriginResourcePolicy()));
	}

	static ContentSecurityPolicies contentSecurityPolicies(SecurityHeadersProperties properties) {
		return validated(() -> {
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
		});
	}

	static String cacheControlValue(SecurityHeadersProperties properties) {
		return validated(
				() -> HeaderValues.cacheControl("cache-control.value", properties.getCacheControl().getValue()));
	}

	static PathPatterns cacheControlExcludedPaths(SecurityHeadersProperties properties) {
		return validated(() -> PathPatterns.parse("cache-control.excluded-paths",
				properties.getCacheControl().getExcludedPaths()));
	}

}
