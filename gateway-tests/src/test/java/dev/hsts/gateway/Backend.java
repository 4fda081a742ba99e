package dev.hsts.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The service behind the gateway: the JDK's HTTP server over plain HTTP on a random
 * loopback port, counting every request it gets.
 * <ul>
 * <li>{@code /ok}: 200 {@code ok}</li>
 * <li>{@code /fail}: 500 {@code failed}</li>
 * <li>{@code /own-hsts}: 200 with its own
 * {@code Strict-Transport-Security: max-age=5}</li>
 * <li>{@code /hang}: no answer until the backend is closed</li>
 * <li>anything else: 404</li>
 * </ul>
 */
final class Backend implements AutoCloseable {

	static final String OWN_HSTS = "max-age=5";

	private final HttpServer server;

	private final ExecutorService executor;

	private final AtomicInteger requests = new AtomicInteger();

	private final CountDownLatch closed = new CountDownLatch(1);

	private Backend(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	static Backend start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			ExecutorService executor = Executors.newFixedThreadPool(4);
			Backend backend = new Backend(server, executor);
			server.createContext("/", backend::handle);
			server.setExecutor(executor);
			server.start();
			return backend;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A loopback port nothing listens on: a route to it is a backend that is down.
	 */
	static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			switch (exchange.getRequestURI().getPath()) {
				case "/ok" -> respond(exchange, 200, "ok");
				case "/fail" -> respond(exchange, 500, "failed");
				case "/own-hsts" -> {
					exchange.getResponseHeaders().set("Strict-Transport-Security", OWN_HSTS);
					respond(exchange, 200, "own hsts");
				}
				case "/hang" -> {
					// Answers only once the test is over: the gateway's response
					// timeout answers first.
					hang();
					respond(exchange, 200, "too late");
				}
				default -> respond(exchange, 404, "no such path on the backend");
			}
		}
	}

	private void hang() {
		try {
			this.closed.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
		if ("HEAD".equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Content-Length", String.valueOf(bytes.length));
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** The port the backend listens on. */
	int port() {
		return this.server.getAddress().getPort();
	}

	/** How many requests reached the backend so far. */
	int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
