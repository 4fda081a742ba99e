package dev.hsts.autoconfigure;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.hsts.servlet.StandInRequest;

import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Asks the application's Spring Security configuration, through its public API only, what
 * an anonymous {@code GET} of a path meets: the first of the {@link FilterChainProxy}'s
 * {@link SecurityFilterChain}s that matches the request (the one Spring Security
 * applies), and that chain's {@link AuthorizationFilter} rules. No request is sent and no
 * filter runs: the request is a stand-in that answers what request matchers read (method,
 * paths, servlet mapping, servlet context, attributes; a secure request from a public
 * address without headers or session). The application's observations do not record the
 * probe ({@link UnobservedProbe}).
 */
final class SpringSecurityProbe {

	private static final Log LOG = LogFactory.getLog(SpringSecurityProbe.class);

	/** The bean Spring Security's configuration registers its filter chains under. */
	private static final String FILTER_CHAIN_BEAN = "springSecurityFilterChain";

	/** A client on the internet (TEST-NET-3, RFC 5737). */
	private static final String REMOTE_ADDRESS = "203.0.113.1";

	private static final Supplier<Authentication> ANONYMOUS = () -> new AnonymousAuthenticationToken("hsts-probe",
			"anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private SpringSecurityProbe() {
	}

	/**
	 * Why an anonymous {@code GET} of a path gets through, or {@code null} when Spring
	 * Security refuses it or when that cannot be told (a filter chain bean of another
	 * kind, the legacy {@code FilterSecurityInterceptor}, a request matcher that needs
	 * more than the stand-in request answers).
	 * @param context the application context that holds the Spring Security beans
	 * @param servletContext the servlet context the path is served in
	 * @param contextPath its context path ({@code ""} for the root)
	 * @param servletPath the path of the servlet that serves the path ({@code ""} for the
	 * default servlet)
	 * @param path the path within the servlet
	 * @return the reason, as a phrase, or {@code null}
	 */
	static String whyAnonymousGetPasses(ApplicationContext context, ServletContext servletContext, String contextPath,
			String servletPath, String path) {
		String request = "GET " + contextPath + servletPath + path;
		Object bean = context.containsBean(FILTER_CHAIN_BEAN) ? context.getBean(FILTER_CHAIN_BEAN) : null;
		FilterChainProxy proxy = (bean instanceof FilterChainProxy chains) ? chains
				: context.getBeanProvider(FilterChainProxy.class).getIfUnique();
		if (proxy == null) {
			if (bean != null) {
				LOG.debug("Cannot tell whether Spring Security protects " + request + ": " + FILTER_CHAIN_BEAN
						+ " is a " + bean.getClass().getName());
				return null;
			}
			return "the application has no Spring Security filter chain (no FilterChainProxy bean)";
		}
		UnobservedProbe unobserved = UnobservedProbe.start(context);
		try {
			HttpServletRequest probe = request(servletContext, contextPath, servletPath, path);
			for (SecurityFilterChain chain : proxy.getFilterChains()) {
				if (chain.matches(probe)) {
					return whyChainLetsThrough(chain, probe, request);
				}
			}
			return "none of the application's Spring Security filter chains matches an anonymous " + request;
		}
		catch (RuntimeException ex) {
			LOG.debug("Cannot tell whether Spring Security protects " + request, ex);
			return null;
		}
		finally {
			unobserved.end();
		}
	}

	private static String whyChainLetsThrough(SecurityFilterChain chain, HttpServletRequest probe, String request) {
		for (Filter filter : chain.getFilters()) {
			if (filter instanceof AuthorizationFilter authorization) {
				AuthorizationResult result = authorization.getAuthorizationManager().authorize(ANONYMOUS, probe);
				return (result == null || result.isGranted())
						? "the Spring Security filter chain that matches an anonymous " + request
								+ " lets it through (permitAll() or a rule like it)"
						: null;
			}
			if (filter.getClass().getName().endsWith(".FilterSecurityInterceptor")) {
				LOG.debug("Cannot tell whether Spring Security protects " + request
						+ ": its chain authorizes with the legacy FilterSecurityInterceptor");
				return null;
			}
		}
		return "the Spring Security filter chain that matches an anonymous " + request
				+ " has no authorization rules (no authorizeHttpRequests)";
	}

	/** A secure, anonymous {@code GET} from a public address, without headers. */
	private static HttpServletRequest request(ServletContext servletContext, String contextPath, String servletPath,
			String path) {
		String uri = contextPath + servletPath + path;
		boolean defaultServlet = servletPath.isEmpty();
		Map<String, Object> values = new HashMap<>();
		values.put("getMethod", "GET");
		values.put("getScheme", "https");
		values.put("isSecure", true);
		values.put("getProtocol", "HTTP/1.1");
		values.put("getServerName", "localhost");
		values.put("getServerPort", 443);
		values.put("getRemoteAddr", REMOTE_ADDRESS);
		values.put("getRemoteHost", REMOTE_ADDRESS);
		values.put("getRequestURI", uri);
		values.put("getRequestURL", "https://localhost" + uri);
		values.put("getContextPath", contextPath);
		values.put("getServletPath", defaultServlet ? path : servletPath);
		values.put("getPathInfo", defaultServlet ? null : path);
		values.put("getHttpServletMapping", mapping(defaultServlet ? MappingMatch.DEFAULT : MappingMatch.PATH,
				defaultServlet ? "/" : servletPath + "/*", defaultServlet ? "" : servletPath.substring(1)));
		values.put("getServletContext", servletContext);
		values.put("getDispatcherType", DispatcherType.REQUEST);
		values.put("getLocale", Locale.ROOT);
		values.put("getLocales", (Supplier<Enumeration<Locale>>) () -> Collections.enumeration(List.of(Locale.ROOT)));
		values.put("getParameterNames", (Supplier<Enumeration<String>>) Collections::emptyEnumeration);
		values.put("getParameterMap", Map.of());
		values.put("getIntHeader", -1);
		values.put("getDateHeader", -1L);
		values.put("getContentLength", -1);
		values.put("getContentLengthLong", -1L);
		return StandInRequest.of("probe request GET " + uri, values, Map.of());
	}

	private static HttpServletMapping mapping(MappingMatch match, String pattern, String matchValue) {
		return new HttpServletMapping() {

			@Override
			public String getMatchValue() {
				return matchValue;
			}

			@Override
			public String getPattern() {
				return pattern;
			}

			@Override
			public String getServletName() {
				return "dispatcherServlet";
			}

			@Override
			public MappingMatch getMappingMatch() {
				return match;
			}

		};
	}

}
