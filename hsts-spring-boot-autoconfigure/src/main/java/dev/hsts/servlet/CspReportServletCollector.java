package dev.hsts.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.CspReportCollector;

/**
 * Answers CSP violation reports in the starter's {@link SecurityHeadersFilter}, before
 * Spring Security and the application: reads at most the collector's body limit and
 * writes its answer, without a body. The trusted-host check applies first unless the
 * collector is exempt from it.
 */
final class CspReportServletCollector {

	private final CspReportCollector collector;

	private final boolean trustedHostExempt;

	private final TrustedHostCheck trustedHostCheck;

	/**
	 * @param collector the collector
	 * @param trustedHostExempt whether reports skip the trusted-host check
	 * @param trustedHostCheck the check, when it runs as a filter of its own after the
	 * header filter (then an untrusted host's report is passed on, for that filter to
	 * refuse); {@code null} otherwise
	 */
	CspReportServletCollector(CspReportCollector collector, boolean trustedHostExempt,
			TrustedHostCheck trustedHostCheck) {
		this.collector = collector;
		this.trustedHostExempt = trustedHostExempt;
		this.trustedHostCheck = trustedHostCheck;
	}

	boolean handles(HttpServletRequest request) {
		return this.collector.handles(RequestPaths.pathWithinApplication(request));
	}

	boolean trustedHostExempt() {
		return this.trustedHostExempt;
	}

	/**
	 * Whether the separate trusted-host filter would let the request through (always when
	 * there is none, or the collector is exempt).
	 */
	boolean hostAdmitted(HttpServletRequest request) {
		return this.trustedHostExempt || this.trustedHostCheck == null || this.trustedHostCheck.isTrusted(request)
				|| this.trustedHostCheck.isExempt(request);
	}

	CspReportCollector collector() {
		return this.collector;
	}

	/**
	 * Answers a report request.
	 * @param request the request
	 * @param response the response
	 */
	void answer(HttpServletRequest request, HttpServletResponse response) {
		CspReportCollector.Answer answer = this.collector.check(request.getMethod(), request.getContentType(),
				request.getContentLengthLong(), request.getRemoteAddr());
		if (answer == null) {
			answer = receive(request);
		}
		if (answer.closesConnection() && !response.isCommitted() && isHttp1(request)) {
			// Tomcat then closes the connection instead of reading the rest of the body.
			response.setHeader("Connection", "close");
		}
		write(answer, response);
	}

	private static boolean isHttp1(HttpServletRequest request) {
		String protocol = request.getProtocol();
		return protocol != null && protocol.startsWith("HTTP/1");
	}

	private CspReportCollector.Answer receive(HttpServletRequest request) {
		int max = this.collector.maxBodySize();
		byte[] body = new byte[(int) Math.min(max + 1L, Math.max(0, request.getContentLengthLong()) + 1L)];
		int length = 0;
		try (InputStream in = request.getInputStream()) {
			while (true) {
				if (length == body.length) {
					if (length > max) {
						return this.collector.tooLarge();
					}
					byte[] grown = new byte[(int) Math.min(max + 1L, Math.max(1024L, body.length * 2L))];
					System.arraycopy(body, 0, grown, 0, length);
					body = grown;
				}
				int read = in.read(body, length, body.length - length);
				if (read < 0) {
					break;
				}
				length += read;
			}
		}
		catch (IOException ex) {
			// The client went away or sent a broken body (a malformed chunk).
			return this.collector.malformed();
		}
		if (length > max) {
			return this.collector.tooLarge();
		}
		return this.collector.receive(request.getContentType(), body, length,
				CspReportCollector.policyParameter(request.getQueryString()), request.getHeader("User-Agent"));
	}

	private static void write(CspReportCollector.Answer answer, HttpServletResponse response) {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(answer.status());
		for (Map.Entry<String, String> header : answer.headers().entrySet()) {
			response.setHeader(header.getKey(), header.getValue());
		}
		if (answer.status() != HttpServletResponse.SC_NO_CONTENT) {
			response.setContentLength(0);
		}
	}

}
