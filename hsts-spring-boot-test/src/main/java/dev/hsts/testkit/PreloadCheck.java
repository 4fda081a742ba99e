package dev.hsts.testkit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.hsts.core.PreloadIssue;
import dev.hsts.core.PreloadProbeResponse;
import dev.hsts.core.PreloadReadiness;

/**
 * The hstspreload.org submission rules a live site shows, from its responses: fetches
 * {@code https://<domain>/} and {@code http://<domain>/} without following redirects, and
 * the HTTPS page plain HTTP first redirects to, and feeds them to the preload list
 * checker's rules ({@link PreloadReadiness}, each issue in the checker's own words).
 *
 * <pre class="code">
 * PreloadCheck check = PreloadCheck.run(client, "example.com");
 * SecurityHeadersAssertions.assertThat(check).isReady();
 * </pre>
 *
 * The domain-level rules a site cannot show (a registrable domain, the www subdomain, the
 * certificate chain) are left to hstspreload.org.
 */
public final class PreloadCheck {

	private final String domain;

	private final List<PreloadProbeResponse> responses;

	private final List<PreloadIssue> issues;

	private PreloadCheck(String domain, List<PreloadProbeResponse> responses, List<PreloadIssue> issues) {
		this.domain = domain;
		this.responses = List.copyOf(responses);
		this.issues = List.copyOf(issues);
	}

	/**
	 * Checks a domain at its own address: {@code https://<domain>/} and
	 * {@code http://<domain>/}.
	 * @param client a client that does not follow redirects
	 * ({@code HttpClient.Redirect.NEVER}) and trusts the site's certificate
	 * @param domain the domain to submit, e.g. {@code example.com}
	 * @return the check
	 */
	public static PreloadCheck run(HttpClient client, String domain) {
		return run(client, domain, URI.create("https://" + domain + "/"), URI.create("http://" + domain + "/"));
	}

	/**
	 * Checks a domain served at other addresses (an application under test on its own
	 * ports): each request goes to the address and names the domain in its {@code Host}
	 * header, as a browser's would; the JDK client sends it only with
	 * {@code -Djdk.httpclient.allowRestrictedHeaders=host}.
	 * @param client a client that does not follow redirects
	 * ({@code HttpClient.Redirect.NEVER}) and trusts the site's certificate
	 * @param domain the domain to submit, e.g. {@code example.com}
	 * @param httpsAddress where HTTPS is served, e.g. {@code https://localhost:8443/}
	 * @param httpAddress where plain HTTP is served, e.g. {@code http://localhost:8080/},
	 * or {@code null} when it is not
	 * @return the check
	 */
	public static PreloadCheck run(HttpClient client, String domain, URI httpsAddress, URI httpAddress) {
		if (client.followRedirects() != HttpClient.Redirect.NEVER) {
			throw new IllegalArgumentException(
					"The preload check reads each redirect itself: use a client built with followRedirects(HttpClient.Redirect.NEVER)");
		}
		String host = domain.toLowerCase(Locale.ROOT);
		boolean ownAddress = httpsAddress.getHost().equalsIgnoreCase(host);
		List<PreloadProbeResponse> responses = new ArrayList<>();
		PreloadProbeResponse httpsRoot = fetch(client, "https://" + host + "/", httpsAddress.resolve("/"),
				ownAddress ? null : host);
		responses.add(httpsRoot);
		PreloadProbeResponse httpRoot = null;
		PreloadProbeResponse firstRedirectTarget = null;
		if (httpAddress != null) {
			httpRoot = fetchOrNull(client, "http://" + host + "/", httpAddress.resolve("/"), ownAddress ? null : host);
			if (httpRoot != null) {
				responses.add(httpRoot);
				if (httpRoot.isRedirect()) {
					URI target = httpRoot.url() != null ? URI.create(httpRoot.url()).resolve(httpRoot.location())
							: null;
					if (target != null && "https".equalsIgnoreCase(target.getScheme())
							&& host.equalsIgnoreCase(target.getHost())) {
						String path = (target.getRawPath() == null || target.getRawPath().isEmpty()) ? "/"
								: target.getRawPath();
						if (target.getRawQuery() != null) {
							path = path + "?" + target.getRawQuery();
						}
						firstRedirectTarget = fetch(client, target.toString(), httpsAddress.resolve(path),
								ownAddress ? null : host);
						responses.add(firstRedirectTarget);
					}
				}
			}
		}
		return new PreloadCheck(host, responses,
				PreloadReadiness.checkResponses(host, httpsRoot, httpRoot, firstRedirectTarget));
	}

	private static PreloadProbeResponse fetchOrNull(HttpClient client, String url, URI address, String hostHeader) {
		try {
			return send(client, url, address, hostHeader);
		}
		catch (ConnectException ex) {
			return null;
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof ConnectException) {
				return null;
			}
			throw new IllegalStateException("GET " + url + " (at " + address + "): " + ex, ex);
		}
	}

	private static PreloadProbeResponse fetch(HttpClient client, String url, URI address, String hostHeader) {
		try {
			return send(client, url, address, hostHeader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + url + " (at " + address + "): " + ex, ex);
		}
	}

	private static PreloadProbeResponse send(HttpClient client, String url, URI address, String hostHeader)
			throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(30)).GET();
		if (hostHeader != null) {
			request.setHeader("Host", hostHeader);
		}
		try {
			HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
			return new PreloadProbeResponse(url, response.statusCode(),
					response.headers().firstValue("Location").orElse(null),
					response.headers().allValues("Strict-Transport-Security"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: GET " + url, ex);
		}
	}

	/**
	 * The domain checked.
	 * @return the domain, lower case
	 */
	public String domain() {
		return this.domain;
	}

	/**
	 * The responses observed, in the order fetched: the HTTPS root, the plain-HTTP root
	 * (when served), the HTTPS page it first redirects to (when on the same host).
	 * @return the responses
	 */
	public List<PreloadProbeResponse> responses() {
		return this.responses;
	}

	/**
	 * Every issue, errors and warnings, in the checker's order.
	 * @return the issues
	 */
	public List<PreloadIssue> issues() {
		return this.issues;
	}

	/**
	 * The errors: hstspreload.org refuses the submission while any remains.
	 * @return the errors
	 */
	public List<PreloadIssue> errors() {
		List<PreloadIssue> errors = new ArrayList<>();
		for (PreloadIssue issue : this.issues) {
			if (issue.error()) {
				errors.add(issue);
			}
		}
		return errors;
	}

	/**
	 * Whether no error remains (warnings may).
	 * @return whether hstspreload.org would accept what the site shows
	 */
	public boolean isReady() {
		return errors().isEmpty();
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("preload check of ").append(this.domain).append(": ");
		if (this.issues.isEmpty()) {
			return text.append("no issue").toString();
		}
		for (PreloadIssue issue : this.issues) {
			text.append("\n  ").append(issue);
		}
		return text.toString();
	}

}
