package dev.hsts.sample.webflux;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sample's documentation page, served at {@code /docs} and {@code /}, under a strict
 * Content-Security-Policy: its one inline script runs because it carries the per-request
 * nonce the starter puts in the {@code cspNonce} exchange attribute and in the header.
 * The script reads {@code /v1/events} with an {@code EventSource}, which the page's
 * policy allows ({@code connect-src 'self'}).
 */
@RestController
public class DocsController {

	private static final String PAGE = """
			<!doctype html>
			<html lang="en">
			<head><meta charset="utf-8"><title>hsts-spring-boot-starter sample</title></head>
			<body>
			<h1>hsts-spring-boot-starter sample (WebFlux)</h1>
			<p>Every HTTPS response from this application carries the active HSTS stage and the security headers.</p>
			<ul id="endpoints">
			<li><a href="/v1/health">GET /v1/health</a></li>
			<li><a href="/v1/catalog">GET /v1/catalog</a> (its own Cache-Control)</li>
			<li><a href="/v1/events">GET /v1/events</a> (server-sent events)</li>
			<li><a href="/v1/fail">GET /v1/fail</a> (a 500, with the headers)</li>
			</ul>
			<p id="script-ran">The nonce script did not run.</p>
			<ol id="events"></ol>
			<script nonce="%s">
			document.getElementById('script-ran').textContent = 'The nonce script ran.';
			const events = new EventSource('/v1/events');
			events.onmessage = (event) => {
			  const item = document.createElement('li');
			  item.textContent = event.data;
			  document.getElementById('events').appendChild(item);
			  if (event.lastEventId === '%d') {
			    events.close();
			  }
			};
			</script>
			</body>
			</html>
			""";

	/**
	 * The page, with the nonce of this exchange.
	 * @param nonce the {@code cspNonce} exchange attribute (absent when the starter is
	 * switched off or the path has no nonce policy)
	 * @return the page
	 */
	@GetMapping(path = { "/", "/docs" }, produces = MediaType.TEXT_HTML_VALUE)
	Mono<String> docs(@RequestAttribute(name = "cspNonce", required = false) String nonce) {
		return Mono.just(PAGE.formatted(HtmlUtils.htmlEscape(String.valueOf(nonce)), ApiController.EVENTS));
	}

}
