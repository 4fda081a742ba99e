package dev.hsts.core;

/**
 * A request the trusted-host check refused. Every text is as the client sent it: escape
 * it ({@link UntrustedText#escape(String)}) before it goes into a log line.
 *
 * @param reason why it was refused
 * @param hostHeader the raw {@code Host} header, or {@code null}
 * @param serverName the host the application would have seen, or {@code null} when it
 * could not be worked out
 * @param path the request path as received, or {@code null}
 * @param header the name of the header whose value was refused: {@code Host}, or, where
 * the application takes its host from forwarded headers, the one it came from
 * ({@code X-Forwarded-Host}, {@code Forwarded}, {@code X-Forwarded-Port}, or the header
 * the server is configured to read); {@code :authority} over HTTP/2 without a
 * {@code Host} header
 * @param headerValue the raw value of that header, or {@code null} (missing, or not
 * readable)
 * @param problem what is wrong with a malformed value, as a phrase ("its host has an
 * empty label"); {@code null} for a host that is well-formed but not allowed
 */
public record HostRejection(RejectionReason reason, String hostHeader, String serverName, String path, String header,
		String headerValue, String problem) {

	/** The name of the {@code Host} header. */
	public static final String HOST = "Host";

	/**
	 * A refusal of the {@code Host} header itself.
	 * @param reason why it was refused
	 * @param hostHeader the raw {@code Host} header, or {@code null}
	 * @param serverName the host the application would have seen, or {@code null}
	 * @param path the request path as received, or {@code null}
	 */
	public HostRejection(RejectionReason reason, String hostHeader, String serverName, String path) {
		this(reason, hostHeader, serverName, path, HOST, hostHeader, null);
	}

	/**
	 * Whether the refused value is the {@code Host} header (or, over HTTP/2, the
	 * {@code :authority}) rather than a forwarded header.
	 * @return whether it is
	 */
	public boolean refusesHostHeader() {
		return this.header == null || HOST.equalsIgnoreCase(this.header) || this.header.startsWith(":");
	}

	/**
	 * The sentence for the client: names the header, and never contains any part of the
	 * request.
	 * @return the sentence
	 */
	public String detail() {
		return this.reason.detail(this.header);
	}

}
