package dev.hsts.servlet;

import java.util.Enumeration;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

import dev.hsts.core.HostRefusal;
import dev.hsts.core.HostRejection;
import dev.hsts.core.HostRejectionLog;
import dev.hsts.core.RejectionReason;
import dev.hsts.core.TrustedHosts;

/**
 * Applies the {@link TrustedHosts} policy to a servlet request: the raw {@code Host}
 * header (exactly one, strictly parsed; over HTTP/2, which has no Host header, the
 * {@code :authority} the server parsed) and the host the application will see
 * ({@link HttpServletRequest#getServerName()}, which reflects {@code X-Forwarded-Host} or
 * {@code Forwarded} only where the server's forwarded-header handling trusts them). The
 * verdict is kept, so the HSTS writer and the filter parse the request once: in a field
 * of the starter's response where {@link SecurityHeadersFilter} runs the check, otherwise
 * in a request attribute.
 *
 * <p>
 * For a refused request, {@link #rejection(HttpServletRequest)} also says which header
 * the refused value came from: the {@code Host} header, or the forwarded header the
 * application took its host from. That is worked out from the request as it is, so only
 * the forwarded headers the server's forwarded-header handling actually used count:
 * Spring's {@code ForwardedHeaderFilter}
 * ({@code server.forward-headers-strategy=framework}) takes the host from
 * {@code Forwarded} when present, else from {@code X-Forwarded-Host}, and the port from
 * {@code X-Forwarded-Port}; Tomcat's {@code RemoteIpValve} ({@code native}) from its
 * configured host and port headers ({@code X-Forwarded-Host} and {@code X-Forwarded-Port}
 * unless configured otherwise), and only from a trusted proxy.
 */
public class TrustedHostCheck {

	/**
	 * The request attribute that holds the verdict once {@link #verify} worked it out: a
	 * {@link RejectionReason}, or {@link Boolean#TRUE}. Where
	 * {@link SecurityHeadersFilter} runs the check itself, it keeps a pass in a field and
	 * sets the attribute only for a refusal.
	 */
	public static final String VERDICT_ATTRIBUTE = TrustedHostCheck.class.getName() + ".verdict";

	/**
	 * The request attribute that holds the {@link HostRejection} of a refused request,
	 * once {@link #rejection(HttpServletRequest)} worked it out.
	 */
	private static final String REJECTION_ATTRIBUTE = TrustedHostCheck.class.getName() + ".rejection";

	private static final Optional<RejectionReason> MALFORMED = Optional.of(RejectionReason.MALFORMED);

	private static final String X_FORWARDED_HOST = "X-Forwarded-Host";

	private static final String X_FORWARDED_PORT = "X-Forwarded-Port";

	private static final String FORWARDED = "Forwarded";

	private static final String AUTHORITY = ":authority";

	private static final String BAD_PORT = "its port is not a number from 1 to 65535";

	private final TrustedHosts trustedHosts;

	/**
	 * Whether the policy is off, kept here: read first on every request, before anything
	 * else of the policy.
	 */
	private final boolean off;

	/**
	 * @param trustedHosts the policy
	 */
	public TrustedHostCheck(TrustedHosts trustedHosts) {
		this.trustedHosts = Objects.requireNonNull(trustedHosts, "trustedHosts");
		this.off = trustedHosts.isOff();
	}

	/**
	 * Checks the host of a request, ignoring exempt paths.
	 * @param request the request
	 * @return empty when the host is trusted (always, when the check is off), otherwise
	 * why not
	 */
	public Optional<RejectionReason> verify(HttpServletRequest request) {
		if (this.off) {
			return Optional.empty();
		}
		Object cached = request.getAttribute(VERDICT_ATTRIBUTE);
		if (cached instanceof RejectionReason reason) {
			return Optional.of(reason);
		}
		if (Boolean.TRUE.equals(cached)) {
			return Optional.empty();
		}
		Optional<RejectionReason> verdict = evaluate(request);
		request.setAttribute(VERDICT_ATTRIBUTE, verdict.isPresent() ? verdict.get() : Boolean.TRUE);
		return verdict;
	}

	/**
	 * The verdict for a request as it arrives, before anything could have cached one (the
	 * filter that runs the check, on the {@code REQUEST} dispatch): evaluated without
	 * looking for a cached verdict. A refusal is cached for whatever asks later (the HSTS
	 * writer on an error dispatch, {@link #rejection(HttpServletRequest)}); a pass is
	 * not, since the caller keeps it in a field and evaluating it again later costs
	 * little (the last host that passed is remembered).
	 * @param request the request
	 * @return empty when the host is trusted, otherwise why not
	 */
	Optional<RejectionReason> verifyArriving(HttpServletRequest request) {
		if (this.off) {
			return Optional.empty();
		}
		Optional<RejectionReason> verdict = evaluate(request);
		if (verdict.isPresent()) {
			request.setAttribute(VERDICT_ATTRIBUTE, verdict.get());
		}
		return verdict;
	}

	private Optional<RejectionReason> evaluate(HttpServletRequest request) {
		Enumeration<String> values = request.getHeaders("Host");
		String host = null;
		if (values != null && values.hasMoreElements()) {
			host = values.nextElement();
			if (values.hasMoreElements()) {
				return MALFORMED;
			}
		}
		String serverName;
		try {
			serverName = request.getServerName();
			int port = request.getServerPort();
			if (port == 0 || port > 65535) {
				// A forwarded port the server took over (X-Forwarded-Host: host:99999,
				// X-Forwarded-Port).
				return MALFORMED;
			}
		}
		catch (RuntimeException ex) {
			// A request wrapper that cannot work out the host from its forwarded headers.
			return MALFORMED;
		}
		if (host == null && isHttp2(request) && serverName != null) {
			// HTTP/2 carries the host in the :authority pseudo-header (RFC 9113 section
			// 8.3.1), which the server has
			// parsed into the server name; there is no Host header to read.
			host = (serverName.indexOf(':') >= 0 && !serverName.startsWith("[")) ? "[" + serverName + "]" : serverName;
		}
		return this.trustedHosts.check(host, serverName);
	}

	/**
	 * What was refused, for messages: the reason, the header whose value was refused (see
	 * the class description), its value and what is wrong with it. Costs nothing more for
	 * a request that passes; a refused one is read again, once.
	 * @param request the request
	 * @return empty when the host is trusted (always, when the check is off), otherwise
	 * the rejection
	 */
	public Optional<HostRejection> rejection(HttpServletRequest request) {
		Optional<RejectionReason> verdict = verify(request);
		if (verdict.isEmpty()) {
			return Optional.empty();
		}
		if (request.getAttribute(REJECTION_ATTRIBUTE) instanceof HostRejection cached) {
			return Optional.of(cached);
		}
		HostRejection rejection = explain(request, verdict.get());
		request.setAttribute(REJECTION_ATTRIBUTE, rejection);
		return Optional.of(rejection);
	}

	private HostRejection explain(HttpServletRequest request, RejectionReason reason) {
		String path = request.getRequestURI();
		Enumeration<String> values = request.getHeaders(HostRejection.HOST);
		String host = null;
		if (values != null && values.hasMoreElements()) {
			host = values.nextElement();
			if (values.hasMoreElements()) {
				return new HostRejection(reason, host, null, path, HostRejection.HOST, host,
						"it appears more than once");
			}
		}
		String serverName;
		try {
			serverName = request.getServerName();
			int port = request.getServerPort();
			if (port == 0 || port > 65535) {
				String header = carriesPort(host, port) ? HostRejection.HOST : portSource(request);
				return new HostRejection(reason, host, serverName, path, header, rawHeader(request, header), BAD_PORT);
			}
		}
		catch (RuntimeException ex) {
			String header = forwardedHostSource(request, null);
			return new HostRejection(reason, host, null, path, header, rawHeader(request, header),
					"the host cannot be read from it");
		}
		boolean authority = host == null && isHttp2(request) && serverName != null;
		if (authority) {
			host = (serverName.indexOf(':') >= 0 && !serverName.startsWith("[")) ? "[" + serverName + "]" : serverName;
		}
		Optional<HostRefusal> refusal = this.trustedHosts.refusal(host, serverName);
		if (refusal.isPresent() && refusal.get().effectiveHost()) {
			String header = forwardedHostSource(request, serverName);
			return new HostRejection(refusal.get().reason(), authority ? null : host, serverName, path, header,
					rawHeader(request, header), refusal.get().problem());
		}
		String header = authority ? AUTHORITY : HostRejection.HOST;
		return new HostRejection(refusal.map(HostRefusal::reason).orElse(reason), authority ? null : host, serverName,
				path, header, host, refusal.map(HostRefusal::problem).orElse(null));
	}

	/**
	 * The header the host the application sees came from, when it is not the
	 * {@code Host}: a request wrapper that reports another server name than the server
	 * (Spring's {@code ForwardedHeaderFilter}) took it from {@code Forwarded} when
	 * present, else from {@code X-Forwarded-Host}; otherwise the server did
	 * ({@code RemoteIpValve}), from {@code X-Forwarded-Host} or the header it is
	 * configured to read, which is found by its value.
	 * @param serverName the server name, or {@code null} when it could not be read
	 */
	private static String forwardedHostSource(HttpServletRequest request, String serverName) {
		HttpServletRequest raw = innermost(request);
		if (raw != request && (serverName == null || !serverName.equals(serverNameOf(raw)))) {
			String forwarded = raw.getHeader(FORWARDED);
			return (forwarded != null && !forwarded.isBlank()) ? FORWARDED : X_FORWARDED_HOST;
		}
		if (serverName == null || HostRejectionLog.carriesHost(raw.getHeader(X_FORWARDED_HOST), serverName)) {
			return X_FORWARDED_HOST;
		}
		Enumeration<String> names = raw.getHeaderNames();
		while (names != null && names.hasMoreElements()) {
			String name = names.nextElement();
			if (!HostRejection.HOST.equalsIgnoreCase(name)
					&& HostRejectionLog.carriesHost(raw.getHeader(name), serverName)) {
				return canonical(name);
			}
		}
		return X_FORWARDED_HOST;
	}

	/**
	 * The header the port the application sees came from, when it is not the
	 * {@code Host}: {@code Forwarded} or else {@code X-Forwarded-Port} or else
	 * {@code X-Forwarded-Host} for a request wrapper (Spring's
	 * {@code ForwardedHeaderFilter}); otherwise the server's port header
	 * ({@code X-Forwarded-Port}, or the one it is configured to read, found by its
	 * value).
	 */
	private static String portSource(HttpServletRequest request) {
		HttpServletRequest raw = innermost(request);
		String port = String.valueOf(request.getServerPort());
		if (raw != request && raw.getServerPort() != request.getServerPort()) {
			String forwarded = raw.getHeader(FORWARDED);
			if (forwarded != null && !forwarded.isBlank()) {
				return FORWARDED;
			}
			return (raw.getHeader(X_FORWARDED_PORT) != null) ? X_FORWARDED_PORT : X_FORWARDED_HOST;
		}
		if (raw.getHeader(X_FORWARDED_PORT) != null) {
			return X_FORWARDED_PORT;
		}
		Enumeration<String> names = raw.getHeaderNames();
		while (names != null && names.hasMoreElements()) {
			String name = names.nextElement();
			String value = raw.getHeader(name);
			if (!HostRejection.HOST.equalsIgnoreCase(name) && value != null && value.trim().equals(port)) {
				return canonical(name);
			}
		}
		return X_FORWARDED_PORT;
	}

	/**
	 * A header name as it is usually written ({@code X-Original-Host}), whatever case the
	 * server reports it in (Tomcat 10.1 reports names in lower case).
	 */
	private static String canonical(String name) {
		StringBuilder canonical = new StringBuilder(name.length());
		boolean start = true;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			canonical.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
			start = c == '-';
		}
		return canonical.toString();
	}

	/** Whether a {@code Host} header value ends with this port. */
	private static boolean carriesPort(String host, int port) {
		return host != null && host.trim().endsWith(":" + port);
	}

	/** The raw value of a header as the client sent it, or {@code null}. */
	private static String rawHeader(HttpServletRequest request, String header) {
		try {
			return innermost(request).getHeader(header);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The request as the server made it, under every wrapper (a forwarded-header wrapper
	 * hides the headers it used).
	 */
	private static HttpServletRequest innermost(HttpServletRequest request) {
		ServletRequest current = request;
		HttpServletRequest innermost = request;
		while (current instanceof ServletRequestWrapper wrapper) {
			current = wrapper.getRequest();
			if (current instanceof HttpServletRequest http) {
				innermost = http;
			}
		}
		return innermost;
	}

	/** The server name, or {@code null} when the request cannot work it out. */
	static String serverNameOf(HttpServletRequest request) {
		try {
			return request.getServerName();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static boolean isHttp2(HttpServletRequest request) {
		String protocol = request.getProtocol();
		return protocol != null && protocol.startsWith("HTTP/2");
	}

	/**
	 * Whether the host of a request is trusted (ignoring exempt paths). With the check
	 * off, every host is.
	 * @param request the request
	 * @return whether it is trusted
	 */
	public boolean isTrusted(HttpServletRequest request) {
		return verify(request).isEmpty();
	}

	/**
	 * Whether the request's path skips the check: the path within the application as the
	 * container dispatches it (servlet path plus path info, decoded and normalised), so
	 * no spelling of a path can reach a different handler than the one the exemption
	 * names.
	 * @param request the request
	 * @return whether it is exempt
	 */
	public boolean isExempt(HttpServletRequest request) {
		return !this.trustedHosts.exemptPaths().isEmpty()
				&& this.trustedHosts.isExemptPath(RequestPaths.dispatchedPath(request));
	}

	/** The policy. */
	public TrustedHosts getTrustedHosts() {
		return this.trustedHosts;
	}

}
