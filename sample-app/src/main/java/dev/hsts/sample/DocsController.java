package dev.hsts.sample;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sample's documentation page, served at {@code /docs} and {@code /}. */
@RestController
public class DocsController {

	private static final String PAGE = """
			<!doctype html>
			<html lang="en">
			<head><meta charset="utf-8"><title>hsts-spring-boot-starter sample</title></head>
			<body>
			<h1>hsts-spring-boot-starter sample</h1>
			<p>Every HTTPS response from this application carries the active HSTS stage.</p>
			<ul>
			<li><a href="/v1/health">GET /v1/health</a></li>
			<li><a href="/v1/users/me">GET /v1/users/me</a></li>
			<li><a href="/v1/fail">GET /v1/fail</a> (a 500, with the header)</li>
			</ul>
			</body>
			</html>
			""";

	@GetMapping(path = { "/", "/docs" }, produces = MediaType.TEXT_HTML_VALUE)
	String docs() {
		return PAGE;
	}

}
