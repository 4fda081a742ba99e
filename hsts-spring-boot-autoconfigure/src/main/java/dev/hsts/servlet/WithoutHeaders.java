package dev.hsts.servlet;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response on which writes of some headers are dropped, whatever the method and the
 * letter case of the name; everything else, reads included, is the response's. Used where
 * another writer must not set a header the starter decides: Spring Security's writers of
 * the headers the starter manages, and HSTS on a response for a host Tomcat refused.
 */
final class WithoutHeaders extends HttpServletResponseWrapper {

	private final Set<String> dropped;

	private WithoutHeaders(HttpServletResponse response, Set<String> dropped) {
		super(response);
		this.dropped = dropped;
	}

	/**
	 * The names to drop, as a set that looks names up in any letter case without making a
	 * lower-case copy; made once, for every response.
	 * @param names the header names
	 * @return the set
	 */
	static Set<String> names(Collection<String> names) {
		Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		set.addAll(names);
		return set;
	}

	/**
	 * Wraps a response.
	 * @param response the response
	 * @param dropped the names to drop, made by {@link #names(Collection)}
	 * @return the wrapped response
	 */
	static HttpServletResponse of(HttpServletResponse response, Set<String> dropped) {
		return new WithoutHeaders(response, dropped);
	}

	private boolean dropped(String name) {
		return name != null && this.dropped.contains(name);
	}

	@Override
	public void setHeader(String name, String value) {
		if (!dropped(name)) {
			super.setHeader(name, value);
		}
	}

	@Override
	public void addHeader(String name, String value) {
		if (!dropped(name)) {
			super.addHeader(name, value);
		}
	}

	@Override
	public void setIntHeader(String name, int value) {
		if (!dropped(name)) {
			super.setIntHeader(name, value);
		}
	}

	@Override
	public void addIntHeader(String name, int value) {
		if (!dropped(name)) {
			super.addIntHeader(name, value);
		}
	}

	@Override
	public void setDateHeader(String name, long date) {
		if (!dropped(name)) {
			super.setDateHeader(name, date);
		}
	}

	@Override
	public void addDateHeader(String name, long date) {
		if (!dropped(name)) {
			super.addDateHeader(name, date);
		}
	}

}
