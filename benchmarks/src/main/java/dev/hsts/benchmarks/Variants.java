package dev.hsts.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;

import dev.hsts.autoconfigure.SecurityHeadersAutoConfiguration;
import dev.hsts.autoconfigure.TrustedHostsAutoConfiguration;
import dev.hsts.servlet.DeferringHeaderWriterFilter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.TrustedHostFilter;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.PermissionsPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;

/**
 * The servlet and the eight filter variants every per-request benchmark runs, whatever
 * its harness: (1) no header filter (the floor); (2) a hand-written filter, and (2b) the
 * same checking each header first; (3) Spring Security's {@link HeaderWriterFilter}; (4)
 * the starter's filters as its auto-configuration builds them, and (4b) the same without
 * trusted hosts; (5) the hand-written filter and (6) the starter's filters, each before
 * Spring Security's default filter chain. {@link #check} makes sure they all write the
 * same header set.
 */
final class Variants {

	/** The trusted hosts of the starter's variant: a few entries of each kind. */
	static final String ALLOWED = "api.example.com,www.example.com,*.example.com,*.internal.example.net,10.0.0.0/8";

	/**
	 * Runs one request through the filters and returns the response's headers, by name
	 * (any case).
	 */
	@FunctionalInterface
	interface Harness {

		Map<String, List<String>> headers(Filter[] filters) throws Exception;

	}

	final Servlet servlet = new Requests.HealthServlet();

	final Filter[] floor = new Filter[0];

	final Filter[] naive = { new NaiveHeadersFilter(false) };

	final Filter[] naiveSetIfAbsent = { new NaiveHeadersFilter(true) };

	final Filter[] springSecurity = { newHeaderWriterFilter() };

	final Filter[] starter = starterFilters(true);

	final Filter[] starterHeadersOnly = starterFilters(false);

	/**
	 * (5) The hand-written set-if-absent filter, then Spring Security's filter chain as a
	 * Spring Security application builds it by default (every request permitted), whose
	 * {@link HeaderWriterFilter} finds the headers set: what a Spring Security
	 * application that sends the same headers by hand runs per request.
	 */
	final Filter[] naiveInSpringSecurityChain = naiveInSpringSecurityChain();

	/**
	 * (6) The starter's filters, then the same Spring Security chain, built with the
	 * starter: its {@code DeferringHeaderWriterFilter} in place of Spring Security's
	 * {@link HeaderWriterFilter}, whose writers the starter's response runs at commit
	 * with the managed headers dropped. What a Spring Security application with the
	 * starter runs per request.
	 */
	final Filter[] starterInSpringSecurityChain = starterInSpringSecurityChain();

	/**
	 * Refuses to run unless every variant writes the naive filter's headers on the
	 * harness, and HSTS comes from the filters only.
	 */
	void check(Harness harness) throws Exception {
		Map<String, List<String>> expected = harness.headers(this.naive);
		check("naiveSetIfAbsent", expected, harness.headers(this.naiveSetIfAbsent));
		check("springSecurity", expected, harness.headers(this.springSecurity));
		check("starter", expected, harness.headers(this.starter));
		check("starterHeadersOnly", expected, harness.headers(this.starterHeadersOnly));
		check("naiveInSpringSecurityChain", expected, harness.headers(this.naiveInSpringSecurityChain));
		check("starterInSpringSecurityChain", expected, harness.headers(this.starterInSpringSecurityChain));
		if (!expected.containsKey("Strict-Transport-Security")
				|| harness.headers(this.floor).containsKey("Strict-Transport-Security")) {
			throw new IllegalStateException("HSTS must come from the filters only: " + expected);
		}
	}

	private static void check(String variant, Map<String, List<String>> expected, Map<String, List<String>> actual) {
		if (!expected.equals(actual)) {
			throw new IllegalStateException(variant + " writes " + actual + ", the naive filter " + expected);
		}
	}

	/**
	 * Spring Security's filter with the same header set (Boot's default: written when the
	 * response commits).
	 */
	static HeaderWriterFilter newHeaderWriterFilter() {
		HstsHeaderWriter hsts = new HstsHeaderWriter();
		hsts.setMaxAgeInSeconds(300);
		hsts.setIncludeSubDomains(false);
		XXssProtectionHeaderWriter xssProtection = new XXssProtectionHeaderWriter();
		xssProtection.setHeaderValue(XXssProtectionHeaderWriter.HeaderValue.DISABLED);
		List<HeaderWriter> writers = List.of(hsts, new XContentTypeOptionsHeaderWriter(),
				new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY),
				new ReferrerPolicyHeaderWriter(ReferrerPolicy.NO_REFERRER),
				new PermissionsPolicyHeaderWriter("geolocation=(), microphone=(), camera=()"),
				new StaticHeadersWriter("X-Permitted-Cross-Domain-Policies", "none"), xssProtection,
				new StaticHeadersWriter("Cache-Control", "no-store"));
		return new HeaderWriterFilter(writers);
	}

	/**
	 * The starter's filters, from its auto-configuration: the filters of its enabled
	 * registrations, in their order (as the container would chain them).
	 */
	static Filter[] starterFilters(boolean trustedHosts) {
		return starterFilters(trustedHosts, false);
	}

	private static Filter[] naiveInSpringSecurityChain() {
		List<Filter> filters = new ArrayList<>();
		filters.add(new NaiveHeadersFilter(true));
		new WebApplicationContextRunner().withUserConfiguration(SpringSecurityChain.class).run((context) -> {
			if (context.getStartupFailure() != null) {
				throw new IllegalStateException(context.getStartupFailure());
			}
			filters.add(springSecurityChain(context, HeaderWriterFilter.class));
		});
		return filters.toArray(new Filter[0]);
	}

	private static Filter[] starterInSpringSecurityChain() {
		return starterFilters(true, true);
	}

	/**
	 * The filter Spring Security registers with the container
	 * ({@code springSecurityFilterChain}), after checking that the one chain has a header
	 * filter of the given type.
	 */
	private static Filter springSecurityChain(ApplicationContext context, Class<?> headerFilterType) {
		List<Filter> chainFilters = context.getBean(SecurityFilterChain.class).getFilters();
		if (chainFilters.stream().noneMatch((filter) -> filter.getClass() == headerFilterType)) {
			throw new IllegalStateException(
					"Spring Security's chain has no " + headerFilterType.getSimpleName() + ": " + chainFilters);
		}
		return context.getBean("springSecurityFilterChain", Filter.class);
	}

	private static Filter[] starterFilters(boolean trustedHosts, boolean springSecurity) {
		List<Filter> filters = new ArrayList<>();
		WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
				AutoConfigurations.of(SecurityHeadersAutoConfiguration.class, TrustedHostsAutoConfiguration.class));
		if (trustedHosts) {
			runner = runner.withPropertyValues("security.headers.trusted-hosts.allowed=" + ALLOWED);
		}
		if (springSecurity) {
			runner = runner.withUserConfiguration(SpringSecurityChain.class);
		}
		runner.run((context) -> {
			if (context.getStartupFailure() != null) {
				throw new IllegalStateException(context.getStartupFailure());
			}
			TrustedHostFilter hosts = context.getBean(TrustedHostFilter.class);
			if (trustedHosts == hosts.getCheck().getTrustedHosts().isOff()) {
				throw new IllegalStateException("The trusted-host check is " + (trustedHosts ? "off" : "on"));
			}
			context.getBeansOfType(FilterRegistrationBean.class)
				.values()
				.stream()
				.filter(FilterRegistrationBean::isEnabled)
				.sorted(Comparator.comparingInt(FilterRegistrationBean::getOrder))
				.forEach((registration) -> filters.add(registration.getFilter()));
			if (springSecurity) {
				// After the starter's filters, as its order (-100) puts it in the
				// container.
				filters.add(springSecurityChain(context, DeferringHeaderWriterFilter.class));
			}
		});
		if (filters.isEmpty() || !(filters.get(0) instanceof SecurityHeadersFilter)) {
			throw new IllegalStateException("The starter registered no header filter first: " + filters);
		}
		return filters.toArray(new Filter[0]);
	}

	/**
	 * A Spring Security application's filter chain: Spring Security's defaults (its
	 * default headers included), every request permitted.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class SpringSecurityChain {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

}
