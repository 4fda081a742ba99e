package dev.hsts.autoconfigure;

import java.util.List;

import dev.hsts.autoconfigure.UnknownSecurityHeadersPropertiesException.UnknownKey;
import dev.hsts.core.UntrustedText;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns unknown {@code security.headers.*} keys into a startup report that names each
 * key, where it is set and the closest key the starter knows.
 */
class UnknownSecurityHeadersPropertiesFailureAnalyzer
		extends AbstractFailureAnalyzer<UnknownSecurityHeadersPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownSecurityHeadersPropertiesException cause) {
		List<UnknownKey> keys = cause.getKeys();
		StringBuilder description = new StringBuilder("The security headers configuration has ")
			.append((keys.size() == 1) ? "a key" : keys.size() + " keys")
			.append(" the starter does not know. Spring Boot would ignore ")
			.append((keys.size() == 1) ? "it" : "them")
			.append(" in silence, leaving what ")
			.append((keys.size() == 1) ? "it was" : "they were")
			.append(" meant to set at its default.\n");
		StringBuilder action = new StringBuilder();
		for (UnknownKey key : keys) {
			String name = UntrustedText.escape(key.key());
			description.append("\n    Property: ").append(name);
			description.append("\n    Origin: ").append(key.origin());
			description.append("\n    Did you mean: ")
				.append((key.suggestion() != null) ? key.suggested() : "(no key of the starter is close)")
				.append('\n');
			action.append((action.length() > 0) ? "\n" : "");
			if (key.suggestion() != null) {
				action.append("Did you mean '")
					.append(key.suggestion())
					.append((key.variable() != null) ? "' (environment variable " + key.variable() + ")" : "'")
					.append("? Correct '")
					.append(name)
					.append("' at ")
					.append(key.origin())
					.append('.');
			}
			else {
				action.append("Remove or correct '")
					.append(name)
					.append("' at ")
					.append(key.origin())
					.append(". The starter's keys are listed in its README and completed by IDEs from its "
							+ "configuration metadata.");
			}
		}
		return new FailureAnalysis(description.toString().stripTrailing(), action.toString(), cause);
	}

}
