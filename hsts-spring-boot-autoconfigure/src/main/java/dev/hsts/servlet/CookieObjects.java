package dev.hsts.servlet;

import jakarta.servlet.http.Cookie;

import dev.hsts.core.CookieFlags;

/**
 * The cookie flags on {@link Cookie} objects, where no container processor adds them.
 */
final class CookieObjects {

	static final String SET_COOKIE = "Set-Cookie";

	private static final String SAME_SITE = "SameSite";

	private CookieObjects() {
	}

	/**
	 * @param flags the flags
	 * @param cookie the application's cookie
	 * @param secureRequest whether the request is secure as the application sees it
	 * @return the cookie itself when it needs no flag, else a copy with the flags it
	 * lacks
	 */
	static Cookie flagged(CookieFlags flags, Cookie cookie, boolean secureRequest) {
		String name = cookie.getName();
		int missing = flags.missing(name, cookie.getSecure(), cookie.isHttpOnly(),
				cookie.getAttribute(SAME_SITE) != null, secureRequest);
		if (missing == 0) {
			return cookie;
		}
		Cookie flagged = (Cookie) cookie.clone();
		if ((missing & CookieFlags.SECURE) != 0) {
			flagged.setSecure(true);
		}
		if ((missing & CookieFlags.HTTP_ONLY) != 0) {
			flagged.setHttpOnly(true);
		}
		if ((missing & CookieFlags.SAME_SITE) != 0) {
			flagged.setAttribute(SAME_SITE, flags.sameSite(name));
		}
		return flagged;
	}

}
