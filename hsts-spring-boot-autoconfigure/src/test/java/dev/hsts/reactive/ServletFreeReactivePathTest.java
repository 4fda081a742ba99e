package dev.hsts.reactive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.hsts.autoconfigure.SecurityHeadersAutoConfiguration;
import dev.hsts.test.ClassReferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classes a WebFlux application loads refer to no servlet or Tomcat type, not even in
 * a signature, so the starter runs where the servlet API is not on the class path (the
 * gateway-tests and sample-webflux modules run that for real). Reads the constant pool of
 * every compiled class ({@link ClassReferences}).
 */
class ServletFreeReactivePathTest {

	private static final List<String> SERVLET = List.of("jakarta/servlet/", "org/apache/catalina/",
			"org/apache/tomcat/", "org/springframework/boot/web/servlet/", "dev/hsts/servlet/");

	@ParameterizedTest
	@ValueSource(strings = { "dev.hsts.reactive", "dev.hsts.core", "dev.hsts.actuate" })
	void noClassOfTheReactivePathRefersToTheServletApi(String packageName) throws IOException {
		List<String> violations = new ArrayList<>();
		int classes = ClassReferences.scan(SecurityHeadersAutoConfiguration.class, packageName, SERVLET,
				(className) -> false, violations);
		assertThat(classes).as("compiled classes of %s", packageName).isGreaterThanOrEqualTo(3);
		assertThat(violations)
			.withFailMessage("Classes a WebFlux application loads refer to servlet types:%n  %s",
					String.join(String.format("%n  "), violations))
			.isEmpty();
	}

}
