package dev.hsts.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;

/**
 * Hand-written POSTs to a CSP report collector (or any other path) over real TLS (the
 * {@link TestTls} certificate), each on its own connection from a loopback source address
 * of the test's choosing (127.0.0.0/8 is all local on Linux), so a test can be many
 * clients, as the collector sees them (the connection's peer address). Also a request
 * whose body is sent only in part and never finished, to show that the server answered
 * without reading it whole.
 */
public final class ReportPosts {

	private final int port;

	private final String host;

	private ReportPosts(int port, String host) {
		this.port = port;
		this.host = host;
	}

	/**
	 * To the server on {@code port} over TLS, with {@code Host: api.example.test:port}.
	 */
	public static ReportPosts https(int port) {
		return new ReportPosts(port, "api.example.test");
	}

	/**
	 * The same with another {@code Host}.
	 * @param host the host name sent (the port is added)
	 * @return the posts
	 */
	public ReportPosts withHost(String host) {
		return new ReportPosts(this.port, host);
	}

	/**
	 * POSTs a whole body with its {@code Content-Length}.
	 * @param source the client's loopback address (e.g. {@code 127.0.0.21})
	 * @param target the request target ({@code /csp-reports?policy=default})
	 * @param contentType the {@code Content-Type}, or {@code null} for none
	 * @param body the body
	 * @param headerLines more header lines
	 * @return the response
	 */
	public RawHttp.Response post(String source, String target, String contentType, byte[] body, String... headerLines) {
		StringBuilder head = head("POST", target, contentType, headerLines);
		head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
		return exchange(source, concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body), true);
	}

	/** {@link #post(String, String, String, byte[], String...)} of UTF-8 text. */
	public RawHttp.Response post(String source, String target, String contentType, String body, String... headerLines) {
		return post(source, target, contentType, body.getBytes(StandardCharsets.UTF_8), headerLines);
	}

	/**
	 * Any method, no body.
	 * @param source the client's loopback address
	 * @param method the method
	 * @param target the request target
	 * @return the response
	 */
	public RawHttp.Response send(String source, String method, String target) {
		StringBuilder head = head(method, target, null);
		head.append("\r\n");
		return exchange(source, head.toString().getBytes(StandardCharsets.ISO_8859_1), true);
	}

	/**
	 * Sends the head of a POST and the first part of its body, then only reads: the
	 * request is never finished, so a server that wants to read the whole body never
	 * answers (and the read times out after 30 s, failing the test).
	 * @param source the client's loopback address
	 * @param target the request target
	 * @param contentType the {@code Content-Type}
	 * @param lengthHeader the framing header line: {@code Content-Length: n} or
	 * {@code Transfer-Encoding: chunked}
	 * @param bodyPart the bytes of the body sent (already chunk-framed where chunked)
	 * @return the response
	 */
	public RawHttp.Response unfinished(String source, String target, String contentType, String lengthHeader,
			byte[] bodyPart) {
		StringBuilder head = head("POST", target, contentType, lengthHeader);
		head.append("\r\n");
		return exchange(source, concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), bodyPart), false);
	}

	/** {@code size} bytes of body as chunks of 8 KiB, without the last (empty) chunk. */
	public static byte[] chunks(int size, byte fill) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		java.util.Arrays.fill(chunk, fill);
		for (int left = size; left > 0; left -= chunk.length) {
			int n = Math.min(left, chunk.length);
			out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.write(chunk, 0, n);
			out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		}
		return out.toByteArray();
	}

	private StringBuilder head(String method, String target, String contentType, String... headerLines) {
		StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(this.host).append(':').append(this.port).append("\r\n");
		if (contentType != null) {
			head.append("Content-Type: ").append(contentType).append("\r\n");
		}
		for (String line : headerLines) {
			head.append(line).append("\r\n");
		}
		head.append("Connection: close\r\n");
		return head;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = new byte[a.length + b.length];
		System.arraycopy(a, 0, all, 0, a.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

	private RawHttp.Response exchange(String source, byte[] request, boolean finished) {
		try (Socket plain = new Socket()) {
			plain.bind(new InetSocketAddress(source, 0));
			plain.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			plain.setSoTimeout(30_000);
			try (SSLSocket socket = (SSLSocket) TestTls.get()
				.sslContext()
				.getSocketFactory()
				.createSocket(plain, "localhost", this.port, true)) {
				socket.startHandshake();
				OutputStream out = socket.getOutputStream();
				try {
					out.write(request);
					out.flush();
				}
				catch (SocketException ex) {
					// The server answered and closed before the request was all written:
					// its answer is what counts.
				}
				InputStream in = socket.getInputStream();
				ByteArrayOutputStream all = new ByteArrayOutputStream();
				byte[] buffer = new byte[8192];
				try {
					for (int n; (n = in.read(buffer)) > 0;) {
						all.write(buffer, 0, n);
						if (!finished && RawHttp.Response.parse(all.toByteArray()).status() > 0
								&& complete(all.toByteArray())) {
							break;
						}
					}
				}
				catch (SocketException ex) {
					// A reset after the answer (the server closed first): what was read
					// is
					// the answer.
					if (all.size() == 0) {
						throw ex;
					}
				}
				return RawHttp.Response.parse(all.toByteArray());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether a response's head and its declared body are all there (the server may keep
	 * an unfinished request's connection open).
	 */
	private static boolean complete(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			return false;
		}
		RawHttp.Response head = RawHttp.Response.parse(bytes);
		String length = head.header("content-length");
		int body = bytes.length - end - 4;
		return (length != null) ? body >= Integer.parseInt(length) : head.status() == 204;
	}

}
