package dev.hsts.test;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;
import org.springframework.security.core.SpringSecurityCoreVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compatibility module's claim, checked (each module extends this with its versions):
 * the JVM runs the module's Spring Boot line with the autoconfigure jar built against the
 * build's line, and jdeps finds no class that jar needs missing from the module's class
 * path.
 */
public abstract class RunsOnBootLine {

	private final String boot;

	private final String framework;

	private final String security;

	/**
	 * @param boot the Spring Boot version prefix, e.g. {@code 3.5.}
	 * @param framework the Spring Framework version prefix
	 * @param security the Spring Security version prefix
	 */
	protected RunsOnBootLine(String boot, String framework, String security) {
		this.boot = boot;
		this.framework = framework;
		this.security = security;
	}

	@Test
	void theClasspathIsTheModulesBootLine() {
		assertThat(SpringBootVersion.getVersion()).startsWith(this.boot);
		assertThat(SpringVersion.getVersion()).startsWith(this.framework);
		assertThat(SpringSecurityCoreVersion.getVersion()).startsWith(this.security);
	}

	@Test
	void theAutoconfigureClassesComeFromTheJarBuiltForTheBuildsBootLine() {
		assertThat(CompatibilityChecks.autoconfigureJar().getFileName().toString())
			.startsWith("hsts-spring-boot-autoconfigure-")
			.endsWith(".jar")
			.doesNotContain("tests");
	}

	@Test
	void jdepsFindsNothingMissingOnTheClasspath() {
		assertThat(CompatibilityChecks.missingDependencies(null)).as("jdeps --missing-deps output").isEmpty();
	}

	@Test
	void jdepsWouldReportAMissingDependency() {
		// The check above can fail: without spring-web, jdeps names what the jar needs
		// from it.
		assertThat(CompatibilityChecks.missingDependencies("spring-web-"))
			.contains("org.springframework.web.filter.GenericFilterBean");
	}

}
