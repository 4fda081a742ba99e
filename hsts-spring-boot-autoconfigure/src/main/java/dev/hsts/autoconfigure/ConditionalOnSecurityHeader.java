package dev.hsts.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the {@code security.headers.*} configuration switches the header on.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnSecurityHeaderCondition.class)
@interface ConditionalOnSecurityHeader {

	/** The header. */
	SecurityHeader value();

}
