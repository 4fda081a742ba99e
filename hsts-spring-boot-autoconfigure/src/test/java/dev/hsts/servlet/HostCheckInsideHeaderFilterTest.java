package dev.hsts.servlet;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.HstsPolicy;
import dev.hsts.core.RejectionReason;
import dev.hsts.core.TrustedHostRejectionListener;
import dev.hsts.core.TrustedHosts;
import dev.hsts.test.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SecurityHeadersFilter} running the trusted-host filter itself (as the
 * auto-configuration sets it up): the same verdicts and responses as the two filters in a
 * row, the HSTS writer given the filter's verdict, and a request that passes leaves no
 * request attribute behind (the verdict and the once-per-request mark are fields).
 */
class HostCheckInsideHeaderFilterTest {

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));

	final List<RejectionReason> heard = new ArrayList<>();

	final TrustedHostCheck check = new TrustedHostCheck(
			TrustedHosts.of(List.of("api.example.test"), List.of("/health/**")));

	final TrustedHostFilter hostFilter = new TrustedHostFilter(this.check,
			List.<TrustedHostRejectionListener>of((rejection) -> this.heard.add(rejection.reason())), this.clock);

	final SecurityHeadersFilter filter = new SecurityHeadersFilter(
			List.of(new StagedHstsHeaderWriter(HstsPolicy.builder().build(), this.clock, this.check),
					new FixedHeaderWriter("X-Content-Type-Options", "nosniff")));

	HostCheckInsideHeaderFilterTest() {
		this.filter.setTrustedHostFilter(this.hostFilter);
	}

	@Test
	void aServedHostPassesWithHstsAndSetsNoRequestAttribute() throws Exception {
		Sent sent = send(this.filter, "/v1/health", "api.example.test");
		RecordingRequest request = sent.request();
		MockHttpServletResponse response = sent.response();
		MockFilterChain chain = sent.chain();
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeaders("Strict-Transport-Security")).containsExactly("max-age=300");
		assertThat(response.getHeaders("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(request.attributesSet).isEmpty();
		assertThat(this.heard).isEmpty();
	}

	@Test
	void anUnservedHostIsRefusedWithoutHstsAndWithoutRunningTheChain() throws Exception {
		Sent sent = send(this.filter, "/v1/health", "evil.example");
		RecordingRequest request = sent.request();
		MockHttpServletResponse response = sent.response();
		MockFilterChain chain = sent.chain();
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getHeader("Strict-Transport-Security")).isNull();
		assertThat(response.getHeaders("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(response.getHeaders("Cache-Control")).containsExactly("no-store");
		assertThat(this.heard).containsExactly(RejectionReason.NOT_ALLOWED);
	}

	@Test
	void anExemptPathPassesForAnyHostButNeverGetsHsts() throws Exception {
		Sent sent = send(this.filter, "/health/live", "evil.example");
		RecordingRequest request = sent.request();
		MockHttpServletResponse response = sent.response();
		MockFilterChain chain = sent.chain();
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(response.getHeader("Strict-Transport-Security")).isNull();
		// The refusal is kept for whatever asks later (an error dispatch's HSTS writer).
		assertThat(this.check.isTrusted(request)).isFalse();
		assertThat(this.heard).isEmpty();
	}

	@Test
	void anErrorDispatchOfAnExemptRequestStillGetsNoHsts() throws Exception {
		RecordingRequest request = secureRequest("/health/live", "evil.example");
		this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
		request.setDispatcherType(DispatcherType.ERROR);
		MockHttpServletResponse errorResponse = new MockHttpServletResponse();
		this.filter.doFilter(request, errorResponse, new MockFilterChain());
		assertThat(errorResponse.getHeader("Strict-Transport-Security")).isNull();
		assertThat(errorResponse.getHeaders("X-Content-Type-Options")).containsExactly("nosniff");
	}

	@Test
	void aForwardInsideTheFilteredRequestIsNotFilteredAgainButAnErrorDispatchIs() throws Exception {
		RecordingRequest request = secureRequest("/v1/health", "api.example.test");
		MockHttpServletResponse response = new MockHttpServletResponse();
		List<String> seen = new ArrayList<>();
		FilterChain forwarding = (req, res) -> {
			RecordingRequest forwarded = (RecordingRequest) req;
			forwarded.setDispatcherType(DispatcherType.FORWARD);
			// Passed through: the inner chain gets the very response the forward was
			// given
			// (filtered again, it would get a new wrapper around it).
			this.filter.doFilter(req, res, (innerRequest, innerResponse) -> seen
				.add("forwarded to " + ((innerResponse == res) ? "the same response" : "another")));
			forwarded.setDispatcherType(DispatcherType.REQUEST);
		};
		this.filter.doFilter(request, response, forwarding);
		assertThat(seen).containsExactly("forwarded to the same response");
		assertThat(response.getHeaders("Strict-Transport-Security")).containsExactly("max-age=300");

		request.setDispatcherType(DispatcherType.ERROR);
		MockHttpServletResponse errorResponse = new MockHttpServletResponse();
		this.filter.doFilter(request, errorResponse, new RecordingChain(seen));
		assertThat(seen).last().isEqualTo("chain ran with the starter's response");
		assertThat(errorResponse.getHeaders("Strict-Transport-Security")).containsExactly("max-age=300");
	}

	@Test
	void withoutAHostFilterTheHeaderFilterChecksNothing() throws Exception {
		SecurityHeadersFilter alone = new SecurityHeadersFilter(
				List.of(new StagedHstsHeaderWriter(HstsPolicy.builder().build(), this.clock, this.check)));
		Sent sent = send(alone, "/v1/health", "evil.example");
		RecordingRequest request = sent.request();
		MockHttpServletResponse response = sent.response();
		MockFilterChain chain = sent.chain();
		assertThat(chain.getRequest()).isSameAs(request);
		// The HSTS writer still asks the check itself.
		assertThat(response.getHeader("Strict-Transport-Security")).isNull();
		assertThat(alone.getTrustedHostFilter()).isNull();
	}

	@Test
	void aHostFilterWhoseCheckIsOffIsNotRun() throws Exception {
		TrustedHostFilter off = new TrustedHostFilter(new TrustedHostCheck(TrustedHosts.off()), List.of(), this.clock);
		SecurityHeadersFilter headers = new SecurityHeadersFilter(
				List.of(new StagedHstsHeaderWriter(HstsPolicy.builder().build(), this.clock, off.getCheck())));
		headers.setTrustedHostFilter(off);
		Sent sent = send(headers, "/v1/health", "anything.example");
		RecordingRequest request = sent.request();
		MockHttpServletResponse response = sent.response();
		MockFilterChain chain = sent.chain();
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(response.getHeaders("Strict-Transport-Security")).containsExactly("max-age=300");
		assertThat(request.attributesSet).isEmpty();
	}

	/** A secure GET for a host through a filter to a chain that records what it got. */
	private static Sent send(SecurityHeadersFilter filter, String path, String host) throws Exception {
		Sent sent = new Sent(secureRequest(path, host), new MockHttpServletResponse(), new MockFilterChain());
		filter.doFilter(sent.request(), sent.response(), sent.chain());
		return sent;
	}

	record Sent(RecordingRequest request, MockHttpServletResponse response, MockFilterChain chain) {

	}

	private static RecordingRequest secureRequest(String path, String host) {
		RecordingRequest request = new RecordingRequest(path);
		request.setSecure(true);
		request.setScheme("https");
		request.setServerPort(443);
		request.addHeader("Host", host);
		request.setServerName(host);
		return request;
	}

	/** A request that records the names of the attributes set on it. */
	static final class RecordingRequest extends MockHttpServletRequest {

		final List<String> attributesSet = new ArrayList<>();

		RecordingRequest(String path) {
			super("GET", path);
			setServletPath(path);
		}

		@Override
		public void setAttribute(String name, Object value) {
			this.attributesSet.add(name);
			super.setAttribute(name, value);
		}

	}

	/** A chain that notes which response it was given. */
	record RecordingChain(List<String> seen) implements FilterChain {

		@Override
		public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
			this.seen.add("chain ran with " + ((response instanceof SecurityHeadersResponse) ? "the starter's response"
					: ((HttpServletResponse) response).getClass().getSimpleName()));
		}

	}

}
