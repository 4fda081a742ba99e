package dev.hsts.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.json.JsonParserFactory;

/**
 * The starter's entries in the configuration metadata an IDE reads: every
 * {@code META-INF/spring-configuration-metadata.json} on the class path is read, since
 * which jar comes first depends on the build (Spring Boot's own jars have one too).
 */
final class ConfigurationMetadata {

	private ConfigurationMetadata() {
	}

	/**
	 * The properties under {@code security.headers.}, by name.
	 * @return the properties, in the order of the metadata
	 * @throws IOException if a metadata file cannot be read
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Map<String, Object>> properties() throws IOException {
		Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
		for (URL url : Collections.list(ConfigurationMetadata.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				Map<String, Object> metadata = JsonParserFactory.getJsonParser()
					.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				for (Map<String, Object> property : (List<Map<String, Object>>) metadata.get("properties")) {
					String name = (String) property.get("name");
					if (name.startsWith(PropertyNames.PREFIX)) {
						properties.put(name, property);
					}
				}
			}
		}
		return properties;
	}

}
