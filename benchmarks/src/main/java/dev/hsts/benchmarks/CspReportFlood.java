package dev.hsts.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A CSP report flood from many clients, for {@code benchmarks/csp-flood}: each client is
 * a thread with a source address of its own on the loopback network (127.0.2.1,
 * 127.0.2.2, ...; the collector's per-client limit keys on the connection's peer address,
 * never on a header such as X-Forwarded-For), one kept-alive HTTPS connection (a new one
 * when the server closes it), and POSTs reports at a fixed rate, alternating the two
 * formats browsers send ({@code application/reports+json} and
 * {@code application/csp-report}), with a small set of blocked URIs (so that duplicates
 * occur) and some unique ones. Every response is read and counted by status; a request
 * without a response (a reset, a timeout) is counted as an error, so that "nothing lost"
 * means: sent = 204 + 429, no other status, no error.
 *
 * <p>
 * Runs from its source file ({@code java CspReportFlood.java ...}: only the JDK). Sends
 * only to the target given, which the script keeps on 127.0.0.1; trusts any certificate
 * (the sample's development certificate), which is fine for a loopback benchmark only.
 *
 * <pre>
 * java CspReportFlood.java host port path clients rate-per-second seconds
 * </pre>
 */
public final class CspReportFlood {

	private static final int MAX_STATUS = 600;

	private final String host;

	private final int port;

	private final String path;

	private final int clients;

	private final double ratePerClient;

	private final long durationNanos;

	private final SSLContext tls;

	private final AtomicLongArray statuses = new AtomicLongArray(MAX_STATUS);

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong connections = new AtomicLong();

	private final AtomicLong latencyNanos = new AtomicLong();

	private final AtomicLong maxLatencyNanos = new AtomicLong();

	private CspReportFlood(String host, int port, String path, int clients, double rate, long seconds)
			throws Exception {
		this.host = host;
		this.port = port;
		this.path = path;
		this.clients = clients;
		this.ratePerClient = rate / clients;
		this.durationNanos = TimeUnit.SECONDS.toNanos(seconds);
		this.tls = SSLContext.getInstance("TLS");
		this.tls.init(null, new TrustManager[] { new TrustAll() }, new SecureRandom());
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 6) {
			System.err.println("usage: CspReportFlood host port path clients rate-per-second seconds");
			System.exit(2);
		}
		CspReportFlood flood = new CspReportFlood(args[0], Integer.parseInt(args[1]), args[2],
				Integer.parseInt(args[3]), Double.parseDouble(args[4]), Long.parseLong(args[5]));
		flood.run();
	}

	private void run() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(this.clients);
		long start = System.nanoTime();
		for (int i = 0; i < this.clients; i++) {
			String source = "127.0.2." + (i + 1);
			int client = i;
			Thread thread = new Thread(() -> {
				try {
					client(client, source, start);
				}
				finally {
					done.countDown();
				}
			}, "flood-" + source);
			thread.setDaemon(true);
			thread.start();
		}
		if (!done.await(this.durationNanos + TimeUnit.SECONDS.toNanos(60), TimeUnit.NANOSECONDS)) {
			System.out.println("unfinished-clients: " + done.getCount());
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		Map<Integer, Long> byStatus = new TreeMap<>();
		long answered = 0;
		for (int s = 0; s < MAX_STATUS; s++) {
			long n = this.statuses.get(s);
			if (n > 0) {
				byStatus.put(s, n);
				answered += n;
			}
		}
		System.out.printf(Locale.ROOT, "clients: %d (source addresses 127.0.2.1-127.0.2.%d)%n", this.clients,
				this.clients);
		System.out.printf(Locale.ROOT, "seconds: %.1f%n", seconds);
		System.out.println("sent: " + this.sent.get());
		System.out.println("answered: " + answered);
		for (Map.Entry<Integer, Long> entry : byStatus.entrySet()) {
			System.out.println("status-" + entry.getKey() + ": " + entry.getValue());
		}
		System.out.println("errors: " + this.errors.get());
		System.out.println("connections: " + this.connections.get());
		System.out.printf(Locale.ROOT, "reports-per-second: %.1f%n", answered / seconds);
		System.out.printf(Locale.ROOT, "report-latency-mean-ms: %.2f%n",
				(answered > 0) ? this.latencyNanos.get() / 1e6 / answered : 0.0);
		System.out.printf(Locale.ROOT, "report-latency-max-ms: %.2f%n", this.maxLatencyNanos.get() / 1e6);
	}

	private void client(int client, String source, long start) {
		long interval = (long) (1e9 / this.ratePerClient);
		// Spread the clients' first sends over one interval.
		long next = start + (interval * client) / this.clients;
		long end = start + this.durationNanos;
		Connection connection = null;
		long n = 0;
		while (true) {
			long now = System.nanoTime();
			if (now >= end) {
				break;
			}
			if (now < next) {
				sleepNanos(next - now);
				continue;
			}
			next += interval;
			if (next < now - interval * 10) {
				// Far behind (a stalled server): do not burst to catch up.
				next = now;
			}
			byte[] request = request(client, n++);
			this.sent.incrementAndGet();
			long t0 = System.nanoTime();
			try {
				if (connection == null) {
					connection = open(source);
				}
				int status = connection.exchange(request);
				record(status, System.nanoTime() - t0);
				if (connection.closed) {
					connection.close();
					connection = null;
				}
			}
			catch (IOException | RuntimeException ex) {
				this.errors.incrementAndGet();
				if (connection != null) {
					connection.close();
					connection = null;
				}
			}
		}
		if (connection != null) {
			connection.close();
		}
	}

	private void record(int status, long nanos) {
		this.statuses.incrementAndGet((status >= 0 && status < MAX_STATUS) ? status : 0);
		this.latencyNanos.addAndGet(nanos);
		this.maxLatencyNanos.accumulateAndGet(nanos, Math::max);
	}

	private static void sleepNanos(long nanos) {
		try {
			TimeUnit.NANOSECONDS.sleep(Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(50)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The n-th report of a client: the two formats in turn; nine in ten name one of eight
	 * blocked URIs (duplicates within the window), one in ten a URI of its own.
	 */
	private byte[] request(int client, long n) {
		String blocked = (n % 10 == 9) ? "https://unique-" + client + "-" + n + ".example.net/x.js"
				: "https://cdn" + (n % 8) + ".example.net/lib.js";
		String document = "https://api.example.test/docs/page" + (client % 4);
		String body;
		String type;
		if (n % 2 == 0) {
			type = "application/reports+json";
			body = "[{\"age\":0,\"body\":{\"blockedURL\":\"" + blocked + "\",\"columnNumber\":7,"
					+ "\"disposition\":\"report\",\"documentURL\":\"" + document
					+ "\",\"effectiveDirective\":\"script-src-elem\",\"lineNumber\":3,"
					+ "\"originalPolicy\":\"script-src 'self'\",\"referrer\":\"\",\"sample\":\"\","
					+ "\"sourceFile\":\"" + document + "\",\"statusCode\":200},\"type\":\"csp-violation\","
					+ "\"url\":\"" + document + "\",\"user_agent\":\"CspReportFlood\"}]";
		}
		else {
			type = "application/csp-report";
			body = "{\"csp-report\":{\"document-uri\":\"" + document + "\",\"referrer\":\"\","
					+ "\"violated-directive\":\"img-src\",\"effective-directive\":\"img-src\","
					+ "\"original-policy\":\"img-src 'self'\",\"disposition\":\"enforce\",\"blocked-uri\":\"" + blocked
					+ "\",\"line-number\":3,\"column-number\":7,\"source-file\":\"" + document
					+ "\",\"status-code\":200,\"script-sample\":\"\"}}";
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String head = "POST " + this.path + " HTTP/1.1\r\nHost: api.example.test:" + this.port + "\r\nContent-Type: "
				+ type + "\r\nContent-Length: " + bytes.length + "\r\nUser-Agent: CspReportFlood\r\n\r\n";
		byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
		byte[] all = new byte[headBytes.length + bytes.length];
		System.arraycopy(headBytes, 0, all, 0, headBytes.length);
		System.arraycopy(bytes, 0, all, headBytes.length, bytes.length);
		return all;
	}

	private Connection open(String source) throws IOException {
		Socket plain = new Socket();
		try {
			plain.bind(new InetSocketAddress(source, 0));
			plain.connect(new InetSocketAddress(this.host, this.port), 10_000);
			plain.setSoTimeout(30_000);
			plain.setTcpNoDelay(true);
			SSLSocket socket = (SSLSocket) this.tls.getSocketFactory().createSocket(plain, this.host, this.port, true);
			socket.startHandshake();
			this.connections.incrementAndGet();
			return new Connection(socket);
		}
		catch (IOException ex) {
			plain.close();
			throw ex;
		}
	}

	/** One kept-alive connection; reads one response per request. */
	private static final class Connection {

		private final SSLSocket socket;

		private final OutputStream out;

		private final InputStream in;

		boolean closed;

		Connection(SSLSocket socket) throws IOException {
			this.socket = socket;
			this.out = socket.getOutputStream();
			this.in = new BufferedInputStream(socket.getInputStream());
		}

		int exchange(byte[] request) throws IOException {
			this.out.write(request);
			this.out.flush();
			String statusLine = line();
			String[] parts = statusLine.split(" ");
			if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
				throw new IOException("Not a status line: " + statusLine);
			}
			int status = Integer.parseInt(parts[1]);
			// HTTP/1.0 closes after each response unless told otherwise.
			this.closed = parts[0].equals("HTTP/1.0");
			long length = -1;
			boolean chunked = false;
			for (String header = line(); !header.isEmpty(); header = line()) {
				int colon = header.indexOf(':');
				if (colon < 0) {
					continue;
				}
				String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = header.substring(colon + 1).trim();
				if (name.equals("content-length")) {
					length = Long.parseLong(value);
				}
				else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
					chunked = true;
				}
				else if (name.equals("connection")) {
					this.closed = value.equalsIgnoreCase("close")
							|| (this.closed && !value.equalsIgnoreCase("keep-alive"));
				}
			}
			if (chunked) {
				for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long
					.parseLong(line().split(";")[0].trim(), 16)) {
					skip(size);
					line();
				}
				while (!line().isEmpty()) {
					// trailers
				}
			}
			else if (length > 0) {
				skip(length);
			}
			else if (length < 0 && status != 204 && status != 304) {
				// No length: the body ends with the connection.
				this.in.transferTo(OutputStream.nullOutputStream());
				this.closed = true;
			}
			return status;
		}

		private void skip(long n) throws IOException {
			long left = n;
			while (left > 0) {
				long skipped = this.in.skip(left);
				if (skipped <= 0) {
					if (this.in.read() < 0) {
						throw new IOException("Connection closed in a body");
					}
					skipped = 1;
				}
				left -= skipped;
			}
		}

		private String line() throws IOException {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
			for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
				if (b < 0) {
					throw new IOException("Connection closed");
				}
				if (b != '\r') {
					bytes.write(b);
				}
			}
			return bytes.toString(StandardCharsets.ISO_8859_1);
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

	/** Trusts the sample's development certificate (and any other): loopback only. */
	private static final class TrustAll implements X509TrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
