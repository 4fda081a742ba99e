package dev.hsts.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code security.headers.https-redirect.http-port} has a value. An empty
 * value counts as unset (as Boot binds it: no port), so that a profile or a command line
 * can take back a port set in {@code application.yml}
 * ({@code --security.headers.https-redirect.http-port=}); Boot's
 * {@code @ConditionalOnProperty} would count it as set.
 */
class OnPlainHttpPortCondition extends SpringBootCondition {

	static final String PROPERTY = "security.headers.https-redirect.http-port";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String port = context.getEnvironment().getProperty(PROPERTY);
		return StringUtils.hasText(port) ? ConditionOutcome.match(PROPERTY + " is " + port)
				: ConditionOutcome.noMatch(PROPERTY + " is not set");
	}

}
