package dev.hsts.core;

/**
 * Why a request was refused by the trusted-host check. The {@link #id() ids} are a public
 * contract: they are the values of the {@code reason} tag on the
 * {@code security.headers.trusted-hosts.rejected} metric.
 */
public enum RejectionReason {

	/** The host is well-formed but not one the application serves. */
	NOT_ALLOWED("not-allowed", "Host not allowed", "The host of this request is not one this application serves."),

	/**
	 * The Host header (or the forwarded host) is missing, repeated or not a valid host:
	 * user information, spaces, control characters, unbalanced brackets, a bad port, too
	 * long.
	 */
	MALFORMED("malformed", "Malformed host", "The Host header of this request is missing, repeated or malformed.");

	private final String id;

	private final String title;

	private final String detail;

	RejectionReason(String id, String title, String detail) {
		this.id = id;
		this.title = title;
		this.detail = detail;
	}

	/** The stable id: {@code not-allowed} or {@code malformed}. */
	public String id() {
		return this.id;
	}

	/** A short title for the problem response. */
	public String title() {
		return this.title;
	}

	/**
	 * A sentence for the problem response about the {@code Host} header; never contains
	 * any part of the request.
	 */
	public String detail() {
		return this.detail;
	}

	/**
	 * A sentence for the problem response that names the header whose value was refused;
	 * never contains any part of the request.
	 * @param header the header: {@code Host}, {@code :authority} (HTTP/2), or a forwarded
	 * header such as {@code X-Forwarded-Host}; {@code null} for {@code Host}
	 * @return the sentence
	 */
	public String detail(String header) {
		if (header == null || header.equalsIgnoreCase(HostRejection.HOST)) {
			return this.detail;
		}
		String named = header.startsWith(":") ? "The " + header + " pseudo-header" : "The " + header + " header";
		return switch (this) {
			case NOT_ALLOWED -> "The host of this request (from its "
					+ (header.startsWith(":") ? header : header + " header") + ") is not one this application serves.";
			case MALFORMED -> named + " of this request is malformed.";
		};
	}

}
