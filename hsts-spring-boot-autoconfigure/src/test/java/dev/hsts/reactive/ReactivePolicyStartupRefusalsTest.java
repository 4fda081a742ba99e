package dev.hsts.reactive;

import dev.hsts.annotation.SecurityHeadersPolicy;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import dev.hsts.test.FailedStartup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application whose handlers ask for a policy that is not configured, or set an
 * inline value that is not valid, does not start: the report names the handler (the
 * controller method, or the functional route) and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactivePolicyStartupRefusalsTest {

	private static SpringApplicationBuilder application(Class<?> source, String... properties) {
		return new SpringApplicationBuilder(source).web(WebApplicationType.REACTIVE)
			.initializers(RunningReactiveApp.ownEventLoops())
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"security.headers.policies.embeddable.frame-options=SAMEORIGIN")
			.properties(properties);
	}

	@Test
	void anAnnotationNamingAMissingPolicyStopsStartupNamingTheHandler(CapturedOutput output) {
		FailedStartup failure = FailedStartup.of(application(MissingPolicyOnMethod.class), output);
		assertThat(failure.description()).contains("security.headers.policies.embedable")
			.contains("no policy named 'embedable' is configured")
			.contains(MissingPolicyOnMethod.Widgets.class.getName() + "#widget");
		assertThat(failure.action()).contains("security.headers.policies.embedable").contains("embeddable");
	}

	@Test
	void aClassAnnotationNamingAMissingPolicyStopsStartupNamingTheHandler(CapturedOutput output) {
		FailedStartup failure = FailedStartup.of(application(MissingPolicyOnClass.class), output);
		assertThat(failure.description()).contains("no policy named 'payment' is configured")
			.contains(MissingPolicyOnClass.Payments.class.getName() + "#checkout");
	}

	@Test
	void aRouteAttributeNamingAMissingPolicyStopsStartupNamingTheRoute(CapturedOutput output) {
		FailedStartup failure = FailedStartup.of(application(MissingPolicyOnRoute.class), output);
		assertThat(failure.description()).contains("no policy named 'embedable' is configured")
			.contains("route (GET && /fn/widget) asks for it");
		assertThat(failure.action()).contains("security.headers.policies.embedable");
	}

	@Test
	void anInvalidInlineValueStopsStartupNamingTheAnnotation(CapturedOutput output) {
		FailedStartup failure = FailedStartup.of(application(InvalidInlineValue.class), output);
		assertThat(failure.description()).contains("@SecurityHeadersPolicy(frameOptions)")
			.contains(InvalidInlineValue.Framed.class.getName() + "#framed")
			.contains("ALLOW-FROM https://partner.example");
	}

	@Test
	void twoPathPoliciesWithoutOrderStopStartup(CapturedOutput output) {
		FailedStartup failure = FailedStartup
			.of(application(MissingPolicyOnMethod.class, "security.headers.policies.embeddable.paths=/embed/**",
					"security.headers.policies.public-page.paths=/embed/public/**",
					"security.headers.policies.public-page.cache-control.value=max-age=60"), output);
		assertThat(failure.description()).contains("'embeddable'").contains("'public-page'");
		assertThat(failure.action()).contains("security.headers.policies.embeddable.order");
	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	@Import(MissingPolicyOnMethod.Widgets.class)
	static class MissingPolicyOnMethod {

		@RestController
		static class Widgets {

			@GetMapping("/widget")
			@SecurityHeadersPolicy("embedable")
			String widget() {
				return "widget";
			}

		}

	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	@Import(MissingPolicyOnClass.Payments.class)
	static class MissingPolicyOnClass {

		@RestController
		@SecurityHeadersPolicy("payment")
		static class Payments {

			@GetMapping("/checkout")
			String checkout() {
				return "checkout";
			}

		}

	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	static class MissingPolicyOnRoute {

		@Bean
		RouterFunction<ServerResponse> routes() {
			return RouterFunctions.route()
				.GET("/fn/widget", new Ok())
				.withAttribute(SecurityHeadersPolicy.ROUTE_ATTRIBUTE, "embedable")
				.build();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	@Import(InvalidInlineValue.Framed.class)
	static class InvalidInlineValue {

		@RestController
		static class Framed {

			@GetMapping("/framed")
			@SecurityHeadersPolicy(frameOptions = "ALLOW-FROM https://partner.example")
			String framed() {
				return "framed";
			}

		}

	}

	static final class Ok implements HandlerFunction<ServerResponse> {

		@Override
		public Mono<ServerResponse> handle(ServerRequest request) {
			return ServerResponse.ok().bodyValue("ok");
		}

	}

}
