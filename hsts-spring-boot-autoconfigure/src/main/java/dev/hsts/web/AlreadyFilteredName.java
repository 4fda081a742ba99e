package dev.hsts.web;

/**
 * The {@code OncePerRequestFilter} "already filtered" request attribute of one filter, cached so that a request
 * does not pay for a string concatenation per filter. Keyed by the filter name (compared by identity: it is set
 * once, when the container initialises the filter).
 */
final class AlreadyFilteredName {

	private volatile Entry entry;

	/**
	 * @param filterName the filter's current name
	 * @return the cached attribute name for it, or {@code null} when it has to be computed and {@link #store stored}
	 */
	String lookup(String filterName) {
		Entry cached = this.entry;
		return (cached != null && cached.filterName() == filterName) ? cached.attributeName() : null;
	}

	/**
	 * @param filterName the filter's current name
	 * @param attributeName the attribute name {@code OncePerRequestFilter} derives from it
	 * @return {@code attributeName}
	 */
	String store(String filterName, String attributeName) {
		this.entry = new Entry(filterName, attributeName);
		return attributeName;
	}

	private record Entry(String filterName, String attributeName) {
	}

}
