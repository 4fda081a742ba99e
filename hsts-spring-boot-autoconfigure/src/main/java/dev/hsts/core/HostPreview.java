package dev.hsts.core;

import java.util.Map;

/**
 * What a secure {@code GET /} for a host gets now, worked out by running the web stack's
 * own writers and checks on a request that is never sent.
 *
 * @param status the status: 200, or 400 for a refused host
 * @param rejected why the host is refused, or {@code null}
 * @param refusedBy who refuses it: {@code trusted-hosts} (the starter's check),
 * {@code server} (the server itself, before any filter) or {@code null}
 * @param headers the response headers by name, a value or a list of values each
 */
public record HostPreview(int status, RejectionReason rejected, String refusedBy, Map<String, Object> headers) {

	/** Refused by the trusted-host check. */
	public static final String REFUSED_BY_TRUSTED_HOSTS = "trusted-hosts";

	/** Refused by the server itself, before any filter. */
	public static final String REFUSED_BY_SERVER = "server";

}
