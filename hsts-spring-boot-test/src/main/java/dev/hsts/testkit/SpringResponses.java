package dev.hsts.testkit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** The headers of Spring's {@code ResponseEntity} (as TestRestTemplate returns them). */
final class SpringResponses {

	private SpringResponses() {
	}

	static ResponseHeaders headers(ResponseEntity<?> entity) {
		return ResponseHeaders.of("the response (" + entity.getStatusCode() + ")", fields(entity.getHeaders()));
	}

	static ResponseHeaders headers(String description, HttpHeaders responseHeaders, URI url,
			HttpHeaders requestHeaders) {
		ResponseHeaders headers = ResponseHeaders.of(description, fields(responseHeaders), url);
		return (requestHeaders != null) ? headers.withRequestHost(requestHeaders.getFirst(HttpHeaders.HOST)) : headers;
	}

	static Map<String, List<String>> fields(HttpHeaders headers) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		headers.forEach(fields::put);
		return fields;
	}

}
