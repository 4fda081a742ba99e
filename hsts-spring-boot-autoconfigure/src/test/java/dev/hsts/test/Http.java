package dev.hsts.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A real HTTP client for tests: sends a request to a server on loopback with the Host
 * header a browser would send for {@code host}, and returns what came back on the wire.
 */
public final class Http {

	private final HttpClient client;

	private final String scheme;

	private final int port;

	private Http(HttpClient client, String scheme, int port) {
		this.client = client;
		this.scheme = scheme;
		this.port = port;
	}

	/** Over HTTPS, trusting the {@link TestTls} certificate. */
	public static Http https(int port) {
		return new Http(TestTls.get().client(), "https", port);
	}

	/** Over plain HTTP. */
	public static Http plain(int port) {
		return new Http(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build(), "http", port);
	}

	/** GET {@code path} for {@code host}. */
	public HttpResponse<String> get(String host, String path, String... headers) {
		return send("GET", host, path, headers);
	}

	/**
	 * Sends a request.
	 * @param method the method
	 * @param host the value of the Host header (without port; the server's port is
	 * appended), or {@code null} to send {@code localhost}
	 * @param path the path and query
	 * @param headers more headers, as name, value pairs
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String host, String path, String... headers) {
		return send(method, host, path, HttpRequest.BodyPublishers.noBody(), headers);
	}

	/**
	 * POSTs a form ({@code application/x-www-form-urlencoded}).
	 * @param host the value of the Host header (without port)
	 * @param path the path
	 * @param form the encoded form, {@code name=value&name=value}
	 * @param headers more headers, as name, value pairs
	 * @return the response
	 */
	public HttpResponse<String> postForm(String host, String path, String form, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/x-www-form-urlencoded";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return send("POST", host, path, HttpRequest.BodyPublishers.ofString(form), all);
	}

	/**
	 * Sends a request with a body.
	 * @param method the method
	 * @param host the value of the Host header (without port), or {@code null} to send
	 * {@code localhost}
	 * @param path the path and query
	 * @param body the body ({@code BodyPublishers.ofInputStream} sends it chunked)
	 * @param headers more headers, as name, value pairs
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String host, String path, HttpRequest.BodyPublisher body,
			String... headers) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.scheme + "://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, body);
		if (host != null) {
			request.setHeader("Host", host.contains(":") && !host.startsWith("[") ? host : host + ":" + this.port);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		HttpRequest built = request.build();
		try {
			return this.client.send(built, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + built.uri() + " (Host: " + host + "): " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Every value of a header field on the response, one per field line. */
	public static List<String> values(HttpResponse<?> response, String header) {
		return response.headers().allValues(header);
	}

}
