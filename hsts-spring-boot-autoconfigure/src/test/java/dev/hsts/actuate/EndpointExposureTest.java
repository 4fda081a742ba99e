package dev.hsts.actuate;

import java.net.http.HttpResponse;

import dev.hsts.servlet.ResponseKindsApplication;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code securityheaders} endpoint as the startup report and the findings describe
 * it, in an application without Spring Security, on real servers: where it answers (with
 * the actuator's base path, the endpoint's path mapping and the management port), and
 * that anyone can read it there unless the actuator's own port is bound to loopback.
 */
@ExtendWith(OutputCaptureExtension.class)
class EndpointExposureTest {

	private static final Class<?>[] APP = { ResponseKindsApplication.class };

	private static final String EXPOSE = "management.endpoints.web.exposure.include=securityheaders";

	private static final String UNPROTECTED = "[warning] endpoint.unprotected (management.endpoints.web.exposure.include)";

	private static String report(CapturedOutput output) {
		String log = output.getAll();
		assertThat(StringUtils.countOccurrencesOf(log, "Security headers: ")).as(log).isEqualTo(1);
		return log.substring(log.indexOf("Security headers: "));
	}

	@Test
	void exposedWithoutSpringSecurityAnyoneCanReadItAndTheReportSaysSo(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(APP, EXPOSE)) {
			assertThat(report(output)).contains("(details at /actuator/securityheaders)")
				.contains(UNPROTECTED)
				.contains("The securityheaders endpoint is exposed over HTTP at /actuator/securityheaders "
						+ "(management.endpoints.web.exposure.include) and nothing protects it: the application has "
						+ "no Spring Security filter chain (no FilterChainProxy bean).")
				.contains("remove securityheaders from management.endpoints.web.exposure.include.");
			assertThat(output.getAll()).containsPattern("WARN .*FindingsStartupReport");
			// And indeed: an anonymous client over plain HTTP reads it, finding included.
			HttpResponse<String> response = app.plain().get("evil.example", "/actuator/securityheaders");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"code\":\"endpoint.unprotected\"",
					"\"property\":\"management.endpoints.web.exposure.include\"", "\"severity\":\"warning\"");
		}
	}

	@Test
	void theReportNamesTheBasePathAndPathMappingTheApplicationChose(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(APP, EXPOSE, "management.endpoints.web.base-path=/manage",
				"management.endpoints.web.path-mapping.securityheaders=headers-policy")) {
			assertThat(report(output)).contains("(details at /manage/headers-policy)")
				.contains("exposed over HTTP at /manage/headers-policy (")
				.doesNotContain("/actuator/securityheaders");
			assertThat(app.plain().get("localhost", "/manage/headers-policy").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void notExposedTheReportSaysHowToSeeTheFindingsAndNothingIsUnprotected(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(APP)) {
			assertThat(report(output))
				.contains("(to see them over HTTP, add securityheaders to management.endpoints.web.exposure.include)")
				.doesNotContain("/actuator/securityheaders")
				.doesNotContain("endpoint.unprotected");
			assertThat(app.findingCodes()).doesNotContain("endpoint.unprotected");
			assertThat(app.plain().get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void switchedOffTheEndpointIsNotMentioned(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(APP, EXPOSE, "management.server.port=-1")) {
			assertThat(report(output)).contains("Security headers: 2 findings\n")
				.doesNotContain("/actuator/securityheaders")
				.doesNotContain("exposure.include");
			assertThat(app.findingCodes()).doesNotContain("endpoint.unprotected");
		}
	}

	@Test
	void onAManagementPortBoundToLoopbackItIsNoWarning(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(APP, EXPOSE, "management.server.port=0",
				"management.server.address=127.0.0.1", "management.server.base-path=/ops")) {
			int port = Integer.parseInt(app.context().getEnvironment().getRequiredProperty("local.management.port"));
			assertThat(report(output))
				.contains("(details at /ops/actuator/securityheaders on the management port " + port + ")");
			assertThat(app.findingCodes()).doesNotContain("endpoint.unprotected");
			assertThat(Http.plain(port).get("localhost", "/ops/actuator/securityheaders").statusCode()).isEqualTo(200);
			assertThat(app.plain().get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void onAManagementPortOnEveryInterfaceItIsAWarning(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(APP, EXPOSE, "management.server.port=0")) {
			int port = Integer.parseInt(app.context().getEnvironment().getRequiredProperty("local.management.port"));
			assertThat(report(output)).contains(UNPROTECTED)
				.contains("exposed over HTTP at /actuator/securityheaders on the management port " + port
						+ " (management.endpoints.web.exposure.include) and nothing protects it: the management port "
						+ "is not bound to a loopback address (management.server.address), and the application has "
						+ "no Spring Security filter chain (no FilterChainProxy bean).");
			assertThat(Http.plain(port).get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(200);
		}
	}

}
