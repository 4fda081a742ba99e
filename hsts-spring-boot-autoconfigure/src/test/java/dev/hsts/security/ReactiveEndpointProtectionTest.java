package dev.hsts.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.hsts.autoconfigure.SecurityHeadersFindings;
import dev.hsts.core.Finding;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.Http;
import dev.hsts.test.TestTls;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether an exposed {@code securityheaders} endpoint is protected in a WebFlux
 * application, decided from the application's Spring Security {@code WebFilterChainProxy}
 * on Reactor Netty over real TLS; each verdict is checked against what an anonymous
 * client really gets.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactiveEndpointProtectionTest {

	private static final String EXPOSE = "management.endpoints.web.exposure.include=securityheaders,health";

	/**
	 * The test class path has Tomcat next to Reactor Netty, and both register the
	 * reactive management server's factory; a real WebFlux application has one server.
	 */
	private static final String NETTY_MANAGEMENT_SERVER = "spring.autoconfigure.exclude=org.springframework.boot.tomcat."
			+ "autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration";

	private static final String UNPROTECTED = "[warning] endpoint.unprotected (management.endpoints.web.exposure.include)";

	private static ConfigurableApplicationContext start(Class<?>[] sources, String... properties) {
		List<String> all = new ArrayList<>(TestTls.get().serverProperties());
		all.addAll(List.of("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
				"spring.security.user.password=secret", EXPOSE,
				"logging.level.dev.hsts.autoconfigure.ReactiveSpringSecurityProbe=debug"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(sources).web(WebApplicationType.REACTIVE)
			.initializers(RunningReactiveApp.ownEventLoops())
			.properties(all.toArray(new String[0]))
			.run();
	}

	/** Every verdict below is the probe's, not a probe that could not tell. */
	private static void assertDecided(CapturedOutput output) {
		assertThat(output.getAll()).doesNotContain("Cannot tell whether Spring Security protects");
	}

	private static List<String> findingCodes(ConfigurableApplicationContext context) {
		return context.getBean(SecurityHeadersFindings.class).findings().stream().map(Finding::code).toList();
	}

	private static int anonymousStatus(ConfigurableApplicationContext context, String path) {
		int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
		return Http.https(port).get("localhost", path).statusCode();
	}

	@Test
	void springBootsDefaultChainProtectsIt(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(new Class<?>[] { ReactiveChainApplication.class })) {
			assertThat(findingCodes(context)).doesNotContain("endpoint.unprotected");
			assertThat(output.getAll()).doesNotContain(UNPROTECTED);
			assertThat(anonymousStatus(context, "/actuator/securityheaders")).isEqualTo(401);
			assertDecided(output);
		}
	}

	@Test
	void springBootsDefaultChainProtectsItUnderTheBasePath(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(new Class<?>[] { ReactiveChainApplication.class },
				"spring.webflux.base-path=/api")) {
			assertThat(findingCodes(context)).doesNotContain("endpoint.unprotected");
			assertThat(output.getAll()).doesNotContain(UNPROTECTED);
			assertThat(anonymousStatus(context, "/api/actuator/securityheaders")).isEqualTo(401);
			assertDecided(output);
		}
	}

	@Test
	void aChainThatRequiresARoleForTheActuatorProtectsIt(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(
				new Class<?>[] { ReactiveChainApplication.class, OpsOnlyActuator.class })) {
			assertThat(findingCodes(context)).doesNotContain("endpoint.unprotected");
			assertThat(anonymousStatus(context, "/actuator/securityheaders")).isEqualTo(401);
			assertDecided(output);
		}
	}

	@Test
	void aChainThatPermitsTheActuatorIsAWarning(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(
				new Class<?>[] { ReactiveChainApplication.class, PublicActuator.class })) {
			assertThat(output.getAll()).contains("(details at /actuator/securityheaders)")
				.contains(UNPROTECTED)
				.contains("The securityheaders endpoint is exposed over HTTP at /actuator/securityheaders "
						+ "(management.endpoints.web.exposure.include) and nothing protects it: the Spring Security "
						+ "filter chain that matches an anonymous GET /actuator/securityheaders lets it through "
						+ "(permitAll() or a rule like it).");
			assertThat(anonymousStatus(context, "/actuator/securityheaders")).isEqualTo(200);
			assertThat(anonymousStatus(context, "/private/hello")).isEqualTo(401);
			assertDecided(output);
		}
	}

	@Test
	void theProbeIsNotObservedAsARequest(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(
				new Class<?>[] { ReactiveChainApplication.class, PublicActuator.class, RecordedObservations.class })) {
			// The probe ran Spring Security's chain at startup (its verdict is in the
			// report), and Spring Security observed nothing: no filter chain and no
			// authorization in the application's metrics or traces for a request nobody
			// sent.
			assertThat(output.getAll()).contains(UNPROTECTED);
			assertDecided(output);
			RecordedObservations observations = context.getBean(RecordedObservations.class);
			assertThat(observations.springSecurity()).isEmpty();
			// A real request is observed, through the same registry.
			assertThat(anonymousStatus(context, "/actuator/securityheaders")).isEqualTo(200);
			assertThat(observations.springSecurity()).contains("spring.security.authorizations");
		}
	}

	@Test
	void chainsThatDoNotMatchTheActuatorAreAWarning(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(
				new Class<?>[] { ReactiveChainApplication.class, PrivateOnlyChain.class })) {
			assertThat(output.getAll()).contains(UNPROTECTED)
				.contains("nothing protects it: none of the application's Spring Security filter chains matches an "
						+ "anonymous GET /actuator/securityheaders.");
			assertThat(anonymousStatus(context, "/actuator/securityheaders")).isEqualTo(200);
			assertThat(anonymousStatus(context, "/private/hello")).isEqualTo(401);
			assertDecided(output);
		}
	}

	@Test
	void aChainWithoutAuthorizationRulesIsAWarning(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(
				new Class<?>[] { ReactiveChainApplication.class, NoAuthorizationChain.class })) {
			assertThat(output.getAll()).contains(UNPROTECTED)
				.contains("nothing protects it: the Spring Security filter chain that matches an anonymous GET "
						+ "/actuator/securityheaders has no authorization rules (no authorizeExchange).");
			assertThat(anonymousStatus(context, "/actuator/securityheaders")).isEqualTo(200);
			assertDecided(output);
		}
	}

	@Test
	void springBootsDefaultChainProtectsItOnTheManagementPort(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(new Class<?>[] { ReactiveChainApplication.class },
				NETTY_MANAGEMENT_SERVER, "management.server.port=0")) {
			int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
			assertThat(findingCodes(context)).doesNotContain("endpoint.unprotected");
			assertThat(output.getAll()).doesNotContain(UNPROTECTED)
				.contains("(details at /actuator/securityheaders on the management port " + port + ")");
			assertThat(Http.https(port).get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(401);
			assertDecided(output);
		}
	}

	@Test
	void aChainThatPermitsTheActuatorIsAWarningOnTheManagementPort(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(
				new Class<?>[] { ReactiveChainApplication.class, PublicActuator.class }, NETTY_MANAGEMENT_SERVER,
				"management.server.port=0")) {
			int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
			assertThat(output.getAll()).contains(UNPROTECTED)
				.contains("nothing protects it: the management port is not bound to a loopback address "
						+ "(management.server.address), and the Spring Security filter chain that matches an "
						+ "anonymous GET /actuator/securityheaders lets it through (permitAll() or a rule like it).");
			assertThat(Http.https(port).get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(200);
			assertDecided(output);
		}
	}

	static class OpsOnlyActuator {

		@Bean
		SecurityWebFilterChain chain(ServerHttpSecurity http) {
			return http
				.authorizeExchange((exchanges) -> exchanges.pathMatchers("/actuator/health")
					.permitAll()
					.pathMatchers("/actuator/**")
					.hasRole("OPS")
					.anyExchange()
					.permitAll())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

	static class PublicActuator {

		@Bean
		SecurityWebFilterChain chain(ServerHttpSecurity http) {
			return http
				.authorizeExchange(
						(exchanges) -> exchanges.pathMatchers("/actuator/**").permitAll().anyExchange().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

	static class PrivateOnlyChain {

		@Bean
		SecurityWebFilterChain chain(ServerHttpSecurity http) {
			return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/private/**"))
				.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

	static class NoAuthorizationChain {

		@Bean
		SecurityWebFilterChain chain(ServerHttpSecurity http) {
			return http.httpBasic(Customizer.withDefaults()).build();
		}

	}

}
