package dev.hsts.testkit;

import java.net.http.HttpResponse;

/** The headers of a {@code java.net.http} response. */
final class JdkResponses {

	private JdkResponses() {
	}

	static ResponseHeaders headers(HttpResponse<?> response) {
		String description = "the response to " + response.request().method() + " " + response.request().uri();
		ResponseHeaders headers = ResponseHeaders.of(description, response.headers().map(), response.request().uri());
		return headers.withRequestHost(response.request().headers().firstValue("Host").orElse(null));
	}

}
