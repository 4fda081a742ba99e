package dev.hsts.autoconfigure;

import java.time.Clock;

import dev.hsts.actuate.SecurityHeadersEndpoint;
import dev.hsts.core.CspReportCollector;
import dev.hsts.core.CookieFlags;
import dev.hsts.core.PolicyUsage;
import dev.hsts.core.HeadersPreview;
import dev.hsts.core.LivePolicy;
import dev.hsts.core.TrustedHostRejectionCounts;
import dev.hsts.core.TrustedHosts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code securityheaders} actuator endpoint, when the actuator is on the class path.
 * Exposed over HTTP only when the application exposes it
 * ({@code management.endpoints.web.exposure.include}), like every endpoint but health.
 * When the application switched the whole starter off
 * ({@code security.headers.enabled=false}) in a web application, the endpoint stays and
 * says so ({@code enabled: false} and the {@code starter.off} finding), so that "what
 * policy is live?" always has an answer.
 */
@AutoConfiguration(after = { SecurityHeadersAutoConfiguration.class, TrustedHostsAutoConfiguration.class,
		ReactiveSecurityHeadersAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(SecurityHeadersEndpoint.class)
@EnableConfigurationProperties(SecurityHeadersEndpointProperties.class)
public class SecurityHeadersEndpointAutoConfiguration {

	private static final EndpointId ID = EndpointId.of("securityheaders");

	/**
	 * The path Boot mapped the endpoint to: exposed, and not switched off.
	 * @param port where the actuator serves HTTP
	 * @param pathMappedEndpoints the endpoints Boot mapped to web paths
	 * @return the endpoint's path, or {@code null} when it is not exposed over HTTP
	 */
	private static String endpointPath(ManagementPortType port,
			ObjectProvider<PathMappedEndpoints> pathMappedEndpoints) {
		PathMappedEndpoints endpoints = (port != ManagementPortType.DISABLED) ? pathMappedEndpoints.getIfAvailable()
				: null;
		return (endpoints != null && endpoints.getEndpoint(ID) != null) ? endpoints.getPath(ID) : null;
	}

	/**
	 * Where the endpoint answers over HTTP and whether anyone can read it there, for the
	 * findings and the startup report, in a servlet application.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class WebExposureConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EndpointWebExposure securityHeadersEndpointWebExposure(ApplicationContext context,
				ObjectProvider<PathMappedEndpoints> pathMappedEndpoints) {
			ManagementPortType port = ManagementPortType.get(context.getEnvironment());
			return new EndpointWebExposure(context, () -> endpointPath(port, pathMappedEndpoints),
					port == ManagementPortType.DIFFERENT);
		}

	}

	/**
	 * Where the endpoint answers over HTTP and whether anyone can read it there, for the
	 * findings and the startup report, in a WebFlux application.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveWebExposureConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveEndpointWebExposure securityHeadersReactiveEndpointWebExposure(ApplicationContext context,
				ObjectProvider<PathMappedEndpoints> pathMappedEndpoints) {
			ManagementPortType port = ManagementPortType.get(context.getEnvironment());
			return new ReactiveEndpointWebExposure(context, () -> endpointPath(port, pathMappedEndpoints),
					port == ManagementPortType.DIFFERENT);
		}

	}

	/** The starter is on: the live policy. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(SecurityHeadersFindings.class)
	static class StarterOnConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SecurityHeadersEndpoint securityHeadersEndpoint(LivePolicy livePolicy, ObjectProvider<Clock> clock,
				HeadersPreview preview, ObjectProvider<TrustedHosts> trustedHosts,
				ObjectProvider<TrustedHostRejectionCounts> rejectionCounts, SecurityHeadersFindings findings,
				SecurityHeadersEndpointProperties properties, ObjectProvider<CookieFlags> cookieFlags,
				ObjectProvider<PolicyUsage> policyUsage, ObjectProvider<CspReportCollector> cspReportCollector) {
			SecurityHeadersEndpoint endpoint = new SecurityHeadersEndpoint(true, livePolicy, StarterClock.of(clock),
					preview, trustedHosts.getIfUnique(), rejectionCounts.getIfUnique(), Deferred.findings(findings),
					properties.getShowValues(), properties.getRoles());
			endpoint.setCookieFlags(cookieFlags.getIfUnique());
			endpoint.setPolicyUsage(policyUsage.getIfUnique());
			endpoint.setCspReportCollector(cspReportCollector.getIfUnique());
			return endpoint;
		}

	}

	/** The whole starter is switched off: an endpoint that says so. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnBooleanProperty(name = "security.headers.enabled", havingValue = false)
	static class StarterOffConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SecurityHeadersEndpoint securityHeadersEndpoint(SecurityHeadersEndpointProperties properties) {
			return SecurityHeadersEndpoint.starterSwitchedOff(SecurityHeadersFindings.starterSwitchedOff()::findings,
					properties.getShowValues(), properties.getRoles());
		}

	}

}
