package dev.hsts.refresh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.hsts.sample.webflux.DevelopmentCertificate;
import dev.hsts.sample.webflux.SampleWebfluxApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AbstractFleetRefreshOverTlsTest} on WebFlux: two replicas of the WebFlux sample
 * ({@link SampleWebfluxApplication}, Reactor Netty, no Spring Security; its actuator on a
 * port of its own, over HTTPS too).
 */
class WebFluxFleetRefreshOverTlsTest extends AbstractFleetRefreshOverTlsTest {

	/**
	 * What this class path has and the WebFlux sample's has not, for the sample app:
	 * Tomcat (which would otherwise serve the reactive replica and its actuator too) and
	 * Spring Security (whose reactive auto-configuration would lock every path of the
	 * replica behind a generated password).
	 */
	private static final String NOT_IN_THE_SAMPLE = String.join(",",
			"org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
			"org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration",
			"org.springframework.boot.tomcat.autoconfigure.metrics.TomcatMetricsAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration");

	@Override
	Path certificate() {
		return this.work.resolve("certificate/sample-webflux.p12");
	}

	@Override
	int managementPort(ConfigurableApplicationContext replica) {
		return Integer.parseInt(replica.getEnvironment().getRequiredProperty("local.management.port"));
	}

	/**
	 * A replica of the WebFlux sample, started as its {@code main} starts it with its own
	 * {@code application.yml} (copied to {@code sample-webflux/} on this class path,
	 * where the sample app's is at the root) and its {@link DevelopmentCertificate} (the
	 * sample app's, listed in the {@code spring.factories} on this class path, is the
	 * same code and steps aside once this one has configured the certificate), with the
	 * fleet's arguments and: reactive (the servlet stack is on this class path), a random
	 * port for the actuator's own server, no plain-HTTP server, and no Spring Security.
	 */
	@Override
	ConfigurableApplicationContext startReplica(List<String> arguments) {
		List<String> args = new ArrayList<>(arguments);
		args.addAll(List.of("--spring.main.web-application-type=reactive",
				"--spring.config.location=classpath:/sample-webflux/application.yml", "--management.server.port=0",
				"--sample.http-port=", "--spring.autoconfigure.exclude=" + NOT_IN_THE_SAMPLE));
		ConfigurableApplicationContext replica = new SpringApplicationBuilder(SampleWebfluxApplication.class)
			.listeners(new DevelopmentCertificate() {

				@Override
				public int getOrder() {
					return Ordered.LOWEST_PRECEDENCE - 1;
				}

			})
			.run(args.toArray(new String[0]));
		assertThat(((ReactiveWebServerApplicationContext) replica).getWebServer())
			.as("the web server of the WebFlux replica")
			.isInstanceOf(NettyWebServer.class);
		return replica;
	}

}
