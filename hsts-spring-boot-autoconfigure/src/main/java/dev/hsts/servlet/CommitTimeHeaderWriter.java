package dev.hsts.servlet;

/**
 * A {@link ResponseHeaderWriter} that {@link SecurityHeadersFilter} applies only when the
 * response is complete (when it commits, or when the filter chain returns with the
 * response not yet committed), never before the chain: it writes a default that depends
 * on what the application chose for the response, such as Cache-Control.
 *
 * <p>
 * A value written this way is provisional until the response is on the wire: if it was
 * written when the application sent an error and the error page then adds its own value,
 * the error page's value replaces it instead of being added next to it.
 */
public interface CommitTimeHeaderWriter extends ResponseHeaderWriter {

	/** The single header this writer writes. */
	String getHeaderName();

}
