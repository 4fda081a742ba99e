package dev.hsts.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hsts.annotation.SecurityHeadersPolicy;
import dev.hsts.servlet.HeadersApplication;
import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import dev.hsts.test.FailedStartup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The named policies' startup refusals, as the printed report reads: an annotation or a
 * route attribute naming a policy that is not configured, an invalid inline value, two
 * path policies that can match the same path without an order, an invalid value or name,
 * and an unknown key inside a policy.
 */
@ExtendWith(OutputCaptureExtension.class)
class NamedPoliciesStartupTest {

	@Test
	void anAnnotationNamingAMissingPolicy(CapturedOutput output) {
		FailedStartup report = start(MissingPolicyApplication.class, output,
				"security.headers.policies.embeddable.frame-options=disabled");
		assertThat(report.description()).contains("Property: security.headers.policies.embedable")
			.contains(MissingPolicyController.class.getName() + "#widget");
		assertThat(report.action()).contains("security.headers.policies.embedable").contains("configured: embeddable");
	}

	@Test
	void aRouteAttributeNamingAMissingPolicy(CapturedOutput output) {
		FailedStartup report = start(MissingRoutePolicyApplication.class, output);
		assertThat(report.description()).contains("Property: security.headers.policies.nope")
			.contains("route")
			.contains("/widget");
		assertThat(report.action()).contains("configured: none");
	}

	@Test
	void anInvalidInlineValue(CapturedOutput output) {
		FailedStartup report = start(InvalidInlineApplication.class, output);
		assertThat(report.description())
			.contains("Annotation: @SecurityHeadersPolicy(frameOptions) on " + InvalidInlineController.class.getName()
					+ "#widget")
			.contains("Value: ALLOW-FROM https://a.example");
		assertThat(report.action()).contains("Correct @SecurityHeadersPolicy(frameOptions)");
	}

	@Test
	void overlappingPathPoliciesWithoutAnOrder(CapturedOutput output) {
		FailedStartup report = start(HeadersApplication.class, output, "security.headers.policies.a.paths=/embed/**",
				"security.headers.policies.b.paths=/public/**,/embed/widget");
		assertThat(report.description()).contains("Property: security.headers.policies.b.order")
			.contains("'a' (/embed/**) and 'b' (/embed/widget)");
		assertThat(report.action()).contains("security.headers.policies.a.order=1");
	}

	@Test
	void overlappingPathPoliciesWithTheSameOrder(CapturedOutput output) {
		FailedStartup report = start(HeadersApplication.class, output, "security.headers.policies.a.paths=/embed/**",
				"security.headers.policies.a.order=1", "security.headers.policies.b.paths=/*/widget",
				"security.headers.policies.b.order=1");
		assertThat(report.description()).contains("Property: security.headers.policies.b.order").contains("Value: 1");
	}

	@Test
	void anInvalidValueInsideAPolicy(CapturedOutput output) {
		FailedStartup report = start(HeadersApplication.class, output,
				"security.headers.policies.embeddable.frame-options=ALLOWALL");
		assertThat(report.description()).contains("Property: security.headers.policies.embeddable.frame-options")
			.contains("Value: ALLOWALL");
		assertThat(report.action()).contains("Update 'security.headers.policies.embeddable.frame-options'");
	}

	@Test
	void anInvalidCspInsideAPolicy(CapturedOutput output) {
		FailedStartup report = start(HeadersApplication.class, output,
				"security.headers.policies.embeddable.content-security-policy.policy=default-src 'self', img-src *");
		assertThat(report.description())
			.contains("Property: security.headers.policies.embeddable.content-security-policy.policy");
	}

	@Test
	void anInvalidName(CapturedOutput output) {
		FailedStartup report = start(HeadersApplication.class, output,
				"security.headers.policies[Embed_able].frame-options=DENY");
		assertThat(report.description()).contains("Property: security.headers.policies.Embed_able")
			.contains("lower-case letters, digits and '-'");
	}

	@Test
	void anUnknownKeyInsideAPolicy(CapturedOutput output) {
		FailedStartup report = start(HeadersApplication.class, output,
				"security.headers.policies.embeddable.frame-option=DENY");
		assertThat(report.description()).contains("security.headers.policies.embeddable.frame-option");
		assertThat(report.printed()).contains("security.headers.policies.embeddable.frame-options");
	}

	private static FailedStartup start(Class<?> application, CapturedOutput output, String... properties) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("server.address", "127.0.0.1");
		all.put("spring.main.banner-mode", "off");
		for (String pair : properties) {
			int equals = pair.indexOf('=');
			all.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		return FailedStartup
			.of(new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET).properties(all), output);
	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	@Import(MissingPolicyController.class)
	static class MissingPolicyApplication {

	}

	@RestController
	static class MissingPolicyController {

		@GetMapping("/widget")
		@SecurityHeadersPolicy("embedable")
		String widget() {
			return "widget";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	@Import(InvalidInlineController.class)
	static class InvalidInlineApplication {

	}

	@RestController
	static class InvalidInlineController {

		@GetMapping("/widget")
		@SecurityHeadersPolicy(frameOptions = "ALLOW-FROM https://a.example")
		String widget() {
			return "widget";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	static class MissingRoutePolicyApplication {

		@Bean
		RouterFunction<ServerResponse> routes() {
			return RouterFunctions.route()
				.GET("/widget", new Ok())
				.withAttribute(SecurityHeadersPolicy.ROUTE_ATTRIBUTE, "nope")
				.build();
		}

	}

	static final class Ok implements HandlerFunction<ServerResponse> {

		@Override
		public ServerResponse handle(ServerRequest request) {
			return ServerResponse.ok().body("ok");
		}

	}

}
