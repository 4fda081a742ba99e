package dev.hsts.testkit;

import org.springframework.test.web.reactive.server.ExchangeResult;

/** The headers of a {@code WebTestClient} exchange. */
final class WebTestClientResponses {

	private WebTestClientResponses() {
	}

	static ResponseHeaders headers(ExchangeResult result) {
		return SpringResponses.headers("the response to " + result.getMethod() + " " + result.getUrl(),
				result.getResponseHeaders(), result.getUrl(), result.getRequestHeaders());
	}

}
