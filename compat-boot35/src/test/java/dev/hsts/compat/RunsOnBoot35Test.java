package dev.hsts.compat;

import dev.hsts.test.CompatibilityChecks;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;
import org.springframework.security.core.SpringSecurityCoreVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's claim, checked: this JVM runs Spring Boot 3.5 with the autoconfigure jar
 * built against the build's Boot line, and jdeps finds no class that jar needs missing
 * from the Boot 3.5 classpath.
 */
class RunsOnBoot35Test {

	@Test
	void theClasspathIsSpringBoot35() {
		assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
		assertThat(SpringVersion.getVersion()).startsWith("6.2.");
		assertThat(SpringSecurityCoreVersion.getVersion()).startsWith("6.5.");
	}

	@Test
	void theAutoconfigureClassesComeFromTheJarBuiltForTheBuildsBootLine() {
		assertThat(CompatibilityChecks.autoconfigureJar().getFileName().toString())
			.startsWith("hsts-spring-boot-autoconfigure-")
			.endsWith(".jar")
			.doesNotContain("tests");
	}

	@Test
	void jdepsFindsNothingMissingOnTheBoot35Classpath() {
		assertThat(CompatibilityChecks.missingDependencies(null)).as("jdeps --missing-deps output").isEmpty();
	}

	@Test
	void jdepsWouldReportAMissingDependency() {
		// The check above can fail: without spring-web, jdeps names what the jar needs
		// from it.
		assertThat(CompatibilityChecks.missingDependencies("spring-web-"))
			.contains("org.springframework.web.filter.OncePerRequestFilter");
	}

}
