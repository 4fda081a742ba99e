package dev.hsts.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.hsts.test.ClassReferences;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy core is plain Java: no class of {@code dev.hsts.core} refers to the servlet
 * API, Spring Boot, Spring Security, Reactor, Micrometer or Spring's web server stacks.
 * Reads the constant pool of every compiled class of the package
 * ({@link ClassReferences}), so it sees every type a class refers to: classes it uses,
 * and the types in its field and method descriptors, generic signatures, annotations and
 * lambdas.
 */
class CoreLayeringTest {

	/** Internal-name prefixes of the types the core must not refer to. */
	private static final List<String> FORBIDDEN = List.of("jakarta/servlet/", "org/springframework/boot/",
			"org/springframework/security/", "reactor/", "io/micrometer/", "org/springframework/http/server/reactive/",
			"org/springframework/web/server/", "org/springframework/web/servlet/", "org/springframework/web/reactive/");

	@Test
	void coreClassesReferToNoWebStackFrameworkOrMetricsType() throws Exception {
		List<String> violations = new ArrayList<>();
		int classes = ClassReferences.scan(HstsPolicy.class, "dev.hsts.core", FORBIDDEN, (name) -> false, violations);
		assertThat(classes).as("compiled classes of dev.hsts.core").isGreaterThanOrEqualTo(15);
		assertThat(violations)
			.withFailMessage("Classes of dev.hsts.core refer to types the core must not depend on:%n  %s",
					String.join(String.format("%n  "), violations))
			.isEmpty();
	}

	@Test
	void findsTypesInClassNamesDescriptorsAndSignatures() {
		assertThat(ClassReferences.forbiddenTypes(Set.of("jakarta/servlet/Filter"), FORBIDDEN))
			.containsExactly("jakarta.servlet.Filter");
		assertThat(ClassReferences.forbiddenTypes(Set.of("[Lreactor/core/publisher/Mono;"), FORBIDDEN))
			.containsExactly("reactor.core.publisher.Mono");
		assertThat(ClassReferences
			.forbiddenTypes(Set.of("(Ljava/lang/String;Lio/micrometer/core/instrument/MeterRegistry;)V"), FORBIDDEN))
			.containsExactly("io.micrometer.core.instrument.MeterRegistry");
		assertThat(ClassReferences.forbiddenTypes(Set.of("Ljava/util/List<Lorg/springframework/boot/Banner$Mode;>;"),
				FORBIDDEN))
			.containsExactly("org.springframework.boot.Banner$Mode");
		assertThat(
				ClassReferences.forbiddenTypes(Set.of("Lorg/springframework/web/servlet/Outer<TT;>.Inner;"), FORBIDDEN))
			.containsExactly("org.springframework.web.servlet.Outer");
		assertThat(ClassReferences.forbiddenTypes(
				Set.of("<T:Ljava/lang/Object;>(Ljava/util/List<+Ljakarta/servlet/Filter;>;)TT;"), FORBIDDEN))
			.containsExactly("jakarta.servlet.Filter");
		assertThat(ClassReferences.forbiddenTypes(Set.of("java/lang/String", "Lorg/springframework/util/Assert;",
				"(Lorg/springframework/http/HttpHeaders;)V", "org/springframework/web/util/UriUtils", "reactorish/Flux",
				"dev/hsts/XLreactor/Y"), FORBIDDEN))
			.isEmpty();
	}

}
