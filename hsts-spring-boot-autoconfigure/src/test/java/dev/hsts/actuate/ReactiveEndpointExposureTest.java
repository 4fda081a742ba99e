package dev.hsts.actuate;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import dev.hsts.autoconfigure.SecurityHeadersFindings;
import dev.hsts.core.Finding;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import dev.hsts.test.Http;
import dev.hsts.test.TestTls;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code securityheaders} endpoint as the startup report and the findings describe it
 * in a WebFlux application without Spring Security, on Reactor Netty over real TLS: the
 * same finding, message and heading as in a servlet application
 * ({@link EndpointExposureTest}), with the application's {@code spring.webflux.base-path}
 * and the actuator's own port.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactiveEndpointExposureTest {

	private static final String EXPOSE = "management.endpoints.web.exposure.include=securityheaders";

	/**
	 * The test class path has Tomcat next to Reactor Netty, and both register the
	 * reactive management server's factory; a real WebFlux application has one server.
	 */
	private static final String NETTY_MANAGEMENT_SERVER = "spring.autoconfigure.exclude=org.springframework.boot.tomcat."
			+ "autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration";

	private static final String UNPROTECTED = "[warning] endpoint.unprotected (management.endpoints.web.exposure.include)";

	static ConfigurableApplicationContext start(Class<?>[] sources, String... properties) {
		List<String> all = new ArrayList<>(TestTls.get().serverProperties());
		all.addAll(List.of("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(sources).web(WebApplicationType.REACTIVE)
			.initializers(RunningReactiveApp.ownEventLoops())
			.properties(all.toArray(new String[0]))
			.run();
	}

	static Http https(ConfigurableApplicationContext context) {
		return Http.https(port(context, "local.server.port"));
	}

	static int port(ConfigurableApplicationContext context, String property) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty(property));
	}

	static List<String> findingCodes(ConfigurableApplicationContext context) {
		return context.getBean(SecurityHeadersFindings.class).findings().stream().map(Finding::code).toList();
	}

	private static String report(CapturedOutput output) {
		String log = output.getAll();
		assertThat(StringUtils.countOccurrencesOf(log, "Security headers: ")).as(log).isEqualTo(1);
		return log.substring(log.indexOf("Security headers: "));
	}

	@Test
	void exposedWithoutSpringSecurityAnyoneCanReadItAndTheReportSaysSo(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(new Class<?>[] { App.class }, EXPOSE)) {
			assertThat(report(output)).contains("(details at /actuator/securityheaders)")
				.contains(UNPROTECTED)
				.contains("The securityheaders endpoint is exposed over HTTP at /actuator/securityheaders "
						+ "(management.endpoints.web.exposure.include) and nothing protects it: the application has "
						+ "no Spring Security filter chain (no WebFilterChainProxy bean).")
				.contains("remove securityheaders from management.endpoints.web.exposure.include.");
			assertThat(output.getAll()).containsPattern("WARN .*FindingsStartupReport");
			// And indeed: an anonymous client reads it, finding included.
			HttpResponse<String> response = https(context).get("evil.example", "/actuator/securityheaders");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"code\":\"endpoint.unprotected\"",
					"\"property\":\"management.endpoints.web.exposure.include\"", "\"severity\":\"warning\"");
		}
	}

	@Test
	void theReportNamesTheWebFluxBasePath(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(new Class<?>[] { App.class }, EXPOSE,
				"spring.webflux.base-path=/api/")) {
			assertThat(report(output)).contains("(details at /api/actuator/securityheaders)")
				.contains("exposed over HTTP at /api/actuator/securityheaders (");
			assertThat(findingCodes(context)).contains("endpoint.unprotected");
			assertThat(https(context).get("localhost", "/api/actuator/securityheaders").statusCode()).isEqualTo(200);
			assertThat(https(context).get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void theReportNamesThePathMappingTheApplicationChose(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(new Class<?>[] { App.class }, EXPOSE,
				"management.endpoints.web.base-path=/manage",
				"management.endpoints.web.path-mapping.securityheaders=headers-policy")) {
			assertThat(report(output)).contains("(details at /manage/headers-policy)")
				.contains("exposed over HTTP at /manage/headers-policy (")
				.doesNotContain("/actuator/securityheaders");
			assertThat(https(context).get("localhost", "/manage/headers-policy").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void notExposedTheReportSaysHowToSeeTheFindingsAndNothingIsUnprotected(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(new Class<?>[] { App.class })) {
			assertThat(report(output))
				.contains("(to see them over HTTP, add securityheaders to management.endpoints.web.exposure.include)")
				.doesNotContain("/actuator/securityheaders")
				.doesNotContain("endpoint.unprotected");
			assertThat(findingCodes(context)).doesNotContain("endpoint.unprotected");
			assertThat(https(context).get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void onAManagementPortBoundToLoopbackItIsNoWarning(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(new Class<?>[] { App.class }, EXPOSE,
				NETTY_MANAGEMENT_SERVER, "management.server.port=0", "management.server.address=127.0.0.1")) {
			int port = port(context, "local.management.port");
			assertThat(report(output))
				.contains("(details at /actuator/securityheaders on the management port " + port + ")")
				.doesNotContain("endpoint.unprotected");
			assertThat(findingCodes(context)).doesNotContain("endpoint.unprotected");
			assertThat(Http.https(port).get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(200);
			assertThat(https(context).get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void onAManagementPortOnEveryInterfaceItIsAWarning(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(new Class<?>[] { App.class }, EXPOSE,
				NETTY_MANAGEMENT_SERVER, "management.server.port=0")) {
			int port = port(context, "local.management.port");
			assertThat(report(output)).contains(UNPROTECTED)
				.contains("exposed over HTTP at /actuator/securityheaders on the management port " + port
						+ " (management.endpoints.web.exposure.include) and nothing protects it: the management port "
						+ "is not bound to a loopback address (management.server.address), and the application has "
						+ "no Spring Security filter chain (no WebFilterChainProxy bean).");
			assertThat(Http.https(port).get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(200);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	@RestController
	static class App {

		@GetMapping("/hello")
		Mono<String> hello() {
			return Mono.just("hello");
		}

	}

}
