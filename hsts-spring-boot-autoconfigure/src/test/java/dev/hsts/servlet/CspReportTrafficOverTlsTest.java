package dev.hsts.servlet;

import dev.hsts.test.CspReportTrafficCases;
import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@link CspReportTrafficCases} on Tomcat, over real TLS.
 */
class CspReportTrafficOverTlsTest extends CspReportTrafficCases {

	static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.https(new Class<?>[] { Application.class }, PROPERTIES);
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
	@EnableAutoConfigurationWithoutSpringSecurity
	@Import(Handlers.class)
	static class Application {

	}

}
