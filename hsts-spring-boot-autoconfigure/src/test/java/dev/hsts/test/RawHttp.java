package dev.hsts.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLSocket;

/**
 * Sends hand-written HTTP/1.1 requests over a real socket (TLS with the {@link TestTls}
 * certificate, or plain), so a test can send what no well-behaved client would: two Host
 * headers, none, control characters, any bytes. Each request uses its own connection and
 * {@code Connection: close}.
 */
public final class RawHttp {

	private final int port;

	private final boolean tls;

	private RawHttp(int port, boolean tls) {
		this.port = port;
		this.tls = tls;
	}

	/** Over TLS. */
	public static RawHttp https(int port) {
		return new RawHttp(port, true);
	}

	/** Over plain HTTP. */
	public static RawHttp plain(int port) {
		return new RawHttp(port, false);
	}

	/**
	 * GET {@code path} with the given header lines.
	 * @param path the request target
	 * @param headerLines whole header lines ({@code "Host: a"}), written as ISO-8859-1
	 * bytes; Connection: close is added
	 * @return the response
	 */
	public Response get(String path, String... headerLines) {
		StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		return send(request.toString().getBytes(StandardCharsets.ISO_8859_1));
	}

	/** GET {@code path} with {@code Host: host}. */
	public Response getWithHost(String path, String host, String... moreHeaderLines) {
		List<String> lines = new ArrayList<>();
		lines.add("Host: " + host);
		lines.addAll(List.of(moreHeaderLines));
		return get(path, lines.toArray(new String[0]));
	}

	/**
	 * Sends raw bytes and reads the response until the server closes the connection.
	 * @param request the request bytes
	 * @return the response
	 */
	public Response send(byte[] request) {
		try (Socket socket = open()) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			// Written while the response is read: a server that refuses a huge request
			// answers and closes before
			// the client has written it all (a broken pipe on the client's side), and
			// that answer is what counts.
			CompletableFuture<IOException> writing = CompletableFuture.supplyAsync(() -> {
				try {
					out.write(request);
					out.flush();
					return null;
				}
				catch (IOException ex) {
					return ex;
				}
			});
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int n; (n = in.read(buffer)) > 0;) {
					all.write(buffer, 0, n);
				}
			}
			catch (IOException ex) {
				// A reset after the response (the server closed first): what was read is
				// the response.
				if (all.size() == 0) {
					IOException writeFailure = writing.getNow(null);
					throw (writeFailure != null) ? writeFailure : ex;
				}
			}
			return Response.parse(all.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends raw bytes and reads only the head of the response (status line and headers),
	 * then closes: for a response after which the server keeps the connection, such as a
	 * WebSocket upgrade's {@code 101}.
	 * @param request the request bytes
	 * @return the response, its body empty
	 */
	public Response sendForHead(byte[] request) {
		try (Socket socket = open()) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(request);
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int matched = 0;
			for (int b; matched < 4 && (b = in.read()) >= 0;) {
				head.write(b);
				matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
			}
			return Response.parse(head.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Socket open() throws IOException {
		if (!this.tls) {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			return socket;
		}
		SSLSocket socket = (SSLSocket) TestTls.get()
			.sslContext()
			.getSocketFactory()
			.createSocket("localhost", this.port);
		socket.startHandshake();
		return socket;
	}

	/**
	 * A response as it came over the wire.
	 *
	 * @param status the status code, or -1 when the server sent nothing
	 * @param headers header names in lower case, every value
	 * @param body the body, chunked encoding undone, as UTF-8
	 */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		static Response parse(byte[] bytes) {
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			if (text.isEmpty() || end < 0) {
				return new Response(-1, Map.of(), text);
			}
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers
					.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							(k) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
			byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
			if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
				rest = dechunk(rest);
			}
			return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] bytes) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int i = 0;
			while (i < bytes.length) {
				int lineEnd = i;
				while (lineEnd + 1 < bytes.length && !(bytes[lineEnd] == '\r' && bytes[lineEnd + 1] == '\n')) {
					lineEnd++;
				}
				String sizeText = new String(bytes, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
				int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
				if (size == 0) {
					break;
				}
				out.write(bytes, lineEnd + 2, Math.min(size, bytes.length - lineEnd - 2));
				i = lineEnd + 2 + size + 2;
			}
			return out.toByteArray();
		}

		/** The first value of a header, or {@code null}. */
		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

		/** Every value of a header. */
		public List<String> headers(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

	}

}
