package dev.hsts.web;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The {@code OncePerRequestFilter} "already filtered" request attribute of one filter, cached so that a request
 * does not pay for a string concatenation per filter. Keyed by the filter name (compared by identity: it is set
 * once, when the container initialises the filter).
 */
final class AlreadyFilteredName {

	private volatile Entry entry;

	/**
	 * @param filterName the filter's current name ({@code getFilterName()}), or {@code null}
	 * @param filterClass the filter's class, whose name {@code OncePerRequestFilter} uses when it has no name
	 * @return the attribute name {@code OncePerRequestFilter} derives from them, computed once per filter name
	 */
	String of(String filterName, Class<?> filterClass) {
		Entry cached = this.entry;
		if (cached != null && cached.filterName() == filterName) {
			return cached.attributeName();
		}
		String attributeName = ((filterName != null) ? filterName : filterClass.getName())
				+ OncePerRequestFilter.ALREADY_FILTERED_SUFFIX;
		this.entry = new Entry(filterName, attributeName);
		return attributeName;
	}

	private record Entry(String filterName, String attributeName) {
	}

}
