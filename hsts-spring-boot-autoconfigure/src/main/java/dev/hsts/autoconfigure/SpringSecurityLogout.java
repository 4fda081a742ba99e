package dev.hsts.autoconfigure;

import java.util.List;

import dev.hsts.core.ClearSiteData;
import dev.hsts.core.HeaderDescription;

import org.apache.commons.logging.Log;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Where Clear-Site-Data on logout comes from: Spring Security's logout, when its web
 * support is on the class path (servlet: a {@code LogoutHandler} added to the logout of
 * every {@code HttpSecurity}; WebFlux: the logout filter of every
 * {@code SecurityWebFilterChain}), otherwise the starter's writer on the configured
 * paths.
 */
final class SpringSecurityLogout {

	/** Spring Security's servlet configuration. */
	static final String HTTP_SECURITY = "org.springframework.security.config.annotation.web.builders.HttpSecurity";

	/** Spring Security's WebFlux logout filter. */
	static final String LOGOUT_WEB_FILTER = "org.springframework.security.web.server.authentication.logout.LogoutWebFilter";

	/** What the endpoint shows where the header is not tied to paths. */
	static final String ON_LOGOUT = "the logout of every Spring Security filter chain";

	private SpringSecurityLogout() {
	}

	/**
	 * Whether Spring Security's servlet logout sends Clear-Site-Data.
	 * @param classLoader the application's class loader
	 */
	static boolean servletLogoutHandlers(ClassLoader classLoader) {
		return ClassUtils.isPresent(HTTP_SECURITY, classLoader);
	}

	/**
	 * Whether Spring Security's WebFlux logout sends Clear-Site-Data.
	 * @param classLoader the application's class loader
	 */
	static boolean reactiveLogoutFilters(ClassLoader classLoader) {
		return ClassUtils.isPresent(LOGOUT_WEB_FILTER, classLoader);
	}

	/**
	 * The description of Clear-Site-Data sent by Spring Security's logout: on no fixed
	 * path (the chains' logout URLs).
	 */
	static HeaderDescription description(ClearSiteData clearSiteData) {
		return new HeaderDescription(ClearSiteData.HEADER_NAME, clearSiteData.headerValue(), List.of(), List.of());
	}

	/**
	 * Warns, once the chains are built, about what of the Clear-Site-Data configuration
	 * Spring Security's logout cannot honour: paths configured for the path mechanism,
	 * and no chain with a logout at all.
	 * @param log where to warn
	 * @param environment the environment
	 * @param chainsWithLogout how many filter chains have a logout
	 */
	static void warnIfNotHonoured(Log log, Environment environment, int chainsWithLogout) {
		String paths = PropertyNames.of("clear-site-data.paths");
		if (Binder.get(environment).bind(paths, Bindable.listOf(String.class)).isBound()) {
			log.warn(paths + " is ignored: with Spring Security, Clear-Site-Data is sent on " + ON_LOGOUT
					+ " (its logout URL, as the chain configures it). Remove " + paths + ", or configure the logout "
					+ "URL in the chain (logout(logout -> logout.logoutUrl(...))).");
		}
		if (chainsWithLogout == 0) {
			log.warn(PropertyNames.of("clear-site-data.enabled") + "=true, but no Spring Security filter chain has a "
					+ "logout (switched off with logout(logout -> logout.disable()), or no chain at all): no response "
					+ "gets Clear-Site-Data. Configure a logout in a chain, or set "
					+ PropertyNames.of("clear-site-data.enabled") + "=false.");
		}
	}

}
