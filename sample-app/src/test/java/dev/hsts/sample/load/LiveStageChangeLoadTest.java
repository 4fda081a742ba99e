package dev.hsts.sample.load;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.hsts.sample.SampleApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least 100 000 HTTPS requests over 32 concurrent keep-alive connections to the sample
 * app, on loopback, while its scheduled rollout moves from stage 1 to stage 2 in the
 * middle of the run: the clock runs at real speed, set when the load starts so that stage
 * 1's 5 s hold ends 5 s into the run. Every response carries exactly one header with one
 * of the schedule's values; once a response carried stage 2's value, no request sent
 * after that gets stage 1's; no 5xx; and the requests for a host the app does not serve,
 * one in ten, all get a 400 without HSTS. Bounded: it stops after 240 s whatever happens.
 */
class LiveStageChangeLoadTest {

	private static final int CONNECTIONS = 32;

	private static final int MIN_REQUESTS = 100_000;

	private static final String STAGE_1 = "max-age=300";

	private static final String STAGE_2 = "max-age=86400";

	/** Every tenth request is for a host the sample does not serve. */
	private static final String UNTRUSTED_HOST = "evil.example.com";

	private record Observation(String host, long sentNanos, long receivedNanos, int status, List<String> hsts) {

		boolean trusted() {
			return !UNTRUSTED_HOST.equals(this.host);
		}

	}

	@Test
	void stageChangesUnderLoadWithoutAGapOrADuplicate() throws Exception {
		Path keyStore = Path.of("target/load-test-certificate/sample-app.p12").toAbsolutePath();
		int port = freePort();
		Instant startedAt = Instant.parse("2026-12-01T09:00:00Z");
		ShiftedClock clock = new ShiftedClock();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("rolloutClock", clock))
			.run("--server.port=" + port, "--server.address=127.0.0.1", "--security.headers.https-redirect.http-port=",
					"--sample.dev-certificate.path=" + keyStore, "--security.headers.hsts.rollout.stage=",
					"--security.headers.hsts.rollout.started-at=" + startedAt,
					"--security.headers.hsts.rollout.stages[0].max-age=300s",
					"--security.headers.hsts.rollout.stages[0].hold=5s",
					"--security.headers.hsts.rollout.stages[1].max-age=86400s", "--spring.main.banner-mode=off",
					"--logging.level.root=WARN")) {
			HttpClient client = HttpClient.newBuilder()
				.sslContext(trusting(keyStore))
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(10))
				.build();
			URI uri = URI.create("https://localhost:" + port + "/v1/health");
			ConcurrentLinkedQueue<Observation> observations = new ConcurrentLinkedQueue<>();
			AtomicInteger sent = new AtomicInteger();
			AtomicInteger afterChange = new AtomicInteger();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
			// Stage 1 starts as the load starts, on the application's clock: its 5 s hold
			// ends 5 s into the load.
			clock.runFrom(startedAt);
			ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
			CountDownLatch done = new CountDownLatch(CONNECTIONS);
			ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
			for (int i = 0; i < CONNECTIONS; i++) {
				pool.execute(() -> {
					try {
						while (System.nanoTime() < deadline
								&& (sent.get() < MIN_REQUESTS || afterChange.get() < MIN_REQUESTS / 10)) {
							String host = (sent.incrementAndGet() % 10 == 0) ? UNTRUSTED_HOST : "api.example.test";
							long sentAt = System.nanoTime();
							HttpResponse<Void> response = client.send(
									HttpRequest.newBuilder(uri).header("Host", host + ":" + port).build(),
									HttpResponse.BodyHandlers.discarding());
							List<String> hsts = response.headers().allValues("Strict-Transport-Security");
							observations
								.add(new Observation(host, sentAt, System.nanoTime(), response.statusCode(), hsts));
							if (hsts.contains(STAGE_2)) {
								afterChange.incrementAndGet();
							}
						}
					}
					catch (Throwable ex) {
						failures.add(ex);
					}
					finally {
						done.countDown();
					}
				});
			}
			assertThat(done.await(270, TimeUnit.SECONDS)).isTrue();
			pool.shutdownNow();
			assertThat(failures).isEmpty();

			List<Observation> everything = new ArrayList<>(observations);
			List<Observation> rejected = everything.stream().filter((o) -> !o.trusted()).toList();
			List<Observation> all = everything.stream().filter(Observation::trusted).toList();
			Map<String, Integer> byValue = new TreeMap<>();
			all.forEach((o) -> byValue.merge(String.join(" | ", o.hsts()), 1, Integer::sum));
			System.out.printf("load: %d requests (%d for an untrusted host), %d connections, values %s%n",
					everything.size(), rejected.size(), CONNECTIONS, byValue);

			assertThat(everything.size()).isGreaterThanOrEqualTo(MIN_REQUESTS);
			assertThat(rejected).isNotEmpty()
				.allSatisfy((o) -> assertThat(o.status()).isEqualTo(400))
				.allSatisfy((o) -> assertThat(o.hsts()).isEmpty());
			assertThat(all).allSatisfy((o) -> assertThat(o.status()).isEqualTo(200));
			assertThat(all).allSatisfy((o) -> assertThat(o.hsts()).hasSize(1).first().isIn(STAGE_1, STAGE_2));
			assertThat(byValue).containsKeys(STAGE_1, STAGE_2);
			long firstStage2 = all.stream()
				.filter((o) -> o.hsts().contains(STAGE_2))
				.mapToLong(Observation::receivedNanos)
				.min()
				.orElseThrow();
			assertThat(all.stream().filter((o) -> o.sentNanos() > firstStage2 && o.hsts().contains(STAGE_1)))
				.as("requests sent after a stage 2 response that still got stage 1")
				.isEmpty();
		}
	}

	/** A clock that runs at real speed from an instant the test sets. */
	static final class ShiftedClock extends Clock {

		private volatile long offsetMillis;

		void runFrom(Instant now) {
			this.offsetMillis = now.toEpochMilli() - System.currentTimeMillis();
		}

		@Override
		public long millis() {
			return System.currentTimeMillis() + this.offsetMillis;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(millis());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

	private static SSLContext trusting(Path keyStore) throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			trusted.load(in, "changeit".toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	private static int freePort() throws Exception {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
