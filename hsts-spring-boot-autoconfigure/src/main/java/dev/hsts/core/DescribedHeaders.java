package dev.hsts.core;

import java.util.List;

/**
 * Something that writes headers and tells which, with which values and on which paths,
 * whatever the web stack: the {@code securityheaders} endpoint and the findings read this
 * instead of recognising writer classes. The servlet and WebFlux header writers of the
 * starter implement it; implement it in a writer of your own to have it shown there.
 */
public interface DescribedHeaders {

	/**
	 * What this writer writes.
	 * @return one description per header and path rule, in the order they apply
	 */
	List<HeaderDescription> describe();

}
