package dev.hsts.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The headers of a MockMvc result, with the application that answered (the
 * {@link WebApplicationContext} MockMvc runs).
 */
final class MockMvcResponses {

	private MockMvcResponses() {
	}

	static ResponseHeaders headers(MvcTestResult result) {
		return headers(result.getMvcResult());
	}

	static ResponseHeaders headers(MvcResult result) {
		MockHttpServletRequest request = result.getRequest();
		MockHttpServletResponse response = result.getResponse();
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (String name : response.getHeaderNames()) {
			fields.put(name, response.getHeaders(name));
		}
		String url = (request.isSecure() ? "https" : "http") + "://" + request.getServerName()
				+ request.getRequestURI();
		ResponseHeaders headers = ResponseHeaders.of("the response to " + request.getMethod() + " " + url, fields,
				java.net.URI.create(url));
		String host = request.getHeader("Host");
		headers = headers.withRequestHost((host != null) ? host : request.getServerName());
		WebApplicationContext context = (request.getServletContext() != null)
				? WebApplicationContextUtils.getWebApplicationContext(request.getServletContext()) : null;
		return (context != null) ? headers.withApplicationContext(context) : headers;
	}

}
