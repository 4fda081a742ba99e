package dev.hsts.autoconfigure;

import java.util.function.Function;
import java.util.function.Predicate;

import dev.hsts.core.HeaderValues;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * The headers the starter writes besides HSTS, and whether the configuration switches
 * each on.
 *
 * <p>
 * Each header binds only the properties that switch it (relaxed, like the real binding),
 * not the whole {@code security.headers} tree: the condition is evaluated once per header
 * bean at startup, and binding the tree each time cost about a millisecond apiece.
 */
enum SecurityHeader {

	CONTENT_TYPE_OPTIONS(onByDefault("content-type-options", SecurityHeadersProperties::getContentTypeOptions)),

	FRAME_OPTIONS(onByDefault("frame-options", SecurityHeadersProperties::getFrameOptions)),

	REFERRER_POLICY(onByDefault("referrer-policy", SecurityHeadersProperties::getReferrerPolicy)),

	PERMISSIONS_POLICY(onByDefault("permissions-policy", SecurityHeadersProperties::getPermissionsPolicy)),

	CONTENT_SECURITY_POLICY((binder) -> {
		SecurityHeadersProperties.ContentSecurityPolicy csp = binder
			.bind(SecurityHeader.PREFIX + "content-security-policy",
					SecurityHeadersProperties.ContentSecurityPolicy.class)
			.orElseGet(SecurityHeadersProperties.ContentSecurityPolicy::new);
		return offByDefault(csp.getPolicy()) || offByDefault(csp.getReportOnlyPolicy())
				|| (csp.getPathPolicies() != null && !csp.getPathPolicies().isEmpty());
	}),

	CROSS_ORIGIN_OPENER_POLICY(
			offByDefault("cross-origin-opener-policy", SecurityHeadersProperties::getCrossOriginOpenerPolicy)),

	CROSS_ORIGIN_RESOURCE_POLICY(
			offByDefault("cross-origin-resource-policy", SecurityHeadersProperties::getCrossOriginResourcePolicy)),

	CACHE_CONTROL((binder) -> binder.bind(SecurityHeader.PREFIX + "cache-control.enabled", Boolean.class)
		.orElseGet(() -> new SecurityHeadersProperties().getCacheControl().isEnabled()));

	private static final String PREFIX = "security.headers.";

	private final Predicate<Binder> on;

	SecurityHeader(Predicate<Binder> on) {
		this.on = on;
	}

	/**
	 * Whether the bound configuration switches the header on.
	 * @param binder the binder of the environment
	 * @return whether the header is on
	 */
	boolean isOn(Binder binder) {
		return this.on.test(binder);
	}

	/**
	 * On unless 'disabled'; a value that is invalid otherwise counts as on, so that
	 * validation reports it.
	 */
	private static Predicate<Binder> onByDefault(String property,
			Function<SecurityHeadersProperties, String> defaultValue) {
		return (binder) -> {
			String value = bindString(binder, property, defaultValue);
			return value == null || !value.trim().equalsIgnoreCase(HeaderValues.DISABLED);
		};
	}

	private static Predicate<Binder> offByDefault(String property,
			Function<SecurityHeadersProperties, String> defaultValue) {
		return (binder) -> {
			String value = bindString(binder, property, defaultValue);
			return offByDefault(value);
		};
	}

	private static boolean offByDefault(String value) {
		return value != null && !value.trim().equalsIgnoreCase(HeaderValues.DISABLED);
	}

	private static String bindString(Binder binder, String property,
			Function<SecurityHeadersProperties, String> defaultValue) {
		return binder.bind(PREFIX + property, String.class)
			.orElseGet(() -> defaultValue.apply(new SecurityHeadersProperties()));
	}

}
