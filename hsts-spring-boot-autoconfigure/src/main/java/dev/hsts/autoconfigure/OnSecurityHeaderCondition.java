package dev.hsts.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Asks whether a header is switched on, binding only the properties that switch it (see
 * {@link SecurityHeader}).
 */
class OnSecurityHeaderCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSecurityHeader.class.getName());
		SecurityHeader header = (SecurityHeader) attributes.get("value");
		boolean on;
		try {
			on = header.isOn(context.getEnvironment());
		}
		catch (RuntimeException ex) {
			// The real binding reports the problem; count the header as on until then.
			return ConditionOutcome.match("security.headers could not be bound: " + ex.getMessage());
		}
		return on ? ConditionOutcome.match(header + " is on") : ConditionOutcome.noMatch(header + " is off");
	}

}
