package dev.hsts.core;

import java.util.List;
import java.util.Optional;

import org.springframework.http.server.PathContainer;

/**
 * The trusted-host policy: which hosts the application serves, and which paths skip the
 * check. Immutable but for a one-entry memo of the last host that passed;
 * {@link #check(String, String)} is what runs per request.
 *
 * <p>
 * A request passes when its {@code Host} header is well-formed and allowed and, when the
 * server took the host from trusted forwarded headers, that host is well-formed and
 * allowed too. The cost of a check does not grow with the number of entries (see
 * {@link HostPatterns}). With no entries the check is off (every host passes); with
 * {@code *} every well-formed host passes. Both are findings
 * ({@link PolicyFindings#trustedHosts(TrustedHosts)}).
 */
public final class TrustedHosts {

	/** Where the allowed hosts are configured. */
	static final String ALLOWED = "trusted-hosts.allowed";

	private static final String EXEMPT_PATHS = "trusted-hosts.exempt-paths";

	private static final TrustedHosts OFF = new TrustedHosts(HostPatterns.none(), PathPatterns.none());

	private static final Optional<RejectionReason> NOT_ALLOWED = Optional.of(RejectionReason.NOT_ALLOWED);

	private static final Optional<RejectionReason> MALFORMED = Optional.of(RejectionReason.MALFORMED);

	private final HostPatterns allowed;

	private final PathPatterns exemptPaths;

	private final LastPassedHost lastPassed = new LastPassedHost();

	/** Whether no host is listed (a field: read on every request). */
	private final boolean off;

	private TrustedHosts(HostPatterns allowed, PathPatterns exemptPaths) {
		this.allowed = allowed;
		this.exemptPaths = exemptPaths;
		this.off = allowed.isEmpty();
	}

	/**
	 * The check switched off: every host passes.
	 * @return the policy
	 */
	public static TrustedHosts off() {
		return OFF;
	}

	/**
	 * Validates and builds the policy.
	 * @param allowed the allowed hosts: exact names, {@code *.example.com} wildcards, IP
	 * addresses, CIDR ranges or {@code *}; {@code null} or empty switches the check off
	 * @param exemptPaths path patterns ({@code /actuator/health/**}) that skip the check;
	 * may be {@code null}
	 * @return the policy
	 * @throws InvalidPolicyException naming {@code trusted-hosts.allowed[i]} or
	 * {@code trusted-hosts.exempt-paths[i]} for the first invalid entry
	 */
	public static TrustedHosts of(List<String> allowed, List<String> exemptPaths) {
		if (allowed != null) {
			for (int i = 0; i < allowed.size(); i++) {
				String entry = allowed.get(i);
				if (entry != null && entry.indexOf('_') >= 0 && entry.indexOf('/') < 0) {
					throw new InvalidPolicyException(ALLOWED + "[" + i + "]", entry,
							"this host entry is not valid: it contains '_', which host names cannot contain (RFC 1123); "
									+ "Tomcat refuses such a Host header, so the entry could never match.",
							"Rename the host, or list the name clients actually send.");
				}
			}
		}
		return new TrustedHosts(HostPatterns.parse(allowed, ALLOWED), PathPatterns.parse(EXEMPT_PATHS, exemptPaths));
	}

	/**
	 * Checks the host of a request.
	 * @param hostHeader the raw {@code Host} header value ({@code null} when missing)
	 * @param effectiveHost the host the application will see (the server name, which
	 * reflects {@code X-Forwarded-Host} / {@code Forwarded} only where the server trusts
	 * them), or {@code null} to check the {@code Host} header alone
	 * @return empty when the request may pass, otherwise why not
	 */
	public Optional<RejectionReason> check(String hostHeader, String effectiveHost) {
		if (isOff()) {
			return Optional.empty();
		}
		if (hostHeader != null && this.lastPassed.is(hostHeader, effectiveHost)) {
			return Optional.empty();
		}
		HostRefusal refusal = evaluate(hostHeader, effectiveHost);
		if (refusal == null) {
			if (hostHeader != null) {
				this.lastPassed.remember(hostHeader, effectiveHost);
			}
			return Optional.empty();
		}
		return (refusal.reason() == RejectionReason.MALFORMED) ? MALFORMED : NOT_ALLOWED;
	}

	/**
	 * Checks the host of a request like {@link #check(String, String)}, and says which of
	 * the two hosts was refused and what is wrong with it: for messages, so it is not
	 * made faster than that.
	 * @param hostHeader the raw {@code Host} header value ({@code null} when missing)
	 * @param effectiveHost the host the application will see, or {@code null} to check
	 * the {@code Host} header alone
	 * @return empty when the request may pass, otherwise the refusal
	 */
	public Optional<HostRefusal> refusal(String hostHeader, String effectiveHost) {
		return isOff() ? Optional.empty() : Optional.ofNullable(evaluate(hostHeader, effectiveHost));
	}

	/** The refusal, or {@code null} when the request may pass. */
	private HostRefusal evaluate(String hostHeader, String effectiveHost) {
		HostHeader raw = HostHeader.parse(hostHeader);
		if (!raw.isValid()) {
			return new HostRefusal(RejectionReason.MALFORMED, false, raw.problem());
		}
		HostHeader effective = null;
		if (effectiveHost != null && !sameHost(raw, effectiveHost)) {
			effective = HostHeader.parseServerName(effectiveHost);
			if (!effective.isValid()) {
				return new HostRefusal(RejectionReason.MALFORMED, true, effective.problem());
			}
		}
		if (this.allowed.allowsAny()) {
			return null;
		}
		if (!this.allowed.matchesNormalized(raw.host())) {
			return new HostRefusal(RejectionReason.NOT_ALLOWED, false, null);
		}
		if (effective != null && !this.allowed.matchesNormalized(effective.host())) {
			return new HostRefusal(RejectionReason.NOT_ALLOWED, true, null);
		}
		return null;
	}

	/**
	 * Whether a server name is exactly the (already validated) Host header's host: the
	 * usual case. Only an IPv6 literal may come in brackets.
	 */
	private static boolean sameHost(HostHeader raw, String serverName) {
		String host = raw.host();
		int length = serverName.length();
		if (length == host.length()) {
			return serverName.equalsIgnoreCase(host);
		}
		if (length == host.length() + 2 && serverName.charAt(0) == '[' && host.indexOf(':') >= 0) {
			return serverName.regionMatches(true, 1, host, 0, host.length()) && serverName.charAt(length - 1) == ']';
		}
		return false;
	}

	/**
	 * Whether a path skips the check.
	 * @param decodedPath the path within the application as the container dispatches it:
	 * decoded and normalised (the servlet path plus the path info), so no spelling of a
	 * path can reach another handler than the one the exemption names
	 * @return whether one of the exempt patterns matches
	 */
	public boolean isExemptPath(String decodedPath) {
		return this.exemptPaths.matchesDecodedPath(decodedPath);
	}

	/**
	 * Whether a path skips the check.
	 * @param path the path within the application, parsed as the web framework matches
	 * handlers against it (WebFlux's {@code RequestPath#pathWithinApplication()}), so no
	 * spelling of a path can reach another handler than the one the exemption names
	 * @return whether one of the exempt patterns matches
	 */
	public boolean isExemptRequestPath(PathContainer path) {
		return !this.exemptPaths.isEmpty() && this.exemptPaths.matches(path);
	}

	/**
	 * Whether the check is off because no host is listed: every host passes. A finding.
	 * @return whether it is off
	 */
	public boolean isOff() {
		return this.off;
	}

	/**
	 * Whether {@code *} is listed: every well-formed host passes. A finding.
	 * @return whether it is listed
	 */
	public boolean allowsAnyHost() {
		return this.allowed.allowsAny();
	}

	/**
	 * Whether a host, as a server reports it, is allowed (ignoring paths). With the check
	 * off, every host is.
	 * @param host the host, without port
	 * @return whether it is allowed
	 */
	public boolean allowsHost(String host) {
		if (isOff()) {
			return true;
		}
		HostHeader parsed = HostHeader.parseServerName(host);
		return parsed.isValid() && this.allowed.matchesNormalized(parsed.host());
	}

	/**
	 * The allowed hosts.
	 * @return the entries as configured
	 */
	public List<String> allowed() {
		return this.allowed.entries();
	}

	/**
	 * The exempt path patterns.
	 * @return the patterns as configured
	 */
	public List<String> exemptPaths() {
		return this.exemptPaths.patterns();
	}

	@Override
	public String toString() {
		return "TrustedHosts[allowed=" + this.allowed + ", exemptPaths=" + this.exemptPaths + "]";
	}

}
