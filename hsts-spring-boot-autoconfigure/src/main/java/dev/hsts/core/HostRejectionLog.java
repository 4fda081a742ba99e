package dev.hsts.core;

/**
 * The log line of a trusted-host refusal, the same on every web stack: names the header
 * whose value was refused, shows the request's values (escaped), and gives only advice
 * that can help.
 */
public final class HostRejectionLog {

	private HostRejectionLog() {
	}

	/**
	 * The log line of a refusal, without the rate limiter's note: names the header whose
	 * value was refused, shows the request's values (escaped), and gives only advice that
	 * can help.
	 * @param rejection the refusal
	 * @return the text
	 */
	public static String message(HostRejection rejection) {
		String header = (rejection.header() != null) ? rejection.header() : HostRejection.HOST;
		String subject = header.startsWith(":") ? "its " + header + " pseudo-header" : "its " + header + " header";
		StringBuilder message = new StringBuilder("Refused a request (").append(rejection.reason().id()).append("): ");
		boolean malformed = rejection.reason() == RejectionReason.MALFORMED;
		if (malformed) {
			message.append(subject).append(" is malformed");
			if (rejection.problem() != null) {
				message.append(" (").append(rejection.problem()).append(')');
			}
		}
		else {
			message.append("the host in ").append(subject).append(" is not one the application serves");
		}
		message.append(". ");
		if (!rejection.refusesHostHeader()) {
			message.append(header).append(" '").append(UntrustedText.escape(rejection.headerValue())).append("', ");
		}
		message.append("Host '")
			.append(UntrustedText.escape(rejection.hostHeader()))
			.append("', server name '")
			.append(UntrustedText.escape(rejection.serverName()))
			.append("', path '")
			.append(UntrustedText.escape(rejection.path()))
			.append("'. ");
		if (malformed) {
			message.append(rejection.refusesHostHeader()
					? "Fix the client or proxy that sends it; no setting of the application can make it valid."
					: "Fix the proxy (or client) that sends " + header
							+ "; no setting of the application can make it valid.");
		}
		else if (rejection.refusesHostHeader()) {
			message.append("Add the host to security.headers.trusted-hosts.allowed if the application serves it");
			message.append(tookHostFromElsewhere(rejection)
					? ", or make the proxy pass the client's Host on unchanged (the application took its host from "
							+ "a forwarded header, and both must be allowed)."
					: ".");
		}
		else {
			message
				.append("Add the host to security.headers.trusted-hosts.allowed if the application serves it "
						+ "(the host from ")
				.append(header)
				.append(" must be allowed as well as the Host header's).");
		}
		return message.toString();
	}

	/** Whether the server name is not the host of the {@code Host} header. */
	private static boolean tookHostFromElsewhere(HostRejection rejection) {
		String host = rejection.hostHeader();
		String serverName = rejection.serverName();
		return host != null && serverName != null && !serverName.isEmpty() && !carriesHost(host, serverName);
	}

	/**
	 * Whether a header value is {@code host} or {@code host:port}.
	 * @param value the header value, or {@code null}
	 * @param host the host
	 * @return whether it carries the host
	 */
	public static boolean carriesHost(String value, String host) {
		if (value == null) {
			return false;
		}
		String trimmed = value.trim();
		int length = host.length();
		return trimmed.regionMatches(true, 0, host, 0, length)
				&& (trimmed.length() == length || trimmed.charAt(length) == ':');
	}

}
