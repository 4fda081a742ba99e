package dev.hsts.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The harness shared by every per-request variant: one realistic request and a trivial
 * servlet.
 */
final class Requests {

	static final String HOST = "api.example.com";

	private Requests() {
	}

	/**
	 * {@code GET https://api.example.com/v1/health} as Tomcat would present it behind
	 * TLS.
	 */
	static MockHttpServletRequest secureApiRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/health");
		request.setScheme("https");
		request.setSecure(true);
		request.setServerName(HOST);
		request.setServerPort(443);
		request.setRemoteAddr("203.0.113.7");
		request.setProtocol("HTTP/1.1");
		request.addHeader("Host", HOST);
		request.addHeader("Accept", "application/json");
		request.addHeader("User-Agent", "benchmark/1.0");
		return request;
	}

	/**
	 * Answers {@code {"status":"UP"}} with a content length and flushes, as Spring MVC's
	 * message converters do (the response is then committed, as it is on a real server
	 * once the body is written).
	 */
	static final class HealthServlet extends HttpServlet {

		private static final long serialVersionUID = 1L;

		private static final byte[] BODY = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
			response.setStatus(200);
			response.setContentType("application/json");
			response.setContentLength(BODY.length);
			response.getOutputStream().write(BODY);
			response.flushBuffer();
		}

	}

}
