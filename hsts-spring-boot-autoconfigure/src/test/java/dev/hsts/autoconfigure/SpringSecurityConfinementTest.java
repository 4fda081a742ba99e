package dev.hsts.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.hsts.test.ClassReferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter works without Spring Security: apart from the Spring-Security-specific
 * classes, which only load where Spring Security is on the classpath (a nested
 * configuration conditional on it, or a branch that checks for it first), no class of the
 * servlet adapter, the actuator support or the auto-configuration refers to a Spring
 * Security type, not even in a signature. Reads the constant pool of every compiled class
 * ({@link ClassReferences}).
 */
class SpringSecurityConfinementTest {

	private static final List<String> SPRING_SECURITY = List.of("org/springframework/security/");

	/** The classes (with their nested classes) that may refer to Spring Security. */
	private static final List<String> SPRING_SECURITY_SPECIFIC = List.of("dev.hsts.servlet.DeferringHeaderWriterFilter",
			"dev.hsts.autoconfigure.SpringSecurityHeaderDefaultsPostProcessor",
			"dev.hsts.autoconfigure.SpringSecurityHeaderWriterBeans", "dev.hsts.autoconfigure.SpringSecurityProbe",
			"dev.hsts.autoconfigure.SpringSecurityReactiveHeaders");

	private static boolean springSecuritySpecific(String className) {
		return SPRING_SECURITY_SPECIFIC.stream()
			.anyMatch((specific) -> className.equals(specific) || className.startsWith(specific + "$"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev.hsts.servlet", "dev.hsts.reactive", "dev.hsts.core", "dev.hsts.actuate",
			"dev.hsts.autoconfigure" })
	void noOtherClassRefersToSpringSecurity(String packageName) throws IOException {
		List<String> violations = new ArrayList<>();
		int classes = ClassReferences.scan(SecurityHeadersAutoConfiguration.class, packageName, SPRING_SECURITY,
				SpringSecurityConfinementTest::springSecuritySpecific, violations);
		assertThat(classes).as("compiled classes of %s", packageName).isGreaterThanOrEqualTo(3);
		assertThat(violations)
			.withFailMessage("Classes loaded without Spring Security refer to Spring Security types:%n  %s",
					String.join(String.format("%n  "), violations))
			.isEmpty();
	}

	/** The exemptions are current, and the scan finds what they refer to. */
	@Test
	void theSpringSecuritySpecificClassesReferToSpringSecurity() throws IOException {
		for (String className : SPRING_SECURITY_SPECIFIC) {
			String resource = className.replace('.', '/') + ".class";
			try (InputStream in = SecurityHeadersAutoConfiguration.class.getClassLoader()
				.getResourceAsStream(resource)) {
				assertThat(in).as(resource).isNotNull();
				assertThat(ClassReferences.forbiddenTypes(ClassReferences.referencedNames(in.readAllBytes()),
						SPRING_SECURITY))
					.as(className)
					.isNotEmpty();
			}
		}
	}

}
