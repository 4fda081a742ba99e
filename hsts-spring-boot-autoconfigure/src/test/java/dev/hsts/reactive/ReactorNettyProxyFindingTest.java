package dev.hsts.reactive;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hsts.autoconfigure.SecurityHeadersFindings;
import dev.hsts.core.Finding;
import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.RunningReactiveApp.Server;

import org.springframework.boot.SpringBootConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Reactor Netty, {@code server.forward-headers-strategy=native} believes forwarded
 * headers from any client: a real WebFlux application on Netty says so as the finding
 * {@code proxy.netty-native-strategy}, naming the property; without the strategy, or on
 * Tomcat (whose {@code internal-proxies} applies), it does not.
 */
class ReactorNettyProxyFindingTest {

	@Test
	void theNativeStrategyOnReactorNettyIsAWarning() {
		try (RunningReactiveApp app = start(Server.NETTY, "server.forward-headers-strategy=native")) {
			Finding finding = findings(app).stream()
				.filter((candidate) -> candidate.code().equals("proxy.netty-native-strategy"))
				.findFirst()
				.orElseThrow();
			assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
			assertThat(finding.property()).isEqualTo("server.forward-headers-strategy");
			assertThat(finding.message()).contains("from any client")
				.contains("server.tomcat.remoteip.internal-proxies");
		}
	}

	@Test
	void withoutTheStrategyThereIsNoSuchFinding() {
		try (RunningReactiveApp app = start(Server.NETTY, "server.forward-headers-strategy=none")) {
			assertThat(app.findingCodes()).doesNotContain("proxy.netty-native-strategy");
		}
	}

	@Test
	void onTomcatThereIsNoSuchFinding() {
		try (RunningReactiveApp app = start(Server.TOMCAT, "server.forward-headers-strategy=native")) {
			assertThat(app.findingCodes()).doesNotContain("proxy.netty-native-strategy");
		}
	}

	private static List<Finding> findings(RunningReactiveApp app) {
		return app.context().getBean(SecurityHeadersFindings.class).findings();
	}

	private static RunningReactiveApp start(Server server, String... properties) {
		return RunningReactiveApp.https(server, new Class<?>[] { App.class }, properties);
	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	static class App {

	}

}
