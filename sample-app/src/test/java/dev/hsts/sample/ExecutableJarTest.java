package dev.hsts.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executable jar Spring Boot's Maven plugin made of this sample holds the starter's
 * auto-configuration jar and not the starter's own jar, which holds no class
 * ({@code StarterJarTypeTest} in the starter's module: it is marked as Spring Boot's own
 * starters are): in the executable jar every class the application loads would first be
 * looked up in it (issue 21). Run by the {@code executable-jar} execution of the Surefire
 * plugin in the {@code integration-test} phase, after {@code repackage} made the jar (the
 * jar's path in {@code sample.executable-jar}), not with the other tests, which run
 * before it exists.
 */
class ExecutableJarTest {

	@Test
	void theExecutableJarHoldsTheAutoConfigurationJarButNotTheEmptyStarterJar() throws IOException {
		String property = System.getProperty("sample.executable-jar");
		assertThat(property).as("system property sample.executable-jar (set by this module's POM)").isNotBlank();
		Path jar = Paths.get(property);
		assertThat(jar).as("the executable jar made by repackage").isRegularFile();
		List<String> libraries = new ArrayList<>();
		List<String> indexed;
		try (JarFile file = new JarFile(jar.toFile())) {
			for (JarEntry entry : Collections.list(file.entries())) {
				if (entry.getName().startsWith("BOOT-INF/lib/hsts-spring-boot-")) {
					libraries.add(entry.getName());
				}
			}
			JarEntry index = file.getJarEntry("BOOT-INF/classpath.idx");
			assertThat(index).as("BOOT-INF/classpath.idx").isNotNull();
			try (InputStream in = file.getInputStream(index)) {
				indexed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
					.filter((line) -> line.contains("hsts-spring-boot-"))
					.toList();
			}
		}
		assertThat(libraries).singleElement()
			.satisfies((name) -> assertThat(name).startsWith("BOOT-INF/lib/hsts-spring-boot-autoconfigure-"));
		assertThat(indexed).singleElement()
			.satisfies((line) -> assertThat(line).contains("BOOT-INF/lib/hsts-spring-boot-autoconfigure-"));
	}

}
