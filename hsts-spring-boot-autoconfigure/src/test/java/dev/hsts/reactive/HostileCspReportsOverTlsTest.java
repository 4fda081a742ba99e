package dev.hsts.reactive;

import dev.hsts.core.CspReportListener;
import dev.hsts.test.HostileCspReportCases;
import dev.hsts.test.RunningReactiveApp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@link HostileCspReportCases} against a WebFlux application on Reactor Netty, with
 * Spring Security's reactive defaults, over real TLS.
 */
class HostileCspReportsOverTlsTest extends HostileCspReportCases {

	static RunningReactiveApp app;

	@BeforeAll
	static void start() {
		app = RunningReactiveApp.https(new Class<?>[] { Application.class }, PROPERTIES);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Override
	protected int port() {
		return app.port();
	}

	@Override
	protected ApplicationContext context() {
		return app.context();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		CspReportListener rememberingListener() {
			return HostileCspReportCases.listener();
		}

	}

}
