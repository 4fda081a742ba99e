package dev.hsts.servlet;

import java.util.List;

import dev.hsts.core.HeaderDescription;

/**
 * A {@link ResponseHeaderWriter} that tells which headers it writes, with which values
 * and on which paths. The {@code securityheaders} endpoint and the findings read this
 * instead of recognising writer classes; implement it in a writer of your own to have it
 * shown there.
 */
public interface DescribedHeaderWriter extends ResponseHeaderWriter {

	/**
	 * What this writer writes.
	 * @return one description per header and path rule, in the order they apply
	 */
	List<HeaderDescription> describe();

}
