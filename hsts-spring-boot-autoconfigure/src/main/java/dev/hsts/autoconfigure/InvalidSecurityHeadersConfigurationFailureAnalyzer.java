package dev.hsts.autoconfigure;

import dev.hsts.core.UntrustedText;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused {@code security.headers.*} value into a startup report that names the
 * property, the value, what is wrong and how to fix it.
 */
class InvalidSecurityHeadersConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidSecurityHeadersPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSecurityHeadersPropertyException cause) {
		return new FailureAnalysis(description(cause), action(cause), cause);
	}

	/** What is wrong, as the startup report says it (also for a refused refresh). */
	static String description(InvalidSecurityHeadersPropertyException cause) {
		StringBuilder description = new StringBuilder("The security headers configuration is invalid.\n\n");
		description.append(InvalidSecurityHeadersPropertyException.isAnnotation(cause.getProperty())
				? "    Annotation: " : "    Property: ")
			.append(cause.getProperty())
			.append('\n');
		description.append("    Value: ")
			.append((cause.getValue() != null) ? UntrustedText.escape(cause.getValue()) : "(not set)")
			.append('\n');
		description.append("    Reason: ").append(cause.getReason());
		return description.toString();
	}

	/** What to do, as the startup report says it. */
	static String action(InvalidSecurityHeadersPropertyException cause) {
		if (InvalidSecurityHeadersPropertyException.isAnnotation(cause.getProperty())) {
			return "Correct " + cause.getProperty() + ". " + cause.getAction();
		}
		return "Update '" + cause.getProperty() + "' in your configuration. " + cause.getAction();
	}

}
