package dev.hsts.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * The trusted-host policy ({@code security.headers.trusted-hosts.*}): which hosts the application serves, and
 * which paths skip the check. Built once, and immutable but for a one-entry memo of the last host that passed;
 * {@link #check(String, String)} is what runs per request.
 *
 * <p>A request passes when its {@code Host} header is well-formed and allowed and, when the server took the host
 * from trusted forwarded headers, that host is well-formed and allowed too. The cost of a check does not grow
 * with the number of entries: a hash look-up for the name and one per dot in it, plus a scan of the CIDR ranges
 * for IP literals only (see {@link HostPatterns}).
 *
 * <p>With no entries the check is off (every host passes); with {@code *} every well-formed host passes. Both are
 * findings an operator should see: {@link #isOff()}, {@link #allowsAnyHost()}, {@link #finding()}.
 */
public final class TrustedHosts {

	/** The property prefix. */
	public static final String PREFIX = "security.headers.trusted-hosts";

	/** The property that lists the allowed hosts. */
	public static final String ALLOWED_PROPERTY = PREFIX + ".allowed";

	/** The property that lists the exempt paths. */
	public static final String EXEMPT_PATHS_PROPERTY = PREFIX + ".exempt-paths";

	private static final TrustedHosts OFF = new TrustedHosts(HostPatterns.none(), List.of(), List.of());

	private static final Optional<RejectionReason> NOT_ALLOWED = Optional.of(RejectionReason.NOT_ALLOWED);

	private static final Optional<RejectionReason> MALFORMED = Optional.of(RejectionReason.MALFORMED);

	private final HostPatterns allowed;

	private final List<String> exemptPaths;

	private final PathPattern[] exemptPatterns;

	/**
	 * The last request's host that passed, as it came ({@link #check(String, String)}'s arguments), or {@code null}.
	 * A check depends on its two arguments alone, so a request that repeats them, as nearly every request does,
	 * passes without being parsed and matched again. Only a pass is kept, and only the last one, so there is
	 * nothing to grow; a request for another host parses as before, and the value flips harmlessly between threads.
	 */
	private volatile PassedHost lastPassed;

	private TrustedHosts(HostPatterns allowed, List<String> exemptPaths, List<PathPattern> exemptPatterns) {
		this.allowed = allowed;
		this.exemptPaths = List.copyOf(exemptPaths);
		this.exemptPatterns = exemptPatterns.toArray(new PathPattern[0]);
	}

	/** The check switched off: every host passes. */
	public static TrustedHosts off() {
		return OFF;
	}

	/**
	 * Validates and builds the policy.
	 * @param allowed the allowed hosts: exact names, {@code *.example.com} wildcards, IP addresses, CIDR ranges or
	 * {@code *}; {@code null} or empty switches the check off
	 * @param exemptPaths path patterns ({@code /actuator/health/**}) that skip the check; may be {@code null}
	 * @return the policy
	 * @throws InvalidPolicyException naming {@code security.headers.trusted-hosts.allowed[i]} or
	 * {@code exempt-paths[i]} for the first invalid entry
	 */
	public static TrustedHosts of(List<String> allowed, List<String> exemptPaths) {
		if (allowed != null) {
			for (int i = 0; i < allowed.size(); i++) {
				String entry = allowed.get(i);
				if (entry != null && entry.indexOf('_') >= 0 && entry.indexOf('/') < 0) {
					throw new InvalidPolicyException(ALLOWED_PROPERTY + "[" + i + "]", entry,
							"this host entry is not valid: it contains '_', which host names cannot contain (RFC 1123); "
									+ "Tomcat refuses such a Host header, so the entry could never match.",
							"Rename the host, or list the name clients actually send.");
				}
			}
		}
		HostPatterns patterns = HostPatterns.parse(allowed, ALLOWED_PROPERTY);
		List<String> paths = (exemptPaths != null) ? exemptPaths : List.of();
		List<PathPattern> parsed = new ArrayList<>(paths.size());
		for (int i = 0; i < paths.size(); i++) {
			parsed.add(parsePath(paths.get(i), EXEMPT_PATHS_PROPERTY + "[" + i + "]"));
		}
		return new TrustedHosts(patterns, paths, parsed);
	}

	private static PathPattern parsePath(String path, String property) {
		String action = "Use a path pattern that starts with '/', such as /actuator/health/** or /ping.";
		if (path == null || path.isEmpty() || path.charAt(0) != '/') {
			throw new InvalidPolicyException(property, path, "an exempt path must start with '/'.", action);
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c <= ' ' || c == 0x7f || c == '?' || c == '#') {
				throw new InvalidPolicyException(property, path,
						"an exempt path cannot contain spaces, control characters, a query or a fragment.", action);
			}
		}
		try {
			return PathPatternParser.defaultInstance.parse(path);
		}
		catch (PatternParseException ex) {
			throw new InvalidPolicyException(property, path, "it is not a valid path pattern: " + ex.getMessage() + ".",
					action);
		}
	}

	/**
	 * Checks the host of a request.
	 * @param hostHeader the raw {@code Host} header value ({@code null} when missing)
	 * @param effectiveHost the host the application will see ({@code HttpServletRequest#getServerName()}, which
	 * reflects {@code X-Forwarded-Host} / {@code Forwarded} only where the server trusts them), or {@code null}
	 * to check the {@code Host} header alone
	 * @return empty when the request may pass, otherwise why not
	 */
	public Optional<RejectionReason> check(String hostHeader, String effectiveHost) {
		if (isOff()) {
			return Optional.empty();
		}
		PassedHost passed = this.lastPassed;
		if (passed != null && passed.matches(hostHeader, effectiveHost)) {
			return Optional.empty();
		}
		Optional<RejectionReason> verdict = evaluate(hostHeader, effectiveHost);
		if (verdict.isEmpty() && hostHeader != null) {
			this.lastPassed = new PassedHost(hostHeader, effectiveHost);
		}
		return verdict;
	}

	private Optional<RejectionReason> evaluate(String hostHeader, String effectiveHost) {
		HostHeader raw = HostHeader.parse(hostHeader);
		if (!raw.isValid()) {
			return MALFORMED;
		}
		HostHeader effective = null;
		if (effectiveHost != null && !sameHost(raw, effectiveHost)) {
			effective = HostHeader.parseServerName(effectiveHost);
			if (!effective.isValid()) {
				return MALFORMED;
			}
		}
		if (this.allowed.allowsAny()) {
			return Optional.empty();
		}
		if (!this.allowed.matchesNormalized(raw.host())) {
			return NOT_ALLOWED;
		}
		if (effective != null && !this.allowed.matchesNormalized(effective.host())) {
			return NOT_ALLOWED;
		}
		return Optional.empty();
	}

	/** A {@code Host} header and server name that passed the check. */
	private record PassedHost(String hostHeader, String effectiveHost) {

		/** Whether a check of these arguments is the same check, compared exactly (case included). */
		boolean matches(String hostHeader, String effectiveHost) {
			return this.hostHeader.equals(hostHeader) && Objects.equals(this.effectiveHost, effectiveHost);
		}

	}

	/** Whether a server name is exactly the (already validated) Host header's host: the usual case. */
	private static boolean sameHost(HostHeader raw, String serverName) {
		String host = raw.host();
		int length = serverName.length();
		if (length == host.length()) {
			return serverName.equalsIgnoreCase(host);
		}
		if (length == host.length() + 2 && serverName.charAt(0) == '[') {
			return serverName.regionMatches(true, 1, host, 0, host.length()) && serverName.charAt(length - 1) == ']';
		}
		return false;
	}

	/**
	 * Whether a path skips the check.
	 * @param path the path within the application as the container dispatches it: decoded and normalised (the
	 * servlet path plus the path info)
	 * @return whether one of the exempt patterns matches
	 */
	public boolean isExemptPath(String path) {
		if (this.exemptPatterns.length == 0 || path == null) {
			return false;
		}
		// The path is decoded already: escape what PathContainer would decode or split again.
		String escaped = (path.indexOf('%') >= 0 || path.indexOf(';') >= 0)
				? path.replace("%", "%25").replace(";", "%3B") : path;
		PathContainer container = PathContainer.parsePath(escaped);
		for (PathPattern pattern : this.exemptPatterns) {
			if (pattern.matches(container)) {
				return true;
			}
		}
		return false;
	}

	/** Whether the check is off because no host is listed: every host passes. A finding. */
	public boolean isOff() {
		return this.allowed.isEmpty();
	}

	/** Whether {@code *} is listed: every well-formed host passes. A finding. */
	public boolean allowsAnyHost() {
		return this.allowed.allowsAny();
	}

	/**
	 * Whether a host, as a server reports it, is allowed (ignoring paths). With the check off, every host is.
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

	/** The allowed hosts, parsed. */
	public HostPatterns allowed() {
		return this.allowed;
	}

	/** The exempt path patterns as configured. */
	public List<String> exemptPaths() {
		return this.exemptPaths;
	}

	/**
	 * What an operator should know about this policy, as one sentence: the check is off, or allows every host;
	 * empty when neither.
	 * @return the finding
	 */
	public Optional<String> finding() {
		if (isOff()) {
			return Optional.of("Trusted-host checks are off: requests for any Host reach the application. Set "
					+ ALLOWED_PROPERTY + " to the hosts it serves (for example api.example.com, *.example.com) "
					+ "to refuse the others with a 400.");
		}
		if (allowsAnyHost()) {
			return Optional.of("Trusted-host checks allow every host (" + ALLOWED_PROPERTY
					+ " contains '*'): only malformed Host headers are refused. Use '*' for local development only, "
					+ "and list the hosts the application serves in production.");
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return "TrustedHosts[allowed=" + this.allowed + ", exemptPaths=" + this.exemptPaths + "]";
	}

}
