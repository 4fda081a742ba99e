package dev.hsts.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when every listed boolean switch is on. Unlike {@code @ConditionalOnProperty(havingValue = "true")}, a
 * value that is not a boolean ({@code enabled: ture}) does not silently switch the feature off: it fails startup
 * with Boot's bind failure report naming the property. Values are read the way the properties are bound
 * ({@code true}/{@code false}, also {@code on}/{@code off}, {@code yes}/{@code no}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@Conditional(OnSwitchesCondition.class)
@interface ConditionalOnSwitches {

	/** Switches that are on when not set. */
	String[] onByDefault() default {};

	/** Switches that are off when not set. */
	String[] offByDefault() default {};

}
