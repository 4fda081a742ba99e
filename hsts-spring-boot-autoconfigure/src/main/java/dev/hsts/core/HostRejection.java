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
 */
public record HostRejection(RejectionReason reason, String hostHeader, String serverName, String path) {
}
