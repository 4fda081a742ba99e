package dev.hsts.security;

import jakarta.servlet.http.HttpServletRequest;

import dev.hsts.servlet.HeadersEndpoints;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether an exposed {@code securityheaders} endpoint is protected, decided from the
 * application's Spring Security filter chains, on real servers; each verdict is checked
 * against what an anonymous client really gets.
 */
@ExtendWith(OutputCaptureExtension.class)
class EndpointProtectionTest {

	private static final String EXPOSE = "management.endpoints.web.exposure.include=securityheaders,health";

	private static final String UNPROTECTED = "[warning] endpoint.unprotected (management.endpoints.web.exposure.include)";

	private static int anonymousStatus(RunningApp app) {
		return app.plain().get("localhost", "/actuator/securityheaders").statusCode();
	}

	@Test
	void springBootsDefaultChainProtectsIt(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(new Class<?>[] { DefaultChainApplication.class }, EXPOSE)) {
			assertThat(app.findingCodes()).doesNotContain("endpoint.unprotected");
			assertThat(output.getAll()).contains("(details at /actuator/securityheaders)").doesNotContain(UNPROTECTED);
			assertThat(anonymousStatus(app)).isEqualTo(401);
		}
	}

	@Test
	void aChainThatRequiresARoleForTheActuatorProtectsIt() {
		try (RunningApp app = RunningApp.plain(new Class<?>[] { App.class, OpsOnlyActuator.class }, EXPOSE)) {
			assertThat(app.findingCodes()).doesNotContain("endpoint.unprotected");
			assertThat(anonymousStatus(app)).isEqualTo(401);
		}
	}

	@Test
	void aChainThatPermitsTheActuatorIsAWarning(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(new Class<?>[] { App.class, PublicActuator.class }, EXPOSE)) {
			assertThat(output.getAll()).contains(UNPROTECTED)
				.contains("nothing protects it: the Spring Security filter chain that matches an anonymous GET "
						+ "/actuator/securityheaders lets it through (permitAll() or a rule like it).");
			assertThat(anonymousStatus(app)).isEqualTo(200);
		}
	}

	@Test
	void theProbeIsNotObservedAsARequest(CapturedOutput output) {
		try (RunningApp app = RunningApp
			.plain(new Class<?>[] { App.class, PublicActuator.class, RecordedObservations.class }, EXPOSE)) {
			// The probe ran at startup (its verdict is in the report), and Spring
			// Security
			// observed nothing: no anonymous authorization in the application's metrics
			// or
			// traces for a request nobody sent.
			assertThat(output.getAll()).contains(UNPROTECTED);
			RecordedObservations observations = app.context().getBean(RecordedObservations.class);
			assertThat(observations.springSecurity()).isEmpty();
			// A real request is observed, through the same registry.
			assertThat(anonymousStatus(app)).isEqualTo(200);
			assertThat(observations.springSecurity()).contains("spring.security.authorizations");
		}
	}

	@Test
	void chainsThatDoNotMatchTheActuatorAreAWarning(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(new Class<?>[] { App.class, ApiOnlyChain.class }, EXPOSE)) {
			assertThat(output.getAll()).contains(UNPROTECTED)
				.contains("nothing protects it: none of the application's Spring Security filter chains matches an "
						+ "anonymous GET /actuator/securityheaders.");
			assertThat(anonymousStatus(app)).isEqualTo(200);
		}
	}

	@Test
	void aChainWithoutAuthorizationRulesIsAWarning(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(new Class<?>[] { App.class, NoAuthorizationChain.class }, EXPOSE)) {
			assertThat(output.getAll()).contains(UNPROTECTED)
				.contains("nothing protects it: the Spring Security filter chain that matches an anonymous GET "
						+ "/actuator/securityheaders has no authorization rules (no authorizeHttpRequests).");
			assertThat(anonymousStatus(app)).isEqualTo(200);
		}
	}

	@Test
	void aChainForTheManagementServerIsAskedOnTheManagementServer(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(new Class<?>[] { App.class, ManagementServerChain.class }, EXPOSE,
				"management.server.port=0")) {
			int port = Integer.parseInt(app.context().getEnvironment().getRequiredProperty("local.management.port"));
			assertThat(app.findingCodes()).doesNotContain("endpoint.unprotected");
			assertThat(output.getAll()).doesNotContain(UNPROTECTED);
			assertThat(Http.plain(port).get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(401);
			assertThat(app.plain().get("localhost", "/anything").statusCode()).isNotEqualTo(401);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(HeadersEndpoints.class)
	static class App {

	}

	static class OpsOnlyActuator {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) throws Exception {
			return http
				.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health")
					.permitAll()
					.requestMatchers("/actuator/**")
					.hasRole("OPS")
					.anyRequest()
					.permitAll())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

	static class PublicActuator {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) throws Exception {
			return http
				.authorizeHttpRequests(
						(requests) -> requests.requestMatchers("/actuator/**").permitAll().anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

	static class ApiOnlyChain {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) throws Exception {
			return http.securityMatcher("/api/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

	static class NoAuthorizationChain {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) throws Exception {
			return http.httpBasic(Customizer.withDefaults()).build();
		}

	}

	/**
	 * One chain for the actuator's own server (told apart by its servlet context, as
	 * Spring Boot's {@code EndpointRequest} does, which moved between Boot 3.5 and 4.1),
	 * and one that lets everything else through.
	 */
	static class ManagementServerChain {

		static boolean onTheManagementServer(HttpServletRequest request) {
			WebApplicationContext context = WebApplicationContextUtils
				.getWebApplicationContext(request.getServletContext());
			return context != null && context.getParent() != null;
		}

		@Bean
		@Order(1)
		SecurityFilterChain management(HttpSecurity http) throws Exception {
			return http.securityMatcher(ManagementServerChain::onTheManagementServer)
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

}
