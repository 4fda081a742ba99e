package dev.hsts.test;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

import dev.hsts.autoconfigure.SecurityHeadersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the compatibility modules ({@code compat-boot35}, {@code compat-boot40}) check
 * besides rerunning this module's tests: that the classes come from the autoconfigure jar
 * built against the build's Boot line, and what jdeps says of that jar on their
 * classpath.
 */
public final class CompatibilityChecks {

	private CompatibilityChecks() {
	}

	/**
	 * The autoconfigure jar the running tests load the starter from.
	 * @return its path
	 */
	public static Path autoconfigureJar() {
		try {
			return Path
				.of(SecurityHeadersAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What {@code jdeps --missing-deps} reports for the autoconfigure jar against this
	 * test's classpath (without the jar itself).
	 * @param leaveOut class path entries containing this text are left out (to prove the
	 * check can fail), or {@code null}
	 * @return jdeps' output, empty when nothing is missing
	 */
	public static String missingDependencies(String leaveOut) {
		Path jar = autoconfigureJar();
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> entries = Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank() && !Path.of(entry).toAbsolutePath().equals(jar.toAbsolutePath()))
			.filter((entry) -> leaveOut == null || !entry.contains(leaveOut))
			.toList();
		ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
		StringWriter out = new StringWriter();
		int status = jdeps.run(new PrintWriter(out, true), new PrintWriter(out, true), "--missing-deps",
				"--multi-release", "17", "--class-path",
				entries.stream().collect(Collectors.joining(File.pathSeparator)), jar.toString());
		assertThat(status).as("jdeps exit status, output: %s", out).isZero();
		// Spring Cloud Gateway and Spring Cloud Context are on no test class path here
		// (their auto-configurations would join every test application): the one class
		// that needs each is loaded only where it is present, and gateway-tests and
		// config-refresh-tests run them there.
		List<String> missing = out.toString()
			.lines()
			.filter((line) -> !line.isBlank() && !line.contains("org.springframework.cloud.gateway")
					&& !line.contains("org.springframework.cloud.context.environment"))
			.toList();
		// The jar's own "-> not found" heading stays only with a package under it.
		boolean packages = missing.stream().anyMatch((line) -> !line.endsWith(".jar -> not found"));
		return packages ? String.join("\n", missing).trim() : "";
	}

}
