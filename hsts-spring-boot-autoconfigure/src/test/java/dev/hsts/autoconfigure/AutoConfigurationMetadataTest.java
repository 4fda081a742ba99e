package dev.hsts.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import dev.hsts.test.OwnResources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration metadata Boot reads at startup (written by
 * {@code spring-boot-autoconfigure-processor}): every auto-configuration the jar
 * registers is in it with its conditions, so Boot can skip one without loading its class.
 */
class AutoConfigurationMetadataTest {

	@Test
	void everyRegisteredAutoConfigurationHasItsConditionsInTheMetadata() throws IOException {
		List<String> registered;
		try (InputStream in = OwnResources
			.open("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			registered = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
		Properties metadata = new Properties();
		try (InputStream in = OwnResources.open("META-INF/spring-autoconfigure-metadata.properties")) {
			metadata.load(in);
		}
		assertThat(registered).hasSizeGreaterThanOrEqualTo(6);
		for (String autoConfiguration : registered) {
			assertThat(metadata).as(autoConfiguration).containsKey(autoConfiguration);
		}
		assertThat(metadata.getProperty(
				"dev.hsts.autoconfigure.SecurityHeadersPropertiesAutoConfiguration" + ".ConditionalOnWebApplication"))
			.as("any web application")
			.isEmpty();
		assertThat(metadata.getProperty(
				"dev.hsts.autoconfigure.ReactiveSecurityHeadersAutoConfiguration" + ".ConditionalOnWebApplication"))
			.isEqualTo("REACTIVE");
		assertThat(metadata
			.getProperty("dev.hsts.autoconfigure.SecurityHeadersAutoConfiguration" + ".ConditionalOnWebApplication"))
			.isEqualTo("SERVLET");
		assertThat(metadata
			.getProperty("dev.hsts.autoconfigure.SecurityHeadersMetricsAutoConfiguration" + ".ConditionalOnClass"))
			.isEqualTo("io.micrometer.core.instrument.MeterRegistry");
	}

}
