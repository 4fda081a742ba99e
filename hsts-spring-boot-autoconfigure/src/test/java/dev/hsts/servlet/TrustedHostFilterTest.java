package dev.hsts.servlet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;

import dev.hsts.actuate.TrustedHostRejectionMetrics;
import dev.hsts.core.RejectionReason;
import dev.hsts.core.TrustedHostRejectionListener;
import dev.hsts.core.TrustedHosts;
import dev.hsts.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter on its own: the rate-limited log (with a clock the test moves), the
 * listeners and the metric, and the response for HEAD.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrustedHostFilterTest {

	static final Pattern LOG_LINE = Pattern.compile("Refused a request \\((not-allowed|malformed)\\)[^\\n]*");

	final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

	final List<RejectionReason> heard = new ArrayList<>();

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final TrustedHostFilter filter = new TrustedHostFilter(
			new TrustedHostCheck(TrustedHosts.of(List.of("api.example.test"), List.of("/health/**"))),
			List.<TrustedHostRejectionListener>of((rejection) -> this.heard.add(rejection.reason()), (rejection) -> {
				throw new IllegalStateException("a broken listener");
			}, new TrustedHostRejectionMetrics(this.registry)), this.clock);

	MockHttpServletResponse send(String method, String path, String host) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setServletPath(path);
		if (host != null) {
			request.addHeader("Host", host);
			request.setServerName(host.replaceAll(":\\d+$", ""));
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		if (response.getStatus() == 200) {
			assertThat(chain.getRequest()).as("passed on").isNotNull();
		}
		else {
			assertThat(chain.getRequest()).as("not passed on").isNull();
		}
		return response;
	}

	List<String> logLines(CapturedOutput output) {
		List<String> lines = new ArrayList<>();
		Matcher matcher = LOG_LINE.matcher(output.getAll());
		while (matcher.find()) {
			lines.add(matcher.group());
		}
		return lines;
	}

	@Test
	void logsOncePerMinutePerReasonWithTheCountOfSuppressedLines(CapturedOutput output) throws Exception {
		for (int i = 0; i < 100; i++) {
			assertThat(send("GET", "/x", "evil" + i + ".com").getStatus()).isEqualTo(400);
		}
		for (int i = 0; i < 50; i++) {
			assertThat(send("GET", "/x", "api.example.test:" + (65536 + i)).getStatus()).isEqualTo(400);
		}
		assertThat(logLines(output)).hasSize(2);
		assertThat(logLines(output).get(0)).contains("(not-allowed)", "Host 'evil0.com'")
			.doesNotContain("more were refused");
		assertThat(logLines(output).get(1)).contains("(malformed)", "Host 'api.example.test:65536'");
		this.clock.advance(Duration.ofSeconds(59));
		send("GET", "/x", "evil.com");
		assertThat(logLines(output)).hasSize(2);
		this.clock.advance(Duration.ofSeconds(1));
		send("GET", "/x", "evil.com");
		send("GET", "/x", "api.example.test:0");
		assertThat(logLines(output)).hasSize(4);
		assertThat(logLines(output).get(2)).contains("(not-allowed)", "100 more were refused since the previous one");
		assertThat(logLines(output).get(3)).contains("(malformed)", "49 more were refused since the previous one");
		assertThat(this.heard).hasSize(153);
		assertThat(this.registry.get(TrustedHostRejectionMetrics.METRIC_NAME)
			.tag("reason", "not-allowed")
			.counter()
			.count()).isEqualTo(102);
		assertThat(
				this.registry.get(TrustedHostRejectionMetrics.METRIC_NAME).tag("reason", "malformed").counter().count())
			.isEqualTo(51);
	}

	@Test
	void logLinesCannotBeForged(CapturedOutput output) throws Exception {
		send("GET", "/x", "evil.com\nFAKE LOG LINE");
		assertThat(output.getAll()).doesNotContain("\nFAKE LOG LINE").contains("\\u000aFAKE LOG LINE");
	}

	@Test
	void allowedHostsAndExemptPathsPass() throws Exception {
		assertThat(send("GET", "/x", "api.example.test:443").getStatus()).isEqualTo(200);
		assertThat(send("GET", "/health/live", "evil.com").getStatus()).isEqualTo(200);
		assertThat(send("GET", "/health/live", null).getStatus()).isEqualTo(200);
		assertThat(this.heard).isEmpty();
	}

	@Test
	void headGetsTheHeadersWithoutABody() throws Exception {
		MockHttpServletResponse response = send("HEAD", "/x", "evil.com");
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsByteArray()).isEmpty();
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void missingHostIsMalformed() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
		request.removeHeader("Host");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("\"reason\":\"malformed\"");
	}

	@Test
	void twoHostHeadersAreMalformedEvenIfBothAreAllowed() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
		request.addHeader("Host", "api.example.test");
		request.addHeader("Host", "api.example.test");
		request.setServerName("api.example.test");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("\"reason\":\"malformed\"");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void theCheckIsOffWithoutAllowedHosts() throws Exception {
		TrustedHostFilter off = new TrustedHostFilter(new TrustedHostCheck(TrustedHosts.off()), List.of(), this.clock);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
		request.addHeader("Host", "a@b");
		MockFilterChain chain = new MockFilterChain();
		off.doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void onlyTheRequestAsItArrivedIsCheckedNotItsOtherDispatches() throws Exception {
		for (DispatcherType type : List.of(DispatcherType.FORWARD, DispatcherType.INCLUDE, DispatcherType.ERROR,
				DispatcherType.ASYNC)) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
			request.addHeader("Host", "evil.example");
			request.setServerName("evil.example");
			request.setDispatcherType(type);
			MockHttpServletResponse response = new MockHttpServletResponse();
			MockFilterChain chain = new MockFilterChain();
			this.filter.doFilter(request, response, chain);
			assertThat(chain.getRequest()).as(type.name()).isNotNull();
			assertThat(response.getStatus()).as(type.name()).isEqualTo(200);
		}
		assertThat(send("GET", "/x", "evil.example").getStatus()).isEqualTo(400);
	}

}
