package dev.hsts.core;

import java.util.List;

/**
 * The live header policy of one web stack, for the {@code securityheaders} endpoint: what
 * its writers write ({@link #describe()}) and what a secure request for a host gets now
 * ({@link #preview(String)}). Each web stack adapter has its own, so the endpoint needs
 * neither the servlet API nor WebFlux.
 */
public interface HeadersPreview {

	/**
	 * What the writers write, each in its own words, in the order they run; a writer that
	 * does not describe itself is shown with what it writes on a preview request.
	 * @return the descriptions
	 */
	List<HeaderDescription> describe();

	/**
	 * The exact response headers a secure {@code GET /} for {@code host} gets now.
	 * @param host the {@code Host} header, with an optional port
	 * @return the preview
	 */
	HostPreview preview(String host);

}
