package dev.hsts.autoconfigure;

import dev.hsts.core.HeaderValues;

import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;

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

	CONTENT_TYPE_OPTIONS("content-type-options", true),

	FRAME_OPTIONS("frame-options", true),

	REFERRER_POLICY("referrer-policy", true),

	PERMISSIONS_POLICY("permissions-policy", true),

	CONTENT_SECURITY_POLICY("content-security-policy", false),

	CROSS_ORIGIN_OPENER_POLICY("cross-origin-opener-policy", false),

	CROSS_ORIGIN_RESOURCE_POLICY("cross-origin-resource-policy", false),

	CROSS_ORIGIN_EMBEDDER_POLICY("cross-origin-embedder-policy", false),

	ORIGIN_AGENT_CLUSTER("origin-agent-cluster", false),

	PERMITTED_CROSS_DOMAIN_POLICIES("permitted-cross-domain-policies", true),

	DNS_PREFETCH_CONTROL("dns-prefetch-control", false),

	XSS_PROTECTION("xss-protection", true),

	CACHE_CONTROL("cache-control.enabled", true),

	/** Clear-Site-Data on logout (not a writer of every response). */
	CLEAR_SITE_DATA("clear-site-data.enabled", false);

	private static final String PREFIX = "security.headers.";

	/** The property that switches the header, relative to {@link #PREFIX}. */
	private final String property;

	/** Whether the header is on where nothing configures it. */
	private final boolean onByDefault;

	// No lambdas or method references here: the condition runs while the context
	// starts, and each would be a class of its own to spin (issue 21).
	SecurityHeader(String property, boolean onByDefault) {
		this.property = property;
		this.onByDefault = onByDefault;
	}

	/**
	 * Whether the configuration switches the header on, at startup (the condition on its
	 * writer) and at a runtime refresh alike.
	 * @param environment the environment
	 * @return whether the header is on
	 */
	boolean isOn(Environment environment) {
		Binder binder = Binder.get(environment);
		if (this == CONTENT_SECURITY_POLICY) {
			// Its three switches read one by one: binding the whole object here
			// introspected its classes a second time, before the real binding.
			String name = PREFIX + this.property;
			return offByDefault(binder.bind(name + ".policy", String.class).orElse(null))
					|| offByDefault(binder.bind(name + ".report-only-policy", String.class).orElse(null))
					|| hasPathPolicies(binder, ConfigurationPropertySources.get(environment), name + ".path-policies");
		}
		if (this == CACHE_CONTROL) {
			Boolean enabled = binder.bind(PREFIX + this.property, Boolean.class).orElse(null);
			return (enabled != null) ? enabled : Defaults.VALUES.getCacheControl().isEnabled();
		}
		if (this == CLEAR_SITE_DATA) {
			Boolean enabled = binder.bind(PREFIX + this.property, Boolean.class).orElse(null);
			return (enabled != null) ? enabled : Defaults.VALUES.getClearSiteData().isEnabled();
		}
		String value = binder.bind(PREFIX + this.property, String.class).orElse(null);
		if (value == null) {
			value = defaultValue();
		}
		// On by default: on unless 'disabled'; a value that is invalid otherwise counts
		// as on, so that validation reports it.
		return this.onByDefault ? (value == null || !value.trim().equalsIgnoreCase(HeaderValues.DISABLED))
				: offByDefault(value);
	}

	/** The header's value where nothing configures it. */
	private String defaultValue() {
		SecurityHeadersProperties defaults = Defaults.VALUES;
		// Not a switch: one on an enum is a synthetic class of its own.
		if (this == CONTENT_TYPE_OPTIONS) {
			return defaults.getContentTypeOptions();
		}
		if (this == FRAME_OPTIONS) {
			return defaults.getFrameOptions();
		}
		if (this == REFERRER_POLICY) {
			return defaults.getReferrerPolicy();
		}
		if (this == PERMISSIONS_POLICY) {
			return defaults.getPermissionsPolicy();
		}
		if (this == CROSS_ORIGIN_OPENER_POLICY) {
			return defaults.getCrossOriginOpenerPolicy();
		}
		if (this == CROSS_ORIGIN_EMBEDDER_POLICY) {
			return defaults.getCrossOriginEmbedderPolicy();
		}
		if (this == ORIGIN_AGENT_CLUSTER) {
			return defaults.getOriginAgentCluster();
		}
		if (this == PERMITTED_CROSS_DOMAIN_POLICIES) {
			return defaults.getPermittedCrossDomainPolicies();
		}
		if (this == DNS_PREFETCH_CONTROL) {
			return defaults.getDnsPrefetchControl();
		}
		if (this == XSS_PROTECTION) {
			return defaults.getXssProtection();
		}
		return defaults.getCrossOriginResourcePolicy();
	}

	/**
	 * Whether any path policy is configured, read as Spring Boot's binder reads a list:
	 * from the first source that has it, either as one value (where an empty one clears
	 * it) or as indexed keys below {@code name}. A source that has keys below the name
	 * switches the header on; where the list is one value, or a source cannot list its
	 * keys, the list is bound to find out.
	 */
	private static boolean hasPathPolicies(Binder binder, Iterable<ConfigurationPropertySource> sources, String name) {
		ConfigurationPropertyName list = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : sources) {
			if (source.getConfigurationProperty(list) != null) {
				// The list as one value, which Spring Boot binds it from.
				return hasBoundPathPolicies(binder, list);
			}
			ConfigurationPropertyState state = source.containsDescendantOf(list);
			if (state == ConfigurationPropertyState.PRESENT) {
				return true;
			}
			if (state == ConfigurationPropertyState.UNKNOWN) {
				return hasBoundPathPolicies(binder, list);
			}
		}
		return false;
	}

	private static boolean hasBoundPathPolicies(Binder binder, ConfigurationPropertyName list) {
		List<SecurityHeadersProperties.PathPolicy> policies = binder
			.bind(list, Bindable.listOf(SecurityHeadersProperties.PathPolicy.class))
			.orElse(null);
		return policies != null && !policies.isEmpty();
	}

	private static boolean offByDefault(String value) {
		return value != null && !value.trim().equalsIgnoreCase(HeaderValues.DISABLED);
	}

	/**
	 * The values where nothing is configured, made once and only read: the condition is
	 * evaluated once per header bean.
	 */
	private static final class Defaults {

		static final SecurityHeadersProperties VALUES = new SecurityHeadersProperties();

	}

}
