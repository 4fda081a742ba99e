package dev.hsts.autoconfigure;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata an IDE reads from the jar: every contract property is there,
 * with help text, and with its default where it has one.
 */
class ConfigurationMetadataTest {

	@Test
	void everyContractPropertyIsDocumented() throws IOException {
		Map<String, Map<String, Object>> properties = properties();
		assertThat(properties).containsKeys("security.headers.enabled", "security.headers.hsts.enabled",
				"security.headers.hsts.rollout.stages", "security.headers.hsts.rollout.stage",
				"security.headers.hsts.rollout.started-at", "security.headers.hsts.include-subdomains",
				"security.headers.hsts.preload", "security.headers.hsts.revoke", "security.headers.hsts.excluded-hosts",
				"security.headers.https-redirect.host");
		properties.forEach((name,
				property) -> assertThat((String) property.get("description")).as(name).isNotBlank().endsWith("."));
	}

	@Test
	void defaultsAreVisible() throws IOException {
		Map<String, Map<String, Object>> properties = properties();
		assertThat(properties.get("security.headers.enabled").get("defaultValue")).isEqualTo(true);
		assertThat(properties.get("security.headers.hsts.preload").get("defaultValue")).isEqualTo(false);
		assertThat(properties.get("security.headers.hsts.excluded-hosts").get("defaultValue"))
			.isEqualTo(List.of("localhost", "*.localhost", "127.0.0.0/8", "::1"));
		assertThat(properties.get("security.headers.hsts.rollout.stages").get("defaultValue")).asList().hasSize(3);
	}

	private static Map<String, Map<String, Object>> properties() throws IOException {
		return ConfigurationMetadata.properties();
	}

}
