package dev.hsts.core;

/**
 * The browser engines whose header parsing the starter's parsers reproduce, each with the
 * source files the behaviour was read from.
 */
public enum BrowserEngine {

	/**
	 * Chromium (Chrome, Edge, Opera, Brave): {@code net/http/http_security_headers.cc}
	 * {@code ParseHSTSHeader}, {@code net/http/http_util.cc}
	 * {@code NameValuePairsIterator}, {@code net/url_request/url_request_http_job.cc}.
	 */
	CHROMIUM("Chromium"),

	/**
	 * Firefox (Gecko): {@code security/manager/ssl/nsSiteSecurityService.cpp}
	 * {@code ParseSSSHeaders}/{@code ProcessSTSHeader},
	 * {@code security/manager/ssl/nsSecurityHeaderParser.cpp},
	 * {@code netwerk/protocol/http/nsHttpHeaderArray.h}.
	 */
	FIREFOX("Firefox");

	private final String displayName;

	BrowserEngine(String displayName) {
		this.displayName = displayName;
	}

	/**
	 * The name used in messages.
	 * @return {@code Chromium} or {@code Firefox}
	 */
	public String displayName() {
		return this.displayName;
	}

}
