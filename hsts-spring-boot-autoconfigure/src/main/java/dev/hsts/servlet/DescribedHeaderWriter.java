package dev.hsts.servlet;

import java.util.List;

import dev.hsts.core.HeaderDescription;

import org.springframework.security.web.header.HeaderWriter;

/**
 * A {@link HeaderWriter} that tells which headers it writes, with which values and on
 * which paths. The {@code securityheaders} endpoint and the findings read this instead of
 * recognising writer classes; implement it in a writer of your own to have it shown
 * there.
 */
public interface DescribedHeaderWriter extends HeaderWriter {

	/**
	 * What this writer writes.
	 * @return one description per header and path rule, in the order they apply
	 */
	List<HeaderDescription> describe();

}
