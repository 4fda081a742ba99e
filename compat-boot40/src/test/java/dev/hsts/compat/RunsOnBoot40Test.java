package dev.hsts.compat;

import dev.hsts.test.CompatibilityChecks;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;
import org.springframework.security.core.SpringSecurityCoreVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's claim, checked: this JVM runs Spring Boot 4.0 with the autoconfigure jar
 * built against the build's Boot line, and jdeps finds no class that jar needs missing
 * from the Boot 4.0 classpath.
 */
class RunsOnBoot40Test {

	@Test
	void theClasspathIsSpringBoot40() {
		assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
		assertThat(SpringVersion.getVersion()).startsWith("7.0.");
		assertThat(SpringSecurityCoreVersion.getVersion()).startsWith("7.0.");
	}

	@Test
	void theAutoconfigureClassesComeFromTheJarBuiltForTheBuildsBootLine() {
		assertThat(CompatibilityChecks.autoconfigureJar().getFileName().toString())
			.startsWith("hsts-spring-boot-autoconfigure-")
			.endsWith(".jar")
			.doesNotContain("tests");
	}

	@Test
	void jdepsFindsNothingMissingOnTheBoot40Classpath() {
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
