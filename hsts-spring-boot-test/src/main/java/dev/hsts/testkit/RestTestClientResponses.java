package dev.hsts.testkit;

import org.springframework.test.web.servlet.client.ExchangeResult;

/** The headers of a {@code RestTestClient} exchange. */
final class RestTestClientResponses {

	private RestTestClientResponses() {
	}

	static ResponseHeaders headers(ExchangeResult result) {
		return SpringResponses.headers("the response to " + result.getMethod() + " " + result.getUrl(),
				result.getResponseHeaders(), result.getUrl(), result.getRequestHeaders());
	}

}
