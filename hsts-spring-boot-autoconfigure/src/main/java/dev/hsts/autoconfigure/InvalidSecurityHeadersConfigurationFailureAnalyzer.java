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
		StringBuilder description = new StringBuilder("The security headers configuration is invalid.\n\n");
		description.append("    Property: ").append(cause.getProperty()).append('\n');
		description.append("    Value: ")
			.append((cause.getValue() != null) ? UntrustedText.escape(cause.getValue()) : "(not set)")
			.append('\n');
		description.append("    Reason: ").append(cause.getReason());
		return new FailureAnalysis(description.toString(),
				"Update '" + cause.getProperty() + "' in your configuration. " + cause.getAction(), cause);
	}

}
