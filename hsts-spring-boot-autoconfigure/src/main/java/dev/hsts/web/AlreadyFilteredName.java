package dev.hsts.web;

/**
 * A filter name and the {@code OncePerRequestFilter} "already filtered" request attribute derived from it, cached
 * by the starter's filters so that a request does not pay for a string concatenation per filter.
 *
 * @param filterName the filter name the attribute was derived from (compared by identity)
 * @param attributeName the attribute name
 */
record AlreadyFilteredName(String filterName, String attributeName) {
}
