package dev.hsts.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Chooses the security headers of the requests a controller class or handler method
 * handles: a named policy ({@code security.headers.policies.<name>}), inline values of
 * the headers most often changed for one handler, or both (the inline values then apply
 * over the named policy).
 *
 * <pre class="code">
 * &#64;SecurityHeadersPolicy("embeddable")
 * &#64;GetMapping("/widget")
 * String widget() { ... }
 *
 * &#64;SecurityHeadersPolicy(frameOptions = "SAMEORIGIN")
 * &#64;GetMapping("/preview")
 * String preview() { ... }
 * </pre>
 *
 * <p>
 * Precedence, highest first: a {@code PerRequestHeaderPolicy} bean, the method's
 * annotation, the class's annotation, a path policy, the defaults. A method's annotation
 * without a name keeps the class's policy and changes only its inline values; an
 * annotation without a name anywhere applies its inline values over the path's policy. An
 * error page for a request keeps its handler's policy. A header the application sets on
 * the response itself is never replaced.
 *
 * <p>
 * Found at startup on every handler method of Spring MVC's and Spring WebFlux's request
 * mappings; a name that is not configured, or an inline value that is not valid, stops
 * the application at startup. May be used as a meta-annotation. A functional route asks
 * for a policy with the route attribute {@link #ROUTE_ATTRIBUTE}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SecurityHeadersPolicy {

	/**
	 * The route attribute that names a functional route's policy:
	 * {@code .withAttribute(SecurityHeadersPolicy.ROUTE_ATTRIBUTE, "embeddable")}.
	 */
	String ROUTE_ATTRIBUTE = "dev.hsts.policy";

	/**
	 * The name of the policy, as configured under {@code security.headers.policies}
	 * ({@code default} for the top-level settings).
	 * @return the name, empty for none
	 */
	@AliasFor("policy")
	String value() default "";

	/**
	 * Alias for {@link #value()}.
	 * @return the name, empty for none
	 */
	@AliasFor("value")
	String policy() default "";

	/**
	 * X-Frame-Options for these requests: {@code DENY}, {@code SAMEORIGIN} or
	 * {@code disabled}.
	 * @return the value, empty to keep the policy's
	 */
	String frameOptions() default "";

	/**
	 * Content-Security-Policy for these requests (may use {@code 'nonce-{nonce}'}), or
	 * {@code disabled}.
	 * @return the policy, empty to keep the policy's
	 */
	String contentSecurityPolicy() default "";

	/**
	 * Content-Security-Policy-Report-Only for these requests (may use
	 * {@code 'nonce-{nonce}'}), or {@code disabled}.
	 * @return the policy, empty to keep the policy's
	 */
	String contentSecurityPolicyReportOnly() default "";

}
