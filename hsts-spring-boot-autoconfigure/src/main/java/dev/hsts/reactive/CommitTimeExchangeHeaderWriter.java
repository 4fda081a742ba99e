package dev.hsts.reactive;

/**
 * An {@link ExchangeHeaderWriter} that {@link SecurityHeadersWebFilter} applies only when
 * the response commits, never before the application runs: it writes a default that
 * depends on what the application chose for the response (its status, its own value),
 * such as Cache-Control.
 */
public interface CommitTimeExchangeHeaderWriter extends ExchangeHeaderWriter {

	/** The single header this writer writes. */
	String getHeaderName();

}
