package dev.hsts.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.hsts.core.HostRejection;
import dev.hsts.core.HostRejectionReporter;
import dev.hsts.core.ProblemJson;
import dev.hsts.core.RejectionReason;
import dev.hsts.core.TrustedHostRejectionListener;

import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.GenericFilterBean;

/**
 * Refuses a request whose host the application does not serve, before Spring Security and
 * every application filter run: {@code 400} with an RFC 9457
 * {@code application/problem+json} body, {@code Cache-Control: no-store} and
 * {@code X-Content-Type-Options: nosniff} (plus whatever the security header filter,
 * which runs first, writes; never HSTS, which is promised only to hosts the application
 * serves).
 *
 * <p>
 * Each refusal is told to the {@link TrustedHostRejectionListener}s and logged at most
 * once a minute per reason, with a count of the lines held back. Requests on exempt paths
 * pass whatever their host. Override
 * {@link #problemFor(HttpServletRequest, RejectionReason)} or {@link #reject} to change
 * the response.
 *
 * <p>
 * Only the request as it arrived is checked ({@link DispatcherType#REQUEST}); forwards,
 * includes, error pages and async dispatches of a request that passed go through,
 * whatever dispatcher types the filter is registered for. That is what a
 * {@code OncePerRequestFilter} would do, without its per-request attribute bookkeeping:
 * the check itself is idempotent, and its verdict is kept in a request attribute by
 * {@link TrustedHostCheck}.
 *
 * <p>
 * With the starter's auto-configuration, this filter is not a filter of its own in the
 * container's chain: {@link SecurityHeadersFilter} runs it, right after writing the
 * headers, and keeps the verdict in a field
 * ({@link SecurityHeadersFilter#setTrustedHostFilter(TrustedHostFilter)}). Registered on
 * its own, it works as described here.
 */
public class TrustedHostFilter extends GenericFilterBean implements Ordered {

	/**
	 * After {@link SecurityHeadersFilter} (which writes the other headers eagerly),
	 * before Spring Security (-100).
	 */
	public static final int DEFAULT_ORDER = SecurityHeadersFilter.DEFAULT_ORDER + 10;

	private static final Log LOG = LogFactory.getLog(TrustedHostFilter.class);

	private final TrustedHostCheck check;

	private final HostRejectionReporter reporter;

	private int order = DEFAULT_ORDER;

	/**
	 * @param check applies the policy to requests
	 * @param listeners told about every refusal
	 * @param clock the clock of the log limiter
	 */
	public TrustedHostFilter(TrustedHostCheck check, List<? extends TrustedHostRejectionListener> listeners,
			Clock clock) {
		this.check = Objects.requireNonNull(check, "check");
		this.reporter = new HostRejectionReporter(listeners, clock, LOG);
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse httpResponse
				&& httpRequest.getDispatcherType() == DispatcherType.REQUEST && !this.check.getTrustedHosts().isOff()) {
			check(httpRequest, httpResponse, chain);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private void check(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (admits(request, response, this.check.verify(request))) {
			chain.doFilter(request, response);
		}
	}

	/**
	 * Applies the verdict on a request as it arrived: refuses it (reported, logged and
	 * answered with {@link #reject}) unless the host passed or the path is exempt. Also
	 * how {@link SecurityHeadersFilter} runs this filter inside itself
	 * ({@link SecurityHeadersFilter#setTrustedHostFilter(TrustedHostFilter)}).
	 * @param request the request, on its {@code REQUEST} dispatch
	 * @param response the response
	 * @param verdict the check's verdict on it
	 * @return whether the request goes on; if not, the refusal was written
	 */
	boolean admits(HttpServletRequest request, HttpServletResponse response, Optional<RejectionReason> verdict)
			throws IOException {
		if (verdict.isEmpty() || this.check.isExempt(request)) {
			return true;
		}
		RejectionReason reason = verdict.get();
		HostRejection rejection = this.check.rejection(request)
			.orElseGet(() -> new HostRejection(reason, request.getHeader(HostRejection.HOST),
					TrustedHostCheck.serverNameOf(request), request.getRequestURI()));
		this.reporter.report(rejection);
		reject(request, response, reason);
		return false;
	}

	/**
	 * The problem to answer with.
	 * @param request the refused request
	 * @param reason why it is refused
	 * @return the problem (status 400); its texts must not contain the request's values.
	 * The detail names the header whose value was refused ({@code Host}, or the forwarded
	 * header the host came from), never its value
	 */
	protected ProblemDetail problemFor(HttpServletRequest request, RejectionReason reason) {
		String detail = this.check.rejection(request)
			.filter((rejection) -> rejection.reason() == reason)
			.map(HostRejection::detail)
			.orElseGet(reason::detail);
		return ProblemJson.hostRejection(reason, detail);
	}

	/**
	 * Writes the refusal.
	 * @param request the refused request
	 * @param response the response, not yet committed
	 * @param reason why it is refused
	 * @throws IOException if the response cannot be written
	 */
	protected void reject(HttpServletRequest request, HttpServletResponse response, RejectionReason reason)
			throws IOException {
		ProblemDetail problem = problemFor(request, reason);
		byte[] body = ProblemJson.render(problem).getBytes(StandardCharsets.UTF_8);
		response.setStatus(problem.getStatus());
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setContentType(ProblemJson.MEDIA_TYPE);
		response.setContentLength(body.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
		response.flushBuffer();
	}

	/** The check this filter applies. */
	public TrustedHostCheck getCheck() {
		return this.check;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * @param order the filter order; keep it before Spring Security's filter chain (-100)
	 * and after the forwarded header handling and the security header filter
	 */
	public void setOrder(int order) {
		this.order = order;
	}

}
