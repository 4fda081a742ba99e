package dev.hsts.sample;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sample's documentation page, served at {@code /docs} and {@code /}, under a strict
 * Content-Security-Policy: its one inline script runs because it carries the per-request
 * nonce the starter puts in the {@code cspNonce} request attribute and in the header.
 */
@RestController
public class DocsController {

	private static final String PAGE = """
			<!doctype html>
			<html lang="en">
			<head><meta charset="utf-8"><title>hsts-spring-boot-starter sample</title></head>
			<body>
			<h1>hsts-spring-boot-starter sample</h1>
			<p>Every HTTPS response from this application carries the active HSTS stage and the security headers.</p>
			<ul id="endpoints">
			<li><a href="/v1/health">GET /v1/health</a></li>
			<li><a href="/v1/catalog">GET /v1/catalog</a> (its own Cache-Control)</li>
			<li><a href="/v1/users/me">GET /v1/users/me</a> (HTTP Basic)</li>
			<li><a href="/v1/fail">GET /v1/fail</a> (a 500, with the headers)</li>
			</ul>
			<p id="script-ran">The nonce script did not run.</p>
			<script nonce="%s">document.getElementById('script-ran').textContent = 'The nonce script ran.';</script>
			</body>
			</html>
			""";

	@GetMapping(path = { "/", "/docs" }, produces = MediaType.TEXT_HTML_VALUE)
	String docs(HttpServletRequest request) {
		return PAGE.formatted(HtmlUtils.htmlEscape(String.valueOf(request.getAttribute("cspNonce"))));
	}

}
