package dev.hsts.reactive;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hsts.autoconfigure.SecurityHeadersFindings;
import dev.hsts.core.Finding;
import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import dev.hsts.test.TestTls;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Reactor Netty, {@code server.forward-headers-strategy=native} believes forwarded
 * headers from any client: a real WebFlux application on Netty says so as the finding
 * {@code proxy.netty-native-strategy}, naming the property; without the strategy it does
 * not.
 */
class ReactorNettyProxyFindingTest {

	@Test
	void theNativeStrategyOnReactorNettyIsAWarning() {
		try (ConfigurableApplicationContext context = start("server.forward-headers-strategy=native")) {
			assertThat(context.getEnvironment().getProperty("local.server.port")).isNotNull();
			Finding finding = findings(context).stream()
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
		try (ConfigurableApplicationContext context = start("server.forward-headers-strategy=none")) {
			assertThat(findings(context)).extracting(Finding::code).doesNotContain("proxy.netty-native-strategy");
		}
	}

	private static List<Finding> findings(ConfigurableApplicationContext context) {
		return context.getBean(SecurityHeadersFindings.class).findings();
	}

	private static ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(TestTls.get().serverProperties());
		all.addAll(List.of("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
			.properties(all.toArray(new String[0]))
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	static class App {

	}

}
