package dev.hsts.autoconfigure;

import java.util.Map;

import dev.hsts.actuate.SecurityHeadersEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's wiring: the live policy while the starter is on, an endpoint that says
 * it is off when the application switched it off, and none where the application switched
 * the endpoint off or is no servlet web application. (Exposure over HTTP is checked over
 * real TLS in {@code SecurityHeadersEndpointOverTlsTest}.)
 */
class SecurityHeadersEndpointAutoConfigurationTest {

	private static final AutoConfigurations STARTER = AutoConfigurations.of(SecurityHeadersAutoConfiguration.class,
			TrustedHostsAutoConfiguration.class, SecurityHeadersEndpointAutoConfiguration.class);

	private static final String EXPOSE = "management.endpoints.web.exposure.include=securityheaders";

	private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(STARTER);

	@Test
	void reportsTheLivePolicyWhileTheStarterIsOn() {
		this.web.withPropertyValues(EXPOSE).run((context) -> {
			Map<String, Object> report = context.getBean(SecurityHeadersEndpoint.class)
				.securityHeaders(SecurityContext.NONE);
			assertThat(report).containsEntry("enabled", true);
		});
	}

	@Test
	void saysTheStarterIsOffWhenTheApplicationSwitchedItOff() {
		this.web.withPropertyValues(EXPOSE, "security.headers.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(dev.hsts.servlet.SecurityHeadersFilter.class);
			Map<String, Object> report = context.getBean(SecurityHeadersEndpoint.class)
				.securityHeaders(SecurityContext.NONE);
			assertThat(report).containsEntry("enabled", false);
			assertThat(report.get("findings")).asString().contains("starter.off");
		});
	}

	@Test
	void noEndpointWhereTheApplicationSwitchedTheEndpointOff() {
		this.web
			.withPropertyValues(EXPOSE, "security.headers.enabled=false",
					"management.endpoint.securityheaders.access=NONE")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SecurityHeadersEndpoint.class));
	}

	@Test
	void noEndpointInAnApplicationThatIsNotAServletWebApplication() {
		new ApplicationContextRunner().withConfiguration(STARTER)
			.withPropertyValues(EXPOSE, "security.headers.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SecurityHeadersEndpoint.class));
	}

}
