package dev.hsts.autoconfigure;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;

import dev.hsts.annotation.SecurityHeadersPolicy;
import dev.hsts.core.HandlerPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.AliasFor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SecurityHeadersPolicyAnnotations}: the method's annotation over the class's, the
 * {@code policy} alias, an inherited method's annotation, and composed annotations.
 */
class SecurityHeadersPolicyAnnotationsTest {

	@Test
	void theMethodsNameWinsAndTheClassFillsIn() throws Exception {
		HandlerPolicy policy = SecurityHeadersPolicyAnnotations.of(Annotated.class, method(Annotated.class, "strict"));
		assertThat(policy.policyName()).isEqualTo("strict");
		assertThat(policy.where()).isEqualTo(Annotated.class.getName() + "#strict");
		HandlerPolicy byClass = SecurityHeadersPolicyAnnotations.of(Annotated.class, method(Annotated.class, "plain"));
		assertThat(byClass.policyName()).isEqualTo("embeddable");
		assertThat(byClass.where()).isEqualTo(Annotated.class.getName() + "#plain");
	}

	@Test
	void noAnnotationMeansNoPolicy() throws Exception {
		assertThat(SecurityHeadersPolicyAnnotations.of(Plain.class, method(Plain.class, "plain"))).isNull();
	}

	@Test
	void composedAnnotationsAndAnInterfacesMethodCount() throws Exception {
		assertThat(SecurityHeadersPolicyAnnotations.of(Plain.class, method(Plain.class, "composed")).policyName())
			.isEqualTo("embeddable");
		assertThat(
				SecurityHeadersPolicyAnnotations.of(Plain.class, method(Plain.class, "composedOverride")).policyName())
			.isEqualTo("partner");
		assertThat(SecurityHeadersPolicyAnnotations.of(Implementation.class, method(Implementation.class, "api"))
			.policyName()).isEqualTo("strict");
	}

	private static Method method(Class<?> type, String name) throws NoSuchMethodException {
		return type.getDeclaredMethod(name);
	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@SecurityHeadersPolicy("embeddable")
	@interface Embeddable {

		@AliasFor(annotation = SecurityHeadersPolicy.class, attribute = "value")
		String value() default "embeddable";

	}

	@SecurityHeadersPolicy(policy = "embeddable")
	static class Annotated {

		@SecurityHeadersPolicy("strict")
		void strict() {
		}

		void plain() {
		}

	}

	static class Plain {

		void plain() {
		}

		@Embeddable
		void composed() {
		}

		@Embeddable("partner")
		void composedOverride() {
		}

	}

	interface Api {

		@SecurityHeadersPolicy("strict")
		void api();

	}

	static class Implementation implements Api {

		@Override
		public void api() {
		}

	}

}
