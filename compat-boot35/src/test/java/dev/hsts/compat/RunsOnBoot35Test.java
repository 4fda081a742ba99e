package dev.hsts.compat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

import dev.hsts.autoconfigure.SecurityHeadersAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;
import org.springframework.security.core.SpringSecurityCoreVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's claim, checked: this JVM runs Spring Boot 3.5 with the autoconfigure jar
 * built against Boot 4.1, and jdeps finds no class that jar needs missing from the Boot
 * 3.5 classpath.
 */
class RunsOnBoot35Test {

	@Test
	void theClasspathIsSpringBoot35() {
		assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
		assertThat(SpringVersion.getVersion()).startsWith("6.2.");
		assertThat(SpringSecurityCoreVersion.getVersion()).startsWith("6.5.");
	}

	@Test
	void theAutoconfigureClassesComeFromTheJarBuiltForBoot41() {
		assertThat(autoconfigureJar().getFileName().toString()).startsWith("hsts-spring-boot-autoconfigure-")
			.endsWith(".jar")
			.doesNotContain("tests");
	}

	@Test
	void jdepsFindsNothingMissingOnTheBoot35Classpath() {
		String output = jdepsMissingDeps(classpathWithout(autoconfigureJar()));
		assertThat(output).as("jdeps --missing-deps output").isEmpty();
	}

	@Test
	void jdepsWouldReportAMissingDependency() {
		// The check above can fail: without spring-security-web, jdeps names what the jar
		// needs from it.
		List<String> reduced = Arrays.stream(classpathWithout(autoconfigureJar()).split(File.pathSeparator))
			.filter((entry) -> !entry.contains("spring-security-web"))
			.toList();
		String output = jdepsMissingDeps(String.join(File.pathSeparator, reduced));
		assertThat(output).contains("org.springframework.security.web.header.HeaderWriter");
	}

	private static String jdepsMissingDeps(String classpath) {
		ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
		StringWriter out = new StringWriter();
		int status = jdeps.run(new PrintWriter(out, true), new PrintWriter(out, true), "--missing-deps",
				"--multi-release", "17", "--class-path", classpath, autoconfigureJar().toString());
		assertThat(status).as("jdeps exit status, output: %s", out).isZero();
		return out.toString().trim();
	}

	private static Path autoconfigureJar() {
		try {
			return Path
				.of(SecurityHeadersAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (java.net.URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String classpathWithout(Path jar) {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank() && !Path.of(entry).toAbsolutePath().equals(jar.toAbsolutePath()))
			.collect(Collectors.joining(File.pathSeparator));
	}

}
