package dev.hsts.servlet;

import java.util.Enumeration;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import dev.hsts.core.RejectionReason;
import dev.hsts.core.TrustedHosts;

/**
 * Applies the {@link TrustedHosts} policy to a servlet request: the raw {@code Host}
 * header (exactly one, strictly parsed; over HTTP/2, which has no Host header, the
 * {@code :authority} the server parsed) and the host the application will see
 * ({@link HttpServletRequest#getServerName()}, which reflects {@code X-Forwarded-Host} or
 * {@code Forwarded} only where the server's forwarded-header handling trusts them). The
 * verdict is kept in a request attribute, so the HSTS writer and the filter parse the
 * request once.
 */
public class TrustedHostCheck {

	/**
	 * The request attribute that holds the verdict: a {@link RejectionReason}, or
	 * {@link Boolean#TRUE}.
	 */
	public static final String VERDICT_ATTRIBUTE = TrustedHostCheck.class.getName() + ".verdict";

	private static final Optional<RejectionReason> MALFORMED = Optional.of(RejectionReason.MALFORMED);

	private final TrustedHosts trustedHosts;

	/**
	 * @param trustedHosts the policy
	 */
	public TrustedHostCheck(TrustedHosts trustedHosts) {
		this.trustedHosts = Objects.requireNonNull(trustedHosts, "trustedHosts");
	}

	/**
	 * Checks the host of a request, ignoring exempt paths.
	 * @param request the request
	 * @return empty when the host is trusted (always, when the check is off), otherwise
	 * why not
	 */
	public Optional<RejectionReason> verify(HttpServletRequest request) {
		if (this.trustedHosts.isOff()) {
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
