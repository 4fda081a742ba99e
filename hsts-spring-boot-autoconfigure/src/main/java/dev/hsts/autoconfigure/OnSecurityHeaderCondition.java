package dev.hsts.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Binds {@code security.headers.*} (relaxed, like the real binding) and asks whether a header is switched on.
 */
class OnSecurityHeaderCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSecurityHeader.class.getName());
		SecurityHeader header = (SecurityHeader) attributes.get("value");
		SecurityHeadersProperties properties;
		try {
			properties = Binder.get(context.getEnvironment())
				.bind("security.headers", SecurityHeadersProperties.class)
				.orElseGet(SecurityHeadersProperties::new);
		}
		catch (RuntimeException ex) {
			// The real binding reports the problem; count the header as on until then.
			return ConditionOutcome.match("security.headers could not be bound: " + ex.getMessage());
		}
		return header.isOn(properties) ? ConditionOutcome.match(header + " is on")
				: ConditionOutcome.noMatch(header + " is off");
	}

}
