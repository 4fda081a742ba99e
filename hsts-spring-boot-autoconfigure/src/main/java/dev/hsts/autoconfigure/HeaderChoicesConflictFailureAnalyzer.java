package dev.hsts.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a Spring Security filter chain's own values for the headers the starter writes
 * into a startup report that names the chain, each header, the chain's value and the
 * {@code security.headers.*} property that makes the starter send the same.
 */
class HeaderChoicesConflictFailureAnalyzer extends AbstractFailureAnalyzer<HeaderChoicesConflictException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, HeaderChoicesConflictException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
