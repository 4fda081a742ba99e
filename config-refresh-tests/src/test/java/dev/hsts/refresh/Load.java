package dev.hsts.refresh;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLContext;

/**
 * Continuous HTTPS load on the replicas: {@code connectionsPerReplica} threads per
 * replica, each with an HTTP/1.1 client of its own (so one keep-alive connection each),
 * sending {@code GET /v1/health} for {@code host} one after the other, {@code pause}
 * apart, and recording every response. The pause leaves the machine some room for the
 * refreshes and the operator's requests (without it the load alone keeps two cores busy
 * and every other request waits for seconds).
 */
final class Load {

	/**
	 * One request.
	 *
	 * @param replica which replica (0-based)
	 * @param connection which connection (0-based, over all replicas)
	 * @param sequence the request's number on its connection
	 * @param sentNanos {@link System#nanoTime()} just before the request was sent
	 * @param receivedNanos {@link System#nanoTime()} once the whole response was read
	 * @param status the status, or -1 when the request failed (then {@code error} says
	 * why)
	 * @param hsts every Strict-Transport-Security field of the response, in order
	 * @param error what failed, or {@code null}
	 */
	record Observation(int replica, int connection, long sequence, long sentNanos, long receivedNanos, int status,
			List<String> hsts, String error) {

	}

	private final List<Integer> ports;

	private final int connectionsPerReplica;

	private final String host;

	private final SSLContext sslContext;

	private final long pauseMillis;

	private final ConcurrentLinkedQueue<Observation> observations = new ConcurrentLinkedQueue<>();

	private final List<LongAdder> responses = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	Load(List<Integer> ports, int connectionsPerReplica, String host, SSLContext sslContext, Duration pause) {
		this.ports = ports;
		this.connectionsPerReplica = connectionsPerReplica;
		this.host = host;
		this.sslContext = sslContext;
		this.pauseMillis = pause.toMillis();
		for (int i = 0; i < ports.size(); i++) {
			this.responses.add(new LongAdder());
		}
	}

	/** The number of connections. */
	int connections() {
		return this.ports.size() * this.connectionsPerReplica;
	}

	void start() {
		this.running = true;
		for (int replica = 0; replica < this.ports.size(); replica++) {
			for (int i = 0; i < this.connectionsPerReplica; i++) {
				int theReplica = replica;
				int connection = replica * this.connectionsPerReplica + i;
				Thread thread = new Thread(() -> run(theReplica, connection), "load-" + connection);
				thread.setDaemon(true);
				this.threads.add(thread);
				thread.start();
			}
		}
	}

	private void run(int replica, int connection) {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(this.sslContext)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		int port = this.ports.get(replica);
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/v1/health"))
			.header("Host", this.host + ":" + port)
			.timeout(Duration.ofSeconds(30))
			.build();
		long sequence = 0;
		while (this.running) {
			long sent = System.nanoTime();
			try {
				HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
				this.observations.add(new Observation(replica, connection, sequence++, sent, System.nanoTime(),
						response.statusCode(), response.headers().allValues("Strict-Transport-Security"), null));
				this.responses.get(replica).increment();
				pause(this.pauseMillis);
			}
			catch (IOException ex) {
				this.observations.add(new Observation(replica, connection, sequence++, sent, System.nanoTime(), -1,
						List.of(), ex.toString()));
				pause(Math.max(10, this.pauseMillis));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static void pause(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** How many responses the replica has given so far. */
	long responses(int replica) {
		return this.responses.get(replica).sum();
	}

	/**
	 * Waits until every replica has given {@code more} responses more than now.
	 * @throws IllegalStateException if that takes longer than {@code timeout}
	 */
	void awaitMoreResponses(long more, Duration timeout) throws InterruptedException {
		long[] targets = new long[this.ports.size()];
		for (int i = 0; i < targets.length; i++) {
			targets[i] = responses(i) + more;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		for (int i = 0; i < targets.length; i++) {
			while (responses(i) < targets[i]) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The load stalled: replica " + i + " gave " + responses(i)
							+ " responses, expected " + targets[i] + " within " + timeout);
				}
				Thread.sleep(10);
			}
		}
	}

	/**
	 * Stops the load, waits for the requests in flight, and returns what was recorded.
	 */
	List<Observation> stop() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(TimeUnit.SECONDS.toMillis(40));
			if (thread.isAlive()) {
				throw new IllegalStateException(thread.getName() + " did not finish its request");
			}
		}
		return new ArrayList<>(this.observations);
	}

}
