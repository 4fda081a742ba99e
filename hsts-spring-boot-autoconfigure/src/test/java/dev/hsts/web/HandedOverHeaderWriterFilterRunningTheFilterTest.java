package dev.hsts.web;

import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * {@link HandedOverHeaderWriterFilterTest} again, where Spring Security's writers cannot be read from its filter
 * and the filter itself is run to write them (see {@link SpringSecurityHeaderWriters}).
 */
class HandedOverHeaderWriterFilterRunningTheFilterTest extends HandedOverHeaderWriterFilterTest {

	@Override
	HandedOverHeaderWriterFilter handOver(HeaderWriterFilter original) {
		return HandedOverHeaderWriterFilter.handingOver(SpringSecurityHeaderWriters.runningTheFilter(original));
	}

}
