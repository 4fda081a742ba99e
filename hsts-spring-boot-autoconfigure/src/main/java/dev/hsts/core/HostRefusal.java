package dev.hsts.core;

/**
 * Why the trusted-host policy refuses a request's host, and which of the two hosts it
 * checks was refused ({@link TrustedHosts#refusal(String, String)}).
 *
 * @param reason why
 * @param effectiveHost whether the refused value is the host the server took from
 * forwarded headers (the server name), rather than the {@code Host} header
 * @param problem what is wrong with a malformed value, as a phrase ("its host has an
 * empty label"); {@code null} for a well-formed host that is not allowed
 */
public record HostRefusal(RejectionReason reason, boolean effectiveHost, String problem) {

}
