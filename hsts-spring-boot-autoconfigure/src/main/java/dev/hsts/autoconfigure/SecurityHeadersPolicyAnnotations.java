package dev.hsts.autoconfigure;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;

import dev.hsts.annotation.SecurityHeadersPolicy;
import dev.hsts.core.HandlerPolicy;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Reads {@link SecurityHeadersPolicy} from a handler method and its class, on either web
 * stack: directly present, inherited (an interface's or superclass's method) or as a
 * meta-annotation, with the aliases merged.
 */
final class SecurityHeadersPolicyAnnotations {

	private SecurityHeadersPolicyAnnotations() {
	}

	/**
	 * What a handler method asks for: its annotation over its class's.
	 * @param beanType the handler's class (the user class, not a proxy)
	 * @param method the handler method
	 * @return the handler's policy, or {@code null} when neither is annotated
	 * @throws dev.hsts.core.InvalidPolicyException when an inline value is not valid
	 */
	static HandlerPolicy of(Class<?> beanType, Method method) {
		String where = beanType.getName() + "#" + method.getName();
		HandlerPolicy classPolicy = read(beanType, beanType.getName());
		HandlerPolicy methodPolicy = read(method, where);
		if (methodPolicy == null && classPolicy == null) {
			return null;
		}
		HandlerPolicy policy = ((methodPolicy != null) ? methodPolicy : HandlerPolicy.of(where, null, null, null, null))
			.over(classPolicy);
		return policy.isEmpty() ? null : policy;
	}

	private static HandlerPolicy read(AnnotatedElement element, String where) {
		SecurityHeadersPolicy annotation = AnnotatedElementUtils.findMergedAnnotation(element,
				SecurityHeadersPolicy.class);
		if (annotation == null) {
			return null;
		}
		return HandlerPolicy.of(where, annotation.value(), annotation.frameOptions(),
				annotation.contentSecurityPolicy(), annotation.contentSecurityPolicyReportOnly());
	}

}
