package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.hsts.actuate.CspReportMetrics;
import dev.hsts.core.CspReportCollector;
import dev.hsts.core.CspReportListener;
import dev.hsts.core.CspReportStatistics;
import dev.hsts.core.CspReportingDirectives;
import dev.hsts.core.HeaderPolicy;
import dev.hsts.core.PolicyUsage;

/**
 * The CSP violation report collector
 * ({@code security.headers.content-security-policy.reporting.enabled=true}), for either
 * web stack: its statistics, the directives every policy gets, the collector, the
 * Micrometer counters and the application event. The web stack's filter answers the
 * requests (servlet: {@code SecurityHeadersFilter}; WebFlux: its WebFilter). Wiring only.
 */
@AutoConfiguration(after = SecurityHeadersPropertiesAutoConfiguration.class,
		before = { SecurityHeadersAutoConfiguration.class, ReactiveSecurityHeadersAutoConfiguration.class,
				TrustedHostsAutoConfiguration.class, SecurityHeadersEndpointAutoConfiguration.class })
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "security.headers.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SecurityHeadersProperties.class)
public class CspReportingAutoConfiguration {

	/** With reporting on. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "security.headers.content-security-policy.reporting.enabled")
	static class ReportingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CspReportStatistics securityHeadersCspReportStatistics(ObjectProvider<Clock> clock) {
			return new CspReportStatistics(StarterClock.of(clock));
		}

		@Bean
		@ConditionalOnMissingBean
		CspReportingDirectives securityHeadersCspReportingDirectives(SecurityHeadersProperties properties,
				Environment environment, CspReportStatistics statistics) {
			CspReportCollector.Settings settings = SecurityHeaderValues.cspReportSettings(properties);
			return new CspReportingDirectives(contextPath(environment) + settings.path(), statistics,
					configuredPolicyIds(properties));
		}

		@Bean
		@ConditionalOnMissingBean
		CspReportCollector securityHeadersCspReportCollector(SecurityHeadersProperties properties,
				ObjectProvider<Clock> clock, CspReportStatistics statistics,
				ObjectProvider<CspReportCollector.Counters> counters, ObjectProvider<CspReportListener> listeners,
				ApplicationEventPublisher publisher, CspReportingDirectives directives) {
			List<CspReportListener> all = new ArrayList<>(listeners.orderedStream().toList());
			all.add(new CspReportEvents(publisher, directives));
			CspReportCollector.Counters counting = counters.getIfUnique();
			return new CspReportCollector(SecurityHeaderValues.cspReportSettings(properties), StarterClock.of(clock),
					statistics, (counting != null) ? counting : CspReportCollector.Counters.NONE, all, directives);
		}

		@Bean
		@ConditionalOnMissingBean
		CspReportFindings securityHeadersCspReportFindings(SecurityHeadersProperties properties,
				CspReportStatistics statistics, ObjectProvider<PolicyUsage> policyUsage) {
			SecurityHeadersProperties.Reporting reporting = properties.getContentSecurityPolicy().getReporting();
			return new CspReportFindings(statistics, reporting.getQuietPeriod(), reporting.getMinResponses(),
					Deferred.ifUnique(policyUsage));
		}

		/** Counts reports in Micrometer when it is on the class path. */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterRegistry.class)
		static class MetricsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			CspReportMetrics securityHeadersCspReportMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
				return new CspReportMetrics(Deferred.ifUnique(meterRegistry));
			}

		}

	}

	/**
	 * The prefix browsers must put before the collector's path: the servlet context path
	 * or the WebFlux base path, without a trailing slash.
	 */
	static String contextPath(Environment environment) {
		String path = environment.getProperty("server.servlet.context-path");
		if (path == null || path.isEmpty()) {
			path = environment.getProperty("spring.webflux.base-path");
		}
		if (path == null || path.isEmpty() || path.equals("/")) {
			return "";
		}
		path = path.trim();
		if (!path.startsWith("/")) {
			path = "/" + path;
		}
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/**
	 * {@code default}, the named policies' names, and {@code path.<i>} per CSP path
	 * policy.
	 */
	static Set<String> configuredPolicyIds(SecurityHeadersProperties properties) {
		Set<String> ids = new TreeSet<>();
		ids.add(HeaderPolicy.DEFAULT_NAME);
		if (properties.getPolicies() != null) {
			ids.addAll(properties.getPolicies().keySet());
		}
		List<SecurityHeadersProperties.PathPolicy> paths = properties.getContentSecurityPolicy().getPathPolicies();
		for (int i = 0; paths != null && i < paths.size(); i++) {
			ids.add(CspReportingDirectives.pathPolicyId(i));
		}
		return ids;
	}

}
