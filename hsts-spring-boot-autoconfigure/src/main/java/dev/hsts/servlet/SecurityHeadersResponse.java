package dev.hsts.servlet;

import java.util.function.BooleanSupplier;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.ApplicationHeaderValues;
import dev.hsts.core.CookieFlags;
import dev.hsts.core.HandlerPolicy;
import dev.hsts.core.SingleValuedHeaders;

/**
 * The response seen by everything after {@link SecurityHeadersFilter}: writes the
 * security headers again after {@link #reset()}, writes every header (including the
 * {@link CommitTimeHeaderWriter commit-time} ones) when the response commits, and turns a
 * second value for a single-valued security header into a replacement, so that a response
 * never carries two.
 *
 * <p>
 * Where Spring Security's header filter runs inside the starter's, it defers its writers
 * to this response ({@link DeferringHeaderWriterFilter}) instead of adding a wrapper of
 * its own, and this response runs them too.
 */
final class SecurityHeadersResponse extends CommitDetectingResponse {

	private final HttpServletRequest request;

	private final HeaderWriters writers;

	/** Told when the application sets a managed header itself, or {@code null}. */
	private final ApplicationHeaderValues applicationValues;

	/**
	 * Whether the eagerly written headers may be incomplete: until
	 * {@link #writeHeaders()} has run, and again when the application removes a header
	 * ({@code setHeader(name, null)}). While false, running the eager writers again would
	 * write nothing (each only fills an absent header, and a request's answers do not
	 * change), so {@link #writeAllHeadersAfterChain(boolean)} skips them.
	 */
	private boolean eagerHeadersIncomplete = true;

	/**
	 * Bit {@code i} is set when commit-time writer {@code i} wrote its header in
	 * {@link #onResponseCommitted()} and the value is not yet remembered as provisional.
	 */
	private int writtenAtCommit;

	/**
	 * Spring Security's writers, when its header filter deferred them to this response
	 * for this request, or {@code null}.
	 */
	private ResponseHeaderWriter springSecurityWriters;

	/** The request Spring Security's header filter saw, which its writers are given. */
	private HttpServletRequest springSecurityRequest;

	/**
	 * Whether Spring Security's deferred writers are still to run (again, after
	 * {@link #reset()}).
	 */
	private boolean springSecurityPending;

	/**
	 * The trusted-host check whose verdict on this request {@link #servedHost} holds, or
	 * {@code null} when the filter did not run one.
	 */
	private final TrustedHostCheck hostCheck;

	/** Whether {@link #hostCheck} passed the request's host. */
	private final boolean servedHost;

	/** The flags added to the cookies of this response, or {@code null} (off). */
	private CookieFlags cookieFlags;

	/** Whether the request is secure as the application sees it. */
	private boolean secureRequest;

	/**
	 * Whether the container adds the flags to {@link Cookie} objects itself (Tomcat, with
	 * the starter's cookie processor), or {@code null} when it does not.
	 */
	private BooleanSupplier containerFlagsCookies;

	/**
	 * The request's policy, when the application has named policies, handler policies or
	 * hooks; {@code null} otherwise (and then nothing here looks at it).
	 */
	private RequestPolicy policy;

	SecurityHeadersResponse(HttpServletRequest request, HttpServletResponse response, HeaderWriters writers,
			ApplicationHeaderValues applicationValues) {
		this(request, response, writers, applicationValues, null, false);
	}

	/**
	 * @param hostCheck the trusted-host check the filter ran on this request, or
	 * {@code null}
	 * @param servedHost whether it passed the host: writers that check hosts with it take
	 * this verdict instead of looking it up
	 */
	SecurityHeadersResponse(HttpServletRequest request, HttpServletResponse response, HeaderWriters writers,
			ApplicationHeaderValues applicationValues, TrustedHostCheck hostCheck, boolean servedHost) {
		super(response);
		this.request = request;
		this.writers = writers;
		this.applicationValues = applicationValues;
		this.hostCheck = hostCheck;
		this.servedHost = servedHost;
		if (writers.policies != null) {
			this.policy = RequestPolicy.start(writers.policies, request);
		}
	}

	/**
	 * Spring MVC mapped the request to its handler: with policies, the handler's policy
	 * (and the hooks' adjustments) become the request's, and its headers are written now,
	 * before the handler runs, so that a view finds the CSP nonce its policy needs.
	 * @param handler the handler
	 * @param handlerPolicy what the handler asks for, or {@code null}
	 */
	void handlerMapped(Object handler, HandlerPolicy handlerPolicy) {
		if (this.policy != null && this.policy.handlerMapped(handler, handlerPolicy)) {
			writePolicy((HttpServletResponse) getResponse());
		}
	}

	/** Writes the request's final policy's headers where absent (HSTS included). */
	private void writePolicy(HttpServletResponse target) {
		this.policy.write(target);
		StagedHstsHeaderWriter hsts = this.writers.policyHsts;
		if (hsts != null && this.policy.sendsHsts()) {
			if (this.hostCheck != null && hsts.checksHostsWith(this.hostCheck)) {
				hsts.writeHeaders(this.request, target, this.servedHost);
			}
			else {
				hsts.writeHeaders(this.request, target);
			}
		}
	}

	/**
	 * Adds the flags to the cookies set through this response.
	 * @param flags the flags
	 * @param secureRequest whether the request is secure as the application sees it
	 * @param containerFlagsCookies whether the container adds the flags to {@link Cookie}
	 * objects itself, or {@code null} when it does not
	 */
	void flagCookies(CookieFlags flags, boolean secureRequest, BooleanSupplier containerFlagsCookies) {
		this.cookieFlags = flags;
		this.secureRequest = secureRequest;
		this.containerFlagsCookies = containerFlagsCookies;
	}

	/**
	 * @param response a response as a filter sees it
	 * @return the starter's response it wraps (or is), or {@code null} when there is none
	 */
	static SecurityHeadersResponse find(ServletResponse response) {
		ServletResponse candidate = response;
		while (candidate instanceof ServletResponseWrapper wrapper) {
			if (candidate instanceof SecurityHeadersResponse starterResponse) {
				return starterResponse;
			}
			candidate = wrapper.getResponse();
		}
		return null;
	}

	/**
	 * Runs Spring Security's writers for this request: they run once, when the response
	 * commits, before an include or when Spring Security's chain returns
	 * ({@link #writeSpringSecurityHeaders()}), and again after a reset.
	 * @param writers Spring Security's writers, as one
	 * @param request the request Spring Security's header filter saw
	 */
	void deferSpringSecurityWriters(ResponseHeaderWriter writers, HttpServletRequest request) {
		this.springSecurityWriters = writers;
		this.springSecurityRequest = request;
		this.springSecurityPending = true;
	}

	/**
	 * Runs Spring Security's deferred writers, unless they ran already (since the last
	 * reset).
	 */
	void writeSpringSecurityHeaders() {
		if (this.springSecurityPending) {
			this.springSecurityPending = false;
			this.springSecurityWriters.writeHeaders(this.springSecurityRequest, this);
		}
	}

	/** Lets every writer that writes before the chain fill in what is absent. */
	void writeHeaders() {
		HttpServletResponse target = (HttpServletResponse) getResponse();
		for (ResponseHeaderWriter writer : this.writers.eager) {
			if (this.hostCheck != null && writer instanceof StagedHstsHeaderWriter hsts
					&& hsts.checksHostsWith(this.hostCheck)) {
				hsts.writeHeaders(this.request, target, this.servedHost);
			}
			else {
				writer.writeHeaders(this.request, target);
			}
		}
		if (this.policy != null && this.policy.isDecided()) {
			writePolicy(target);
		}
		this.eagerHeadersIncomplete = false;
	}

	/**
	 * Lets every writer, including the commit-time ones, fill in what is absent: the
	 * chain returned and the response is complete but not committed. Where an error page
	 * may still follow (the chain threw, or the status is an error's, as after
	 * {@code sendError}), the values the commit-time writers wrote, now or when
	 * {@code sendError} triggered {@link #onResponseCommitted()}, are remembered as
	 * provisional in request attributes, which the error dispatch's wrapper reads, so
	 * that the error page's own value replaces them instead of joining them. A response
	 * the chain completed without an error gets no error page from the container, and no
	 * request attribute: its commit-time writers are only noted in a field, as on a
	 * commit inside the chain. (One case is given up: where a filter ordered before this
	 * one fails after the chain returned, the error page finds the starter's values as
	 * the application's, so a value the page adds with {@code addHeader} joins them
	 * instead of replacing them; one it sets with {@code setHeader} replaces them.)
	 * @param threw whether the chain ended with an exception
	 */
	void writeAllHeadersAfterChain(boolean threw) {
		if (threw || getStatus() >= 400) {
			rememberProvisionalValues();
			writeAllHeaders(true);
		}
		else {
			writeAllHeaders(false);
		}
	}

	/**
	 * Stores, as provisional, the values the commit-time writers wrote in
	 * {@link #onResponseCommitted()}: called when the chain returns with the response
	 * still uncommitted, which happens when that callback came from {@code sendError} (an
	 * error page follows) rather than from a real commit.
	 */
	void rememberProvisionalValues() {
		if (this.writtenAtCommit == 0) {
			return;
		}
		HttpServletResponse target = (HttpServletResponse) getResponse();
		for (int i = 0; i < this.writers.atCommit.length && i < Integer.SIZE; i++) {
			if ((this.writtenAtCommit & (1 << i)) != 0) {
				remember(i, target.getHeader(this.writers.atCommit[i].getHeaderName()));
			}
		}
		this.writtenAtCommit = 0;
	}

	/**
	 * The chain returned with the response committed as the application sees it. After
	 * {@code sendError} a servlet container reports the response as committed (Tomcat's
	 * facade does) although the error page is still to come, and the status is the
	 * error's; so an error status means the commit-time values must be remembered as
	 * provisional. A response that really committed with an error status gets an
	 * attribute it does not need, and no other harm.
	 */
	void rememberProvisionalValuesOfAnError() {
		if (this.writtenAtCommit != 0 && getStatus() >= 400) {
			rememberProvisionalValues();
		}
	}

	private void remember(int writer, String written) {
		if (written != null) {
			this.request.setAttribute(this.writers.provisionalAttributes[writer], written);
		}
	}

	/**
	 * The response is about to commit (flushed, its content length reached, closed or
	 * redirected), or the application sent an error. Writes every header; which
	 * commit-time writers wrote is only noted in a field: after a real commit nothing can
	 * replace the values, and after {@code sendError} the chain's return
	 * ({@link #rememberProvisionalValuesOfAnError()},
	 * {@link #writeAllHeadersAfterChain(boolean)} or
	 * {@link #rememberProvisionalValues()}) stores them as provisional. So a request
	 * without an error, whether it commits inside the chain or after it, sets no request
	 * attribute.
	 */
	@Override
	protected void onResponseCommitted() {
		writeAllHeaders(false);
	}

	/**
	 * @param rememberNow whether to store the values the commit-time writers write as
	 * provisional right away, or only to note which wrote (see
	 * {@link #rememberProvisionalValues()})
	 */
	private void writeAllHeaders(boolean rememberNow) {
		if (this.policy != null && !this.policy.isDecided()) {
			// Complete without a handler: the policy so far is final.
			this.policy.decideWithoutHandler();
			this.eagerHeadersIncomplete = true;
		}
		if (this.eagerHeadersIncomplete) {
			writeHeaders();
		}
		writeSpringSecurityHeaders();
		HttpServletResponse target = (HttpServletResponse) getResponse();
		for (int i = 0; i < this.writers.atCommit.length; i++) {
			String name = this.writers.atCommit[i].getHeaderName();
			boolean absent = !target.containsHeader(name);
			if (this.policy != null && this.writers.atCommit[i] == this.writers.policyCacheControl) {
				this.policy.writeCacheControl(target);
			}
			else {
				this.writers.atCommit[i].writeHeaders(this.request, target);
			}
			if (absent) {
				if (rememberNow || i >= Integer.SIZE) {
					remember(i, target.getHeader(name));
				}
				else {
					this.writtenAtCommit |= 1 << i;
				}
			}
		}
	}

	@Override
	public void reset() {
		super.reset();
		writeHeaders();
		this.springSecurityPending = this.springSecurityWriters != null;
	}

	/**
	 * Adds the flags the cookie lacks, to a copy (the application's object is left as it
	 * is), unless the container does (Tomcat's cookie processor, wrapped by
	 * {@link TomcatCookieFlags}, after Spring Boot's SameSite decisions). A {@code false}
	 * flag of a {@link Cookie} cannot be told from an unset one: an exception keeps a
	 * cookie without a flag.
	 */
	@Override
	public void addCookie(Cookie cookie) {
		CookieFlags flags = this.cookieFlags;
		if (flags == null || cookie == null
				|| (this.containerFlagsCookies != null && this.containerFlagsCookies.getAsBoolean())) {
			super.addCookie(cookie);
			return;
		}
		super.addCookie(CookieObjects.flagged(flags, cookie, this.secureRequest));
	}

	@Override
	public void addHeader(String name, String value) {
		if (this.cookieFlags != null && CookieObjects.SET_COOKIE.equalsIgnoreCase(name)) {
			value = this.cookieFlags.amend(value, this.secureRequest);
		}
		boolean managed = SingleValuedHeaders.contains(name);
		int commitTime = this.writers.atCommitIndex(name);
		if (!managed && commitTime < 0) {
			// Not a header the filter writes: nothing to replace or to note, no look-up
			// needed.
			super.addHeader(name, value);
			return;
		}
		boolean present = containsHeader(name);
		if (managed) {
			noteApplicationValue(name, value, present);
		}
		if (present && (managed || isProvisional(commitTime, name))) {
			replaceHeader(commitTime, name, value);
		}
		else {
			super.addHeader(name, value);
		}
	}

	@Override
	public void setHeader(String name, String value) {
		if (this.cookieFlags != null && CookieObjects.SET_COOKIE.equalsIgnoreCase(name)) {
			value = this.cookieFlags.amend(value, this.secureRequest);
		}
		if (value == null) {
			// Removes the header (Servlet 6.1): a security header may have to be written
			// again.
			this.eagerHeadersIncomplete = true;
		}
		if (SingleValuedHeaders.contains(name)) {
			noteApplicationValue(name, value, false);
		}
		replaceHeader(this.writers.atCommitIndex(name), name, value);
	}

	/**
	 * @param commitTime the index of the commit-time writer of this header, or -1: its
	 * provisional value, if any, is no longer current
	 */
	private void replaceHeader(int commitTime, String name, String value) {
		if (commitTime >= 0) {
			this.request.removeAttribute(this.writers.provisionalAttributes[commitTime]);
		}
		super.setHeader(name, value);
	}

	private void noteApplicationValue(String name, String value, boolean duplicate) {
		if (this.applicationValues != null && value != null) {
			this.applicationValues.record(name, value, duplicate);
		}
	}

	/**
	 * Whether the header's current value is one a commit-time writer wrote for this
	 * request (for example when the application sent an error), which an error page's own
	 * value replaces instead of joining.
	 */
	private boolean isProvisional(int commitTime, String name) {
		if (commitTime < 0) {
			return false;
		}
		Object written = this.request.getAttribute(this.writers.provisionalAttributes[commitTime]);
		return written != null && written.equals(getHeader(name));
	}

}
