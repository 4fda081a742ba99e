package dev.hsts.web;

import java.time.Clock;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.policy.HstsPolicy;

import org.springframework.security.web.header.HeaderWriter;

/**
 * Writes the {@code Strict-Transport-Security} value of the stage that is active now. Writes nothing on a request
 * that is not secure as the application sees it ({@link HttpServletRequest#isSecure()}, which reflects
 * {@code X-Forwarded-Proto} only where the server's forwarded-header handling trusts the peer), for IP literals
 * and excluded hosts, or when the response already has the header (the application's value wins, and there is
 * never a second copy).
 *
 * <p>Unlike Spring Security's {@code HstsHeaderWriter}, whose value is fixed, the value comes from a staged
 * {@link HstsPolicy} read against a {@link Clock}; all values are rendered when the policy is built.
 */
public class StagedHstsHeaderWriter implements HeaderWriter {

	private final HstsPolicy policy;

	private final Clock clock;

	/**
	 * @param policy the policy
	 * @param clock the clock that decides the stage of a scheduled rollout
	 */
	public StagedHstsHeaderWriter(HstsPolicy policy, Clock clock) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (!request.isSecure() || response.containsHeader(HstsPolicy.HEADER_NAME)) {
			return;
		}
		String value = this.policy.headerValueAt(this.clock.millis());
		if (value != null && this.policy.appliesToHost(request.getServerName())) {
			response.setHeader(HstsPolicy.HEADER_NAME, value);
		}
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
