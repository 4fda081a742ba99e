package dev.hsts.servlet;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.HstsPolicy;

/**
 * Writes the {@code Strict-Transport-Security} value of the stage that is active now.
 * Writes nothing on a request that is not secure as the application sees it
 * ({@link HttpServletRequest#isSecure()}, which reflects {@code X-Forwarded-Proto} only
 * where the server's forwarded-header handling trusts the peer), for IP literals and
 * excluded hosts, for hosts the application does not serve (an optional predicate, wired
 * to the trusted-host check, so a refused request never carries the promise), or when the
 * response already has the header (the application's value wins, and there is never a
 * second copy).
 *
 * <p>
 * Unlike Spring Security's {@code HstsHeaderWriter}, whose value is fixed, the value
 * comes from a staged {@link HstsPolicy} read against a {@link Clock}; all values are
 * rendered when the policy is built.
 */
public class StagedHstsHeaderWriter implements ResponseHeaderWriter {

	private final HstsPolicy policy;

	private final Clock clock;

	private final Predicate<HttpServletRequest> servedHost;

	/** The check behind {@link #servedHost}, when the writer was made with one. */
	private final TrustedHostCheck trustedHostCheck;

	/**
	 * @param policy the policy
	 * @param clock the clock that decides the stage of a scheduled rollout
	 */
	public StagedHstsHeaderWriter(HstsPolicy policy, Clock clock) {
		this(policy, clock, (request) -> true);
	}

	/**
	 * @param policy the policy
	 * @param clock the clock that decides the stage of a scheduled rollout
	 * @param servedHost whether the request's host is one the application serves (for
	 * example {@link TrustedHostCheck#isTrusted(HttpServletRequest)}); no header is
	 * written when it is not
	 */
	public StagedHstsHeaderWriter(HstsPolicy policy, Clock clock, Predicate<HttpServletRequest> servedHost) {
		this(policy, clock, servedHost, null);
	}

	/**
	 * @param policy the policy
	 * @param clock the clock that decides the stage of a scheduled rollout
	 * @param trustedHostCheck no header is written for a host it refuses; where
	 * {@link SecurityHeadersFilter} runs the same check
	 * ({@link SecurityHeadersFilter#setTrustedHostFilter(TrustedHostFilter)}), its
	 * verdict is taken from the filter instead of being looked up again
	 */
	public StagedHstsHeaderWriter(HstsPolicy policy, Clock clock, TrustedHostCheck trustedHostCheck) {
		this(policy, clock, Objects.requireNonNull(trustedHostCheck, "trustedHostCheck")::isTrusted, trustedHostCheck);
	}

	private StagedHstsHeaderWriter(HstsPolicy policy, Clock clock, Predicate<HttpServletRequest> servedHost,
			TrustedHostCheck trustedHostCheck) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.servedHost = Objects.requireNonNull(servedHost, "servedHost");
		this.trustedHostCheck = trustedHostCheck;
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		String value = valueFor(request, response);
		if (value != null && this.servedHost.test(request)) {
			response.setHeader(HstsPolicy.HEADER_NAME, value);
		}
	}

	/**
	 * Writes the header with the verdict of the trusted-host check already known.
	 * @param request the request
	 * @param response the response
	 * @param servedHost whether {@link #checksHostsWith(TrustedHostCheck) the check}
	 * passed the request's host
	 */
	void writeHeaders(HttpServletRequest request, HttpServletResponse response, boolean servedHost) {
		String value = valueFor(request, response);
		if (value != null && servedHost) {
			response.setHeader(HstsPolicy.HEADER_NAME, value);
		}
	}

	/**
	 * The value to write, before the host check: {@code null} when the request is not
	 * secure, the response has the header already, the policy sends nothing now, or the
	 * host is an IP literal or excluded.
	 */
	private String valueFor(HttpServletRequest request, HttpServletResponse response) {
		if (!request.isSecure() || response.containsHeader(HstsPolicy.HEADER_NAME)) {
			return null;
		}
		String value = this.policy.headerValue(this.clock);
		return (value != null && this.policy.appliesToHost(request.getServerName())) ? value : null;
	}

	/**
	 * Whether hosts are checked with this check (the writer was made with it).
	 * @param check a trusted-host check
	 * @return whether the writer's host check is that one
	 */
	boolean checksHostsWith(TrustedHostCheck check) {
		return check != null && check == this.trustedHostCheck;
	}

	/** The policy this writer applies. */
	public HstsPolicy getPolicy() {
		return this.policy;
	}

	/** The clock that picks the active stage. */
	public Clock getClock() {
		return this.clock;
	}

}
