package dev.hsts.servlet;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import dev.hsts.core.HeaderNameSet;

/**
 * A response on which writes of some headers are dropped, whatever the method and the
 * letter case of the name; everything else, reads included, is the response's. Used where
 * another writer must not set a header the starter decides: Spring Security's writers of
 * the headers the starter manages, and HSTS on a response for a host Tomcat refused.
 */
final class WithoutHeaders extends HttpServletResponseWrapper {

	private final HeaderNameSet dropped;

	private WithoutHeaders(HttpServletResponse response, HeaderNameSet dropped) {
		super(response);
		this.dropped = dropped;
	}

	/**
	 * Wraps a response.
	 * @param response the response
	 * @param dropped the names to drop
	 * @return the wrapped response
	 */
	static HttpServletResponse of(HttpServletResponse response, HeaderNameSet dropped) {
		return new WithoutHeaders(response, dropped);
	}

	private boolean dropped(String name) {
		return this.dropped.contains(name);
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
