package dev.hsts.servlet;

import dev.hsts.core.DescribedHeaders;

/**
 * A {@link ResponseHeaderWriter} that tells which headers it writes, with which values
 * and on which paths ({@link DescribedHeaders#describe()}). The {@code securityheaders}
 * endpoint and the findings read this instead of recognising writer classes; implement it
 * in a writer of your own to have it shown there.
 */
public interface DescribedHeaderWriter extends ResponseHeaderWriter, DescribedHeaders {

}
