package dev.hsts.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's jar says what Spring Boot's own starters say in their manifest
 * ({@code Spring-Boot-Jar-Type: dependencies-starter}), so that Spring Boot's Maven and
 * Gradle plugins leave it out of the application's executable jar: it holds no class, and
 * in the executable jar every class the application loads would first be looked up in it
 * (issue 21). Read from the starter as this module's tests get it (its jar under
 * {@code verify}, its classes directory under {@code test}: both carry the manifest).
 */
class StarterJarTypeTest {

	private static final Pattern STARTER = Pattern
		.compile(".*/hsts-spring-boot-starter(?:-[^/!]*\\.jar!|/target/classes)/META-INF/MANIFEST\\.MF");

	@Test
	void theStarterIsMarkedAsADependenciesStarter() throws IOException {
		List<String> types = new ArrayList<>();
		for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
			// The starter's jar, or its classes directory; not any path that merely
			// passes through a directory of that name (a clone of the repository).
			if (STARTER.matcher(url.toString()).matches()) {
				try (InputStream in = url.openStream()) {
					types.add(new Manifest(in).getMainAttributes().getValue("Spring-Boot-Jar-Type"));
				}
			}
		}
		assertThat(types).containsExactly("dependencies-starter");
	}

}
