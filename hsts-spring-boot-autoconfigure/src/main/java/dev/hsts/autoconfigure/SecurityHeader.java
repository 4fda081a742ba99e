package dev.hsts.autoconfigure;

import java.util.function.Predicate;

import dev.hsts.policy.HeaderValues;

/**
 * The headers the starter writes besides HSTS, and whether the configuration switches each on.
 */
enum SecurityHeader {

	CONTENT_TYPE_OPTIONS((properties) -> onByDefault(properties.getContentTypeOptions())),

	FRAME_OPTIONS((properties) -> onByDefault(properties.getFrameOptions())),

	REFERRER_POLICY((properties) -> onByDefault(properties.getReferrerPolicy())),

	PERMISSIONS_POLICY((properties) -> onByDefault(properties.getPermissionsPolicy())),

	CONTENT_SECURITY_POLICY((properties) -> {
		SecurityHeadersProperties.ContentSecurityPolicy csp = properties.getContentSecurityPolicy();
		return offByDefault(csp.getPolicy()) || offByDefault(csp.getReportOnlyPolicy())
				|| (csp.getPathPolicies() != null && !csp.getPathPolicies().isEmpty());
	}),

	CROSS_ORIGIN_OPENER_POLICY((properties) -> offByDefault(properties.getCrossOriginOpenerPolicy())),

	CROSS_ORIGIN_RESOURCE_POLICY((properties) -> offByDefault(properties.getCrossOriginResourcePolicy())),

	CACHE_CONTROL((properties) -> properties.getCacheControl().isEnabled());

	private final Predicate<SecurityHeadersProperties> on;

	SecurityHeader(Predicate<SecurityHeadersProperties> on) {
		this.on = on;
	}

	boolean isOn(SecurityHeadersProperties properties) {
		return this.on.test(properties);
	}

	/** On unless 'disabled'; a value that is invalid otherwise counts as on, so that validation reports it. */
	private static boolean onByDefault(String value) {
		return value == null || !value.trim().equalsIgnoreCase(HeaderValues.DISABLED);
	}

	private static boolean offByDefault(String value) {
		return value != null && !value.trim().equalsIgnoreCase(HeaderValues.DISABLED);
	}

}
