package dev.hsts.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Binds boolean switches strictly (see {@link ConditionalOnSwitches}): a value that is not a boolean throws Boot's
 * {@code BindException}, which its BindFailureAnalyzer reports with the property name.
 */
class OnSwitchesCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSwitches.class.getName());
		Binder binder = Binder.get(context.getEnvironment());
		for (String name : (String[]) attributes.get("onByDefault")) {
			if (!binder.bind(name, Bindable.of(Boolean.class)).orElse(Boolean.TRUE)) {
				return ConditionOutcome.noMatch(name + " is false");
			}
		}
		for (String name : (String[]) attributes.get("offByDefault")) {
			if (!binder.bind(name, Bindable.of(Boolean.class)).orElse(Boolean.FALSE)) {
				return ConditionOutcome.noMatch(name + " is not true");
			}
		}
		return ConditionOutcome.match("the switches are on");
	}

}
