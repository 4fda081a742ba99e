package dev.hsts.refresh;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import dev.hsts.refresh.Load.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet rollout through Spring Cloud Config, end to end in one JVM: a real Config
 * Server (native backend on a temporary directory) and two replicas of a sample (started
 * by the subclass: {@link FleetRefreshOverTlsTest} on Tomcat,
 * {@link WebFluxFleetRefreshOverTlsTest} on Reactor Netty; over HTTPS with the sample's
 * development certificate) configured from it with
 * {@code spring.config.import=configserver:...}, under continuous HTTPS load on 2 x 16
 * keep-alive connections.
 * <ol>
 * <li>The config source pins stage 1 ({@code max-age=300}).</li>
 * <li>It is changed to stage 2 and each replica refreshed
 * ({@code POST /actuator/refresh}): each replica switches to {@code max-age=86400} once,
 * and never goes back; every response carries exactly one Strict-Transport-Security; the
 * endpoint's {@code policy.version} goes from 1 to 2 with the change listed.</li>
 * <li>An invalid stage (7 of 3) is pushed and both refreshed: both keep
 * {@code max-age=86400}, the endpoint shows the rejection (version still 2,
 * {@code lastRejected}, the finding {@code policy.refresh-rejected}) and the counter
 * {@code security.headers.policy.refreshes} counts one applied and one rejected
 * refresh.</li>
 * </ol>
 * Checks of the harness itself (the servers start, the config server serves the file, a
 * refresh brings the new value into each replica's environment, the load runs) fail at
 * once; the checks of the starter's refresh are collected and reported together.
 */
abstract class AbstractFleetRefreshOverTlsTest {

	private static final String STAGE = "security.headers.hsts.rollout.stage";

	private static final String OLD = "max-age=300";

	private static final String NEW = "max-age=86400";

	private static final int REPLICAS = 2;

	private static final int CONNECTIONS_PER_REPLICA = 16;

	/** A host the sample serves and sends HSTS for (localhost gets none). */
	private static final String HOST = "api.example.test";

	/**
	 * The sample app's operator (HTTP Basic); a replica without Spring Security ignores
	 * it.
	 */
	private static final String OPS = "Basic "
			+ Base64.getEncoder().encodeToString("ops:ops-password".getBytes(StandardCharsets.UTF_8));

	/** Between two requests on one connection of the load. */
	private static final Duration PAUSE = Duration.ofMillis(10);

	/** How long a replica may take to serve the new value after its refresh answered. */
	private static final Duration SWITCH_WAIT = Duration.ofSeconds(15);

	/** How long the load may take for the responses waited for between the steps. */
	private static final Duration LOAD_WAIT = Duration.ofSeconds(20);

	/** Responses per replica recorded in each phase, at least. */
	private static final int RESPONSES_PER_PHASE = 300;

	private static final String[] LOGGING = { "--logging.level.root=WARN", "--logging.level.dev.hsts=INFO" };

	@TempDir
	Path work;

	/**
	 * Starts a replica of the sample, configured from the config server.
	 * @param arguments what every replica is started with ({@link #replicaArguments}), to
	 * which the sample adds its own
	 * @return the replica
	 */
	abstract ConfigurableApplicationContext startReplica(List<String> arguments);

	/**
	 * The sample's development certificate, which the replicas make on first start and
	 * serve, and the test's clients trust.
	 */
	abstract Path certificate();

	/** The port of the replica's actuator (its server port unless it has its own). */
	int managementPort(ConfigurableApplicationContext replica) {
		return port(replica);
	}

	private HttpClient ops;

	private long started;

	/** The failed checks of the starter's refresh, reported together at the end. */
	private final List<AssertionError> failures = new ArrayList<>();

	@Test
	void aStageChangeReachesBothReplicasOnceAndAnInvalidOneNeverDoes() throws Exception {
		this.started = System.nanoTime();
		Path repo = Files.createDirectories(this.work.resolve("config-repo"));
		writeStage(repo, 1);
		try (ConfigurableApplicationContext server = startConfigServer(repo)) {
			int serverPort = port(server);
			assertThat(served(serverPort)).as("stage served by the config server").isEqualTo(1);
			List<ConfigurableApplicationContext> replicas = new ArrayList<>();
			Load load = null;
			try {
				for (int i = 0; i < REPLICAS; i++) {
					replicas.add(startReplica(replicaArguments(serverPort)));
				}
				log("started the config server and %d replicas", REPLICAS);
				SSLContext trust = trusting(certificate());
				this.ops = HttpClient.newBuilder()
					.sslContext(trust)
					.version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(Duration.ofSeconds(10))
					.build();
				for (ConfigurableApplicationContext replica : replicas) {
					assertThat(sourceOfStage(replica)).as("where the replica's stage comes from")
						.startsWith("configserver:")
						.contains("sample.yml");
					assertThat(replica.getEnvironment().getProperty(STAGE)).isEqualTo("1");
					assertThat(probe(replica)).containsExactly(OLD);
					String report = endpoint(replica);
					check(() -> assertThat(read(report, "$.policy.version")).as("policy.version at start")
						.isEqualTo(1));
					check(() -> assertThat(read(report, "$.policy.lastRejected")).as("policy.lastRejected at start")
						.isNull());
				}

				load = new Load(replicas.stream().map(AbstractFleetRefreshOverTlsTest::port).toList(),
						CONNECTIONS_PER_REPLICA, HOST, trust, PAUSE);
				load.start();
				load.awaitMoreResponses(RESPONSES_PER_PHASE, LOAD_WAIT);
				log("load running on %d connections", load.connections());

				// Stage 2 in the config source, then each replica refreshed.
				writeStage(repo, 2);
				assertThat(served(serverPort)).as("stage served by the config server").isEqualTo(2);
				for (ConfigurableApplicationContext replica : replicas) {
					log("POST /actuator/refresh on replica %d", port(replica));
					HttpResponse<String> response = post(replica, "/actuator/refresh");
					log("POST /actuator/refresh on replica %d (stage 2): %d %s", port(replica), response.statusCode(),
							response.body());
					check(() -> assertThat(response.statusCode()).as("refresh status").isEqualTo(200));
					check(() -> assertThat(response.body()).as("refreshed keys").contains("\"" + STAGE + "\""));
					assertThat(replica.getEnvironment().getProperty(STAGE))
						.as("the replica's environment after refresh")
						.isEqualTo("2");
				}
				log("both refreshed");
				for (ConfigurableApplicationContext replica : replicas) {
					check(() -> assertThat(awaitValue(replica, NEW))
						.as("what replica %d serves %s after its refresh", port(replica), SWITCH_WAIT)
						.containsExactly(NEW));
				}
				log("both serve %s", NEW);
				load.awaitMoreResponses(RESPONSES_PER_PHASE, LOAD_WAIT);
				List<String> appliedAt = new ArrayList<>();
				for (ConfigurableApplicationContext replica : replicas) {
					String report = endpoint(replica);
					log("replica %d after stage 2: policy %s", port(replica), read(report, "$.policy"));
					check(() -> assertThat(read(report, "$.policy.version")).as("policy.version after stage 2")
						.isEqualTo(2));
					check(() -> assertThat(read(report, "$.hsts.stage")).as("hsts.stage after stage 2").isEqualTo(2));
					check(() -> assertThat(changes(report)).as("policy.changes after stage 2")
						.anySatisfy((change) -> assertThat(change).containsEntry("property", STAGE)
							.containsEntry("from", "1")
							.containsEntry("to", "2")));
					check(() -> assertThat(read(report, "$.policy.lastRejected"))
						.as("policy.lastRejected after stage 2")
						.isNull());
					appliedAt.add(String.valueOf(read(report, "$.policy.appliedAt")));
				}

				// An invalid stage (there are three), then each replica refreshed.
				writeStage(repo, 7);
				assertThat(served(serverPort)).as("stage served by the config server").isEqualTo(7);
				for (ConfigurableApplicationContext replica : replicas) {
					log("POST /actuator/refresh on replica %d", port(replica));
					HttpResponse<String> response = post(replica, "/actuator/refresh");
					log("POST /actuator/refresh on replica %d (stage 7): %d %s", port(replica), response.statusCode(),
							response.body());
					check(() -> assertThat(response.statusCode()).as("refresh status (invalid stage)").isEqualTo(200));
					assertThat(replica.getEnvironment().getProperty(STAGE))
						.as("the replica's environment after refresh")
						.isEqualTo("7");
				}
				log("both refreshed");
				load.awaitMoreResponses(RESPONSES_PER_PHASE, LOAD_WAIT);
				for (int i = 0; i < REPLICAS; i++) {
					ConfigurableApplicationContext replica = replicas.get(i);
					String appliedAtBefore = appliedAt.get(i);
					check(() -> assertThat(probe(replica))
						.as("what replica %d serves after the invalid stage", port(replica))
						.containsExactly(NEW));
					String report = endpoint(replica);
					log("replica %d after stage 7: policy %s, findings %s", port(replica), read(report, "$.policy"),
							read(report, "$.findings[*].code"));
					check(() -> assertThat(read(report, "$.policy.version")).as("policy.version after stage 7")
						.isEqualTo(2));
					check(() -> assertThat(String.valueOf(read(report, "$.policy.appliedAt")))
						.as("policy.appliedAt after stage 7")
						.isEqualTo(appliedAtBefore));
					check(() -> assertThat(read(report, "$.hsts.header")).as("hsts.header after stage 7")
						.isEqualTo(NEW));
					check(() -> assertThat(read(report, "$.policy.lastRejected.property"))
						.as("policy.lastRejected.property after stage 7")
						.isEqualTo(STAGE));
					check(() -> assertThat(read(report, "$.policy.lastRejected.value"))
						.as("policy.lastRejected.value after stage 7")
						.isEqualTo("7"));
					check(() -> assertThat(read(report, "$.findings[?(@.code == 'policy.refresh-rejected')].severity"))
						.as("the finding policy.refresh-rejected after stage 7")
						.isEqualTo(List.of("error")));
					check(() -> assertThat(refreshes(replica, "rejected")).as("refreshes rejected").isEqualTo(1.0));
					check(() -> assertThat(refreshes(replica, "applied")).as("refreshes applied").isEqualTo(1.0));
				}
				List<Observation> observations = load.stop();
				log("load: %d connections, %s", load.connections(), summary(observations));
				assertLoad(observations);
			}
			finally {
				if (load != null) {
					load.stop();
				}
				for (ConfigurableApplicationContext replica : replicas) {
					replica.close();
				}
			}
		}
		if (!this.failures.isEmpty()) {
			AssertionError all = new AssertionError(this.failures.size() + " checks of the refresh failed:\n\n"
					+ this.failures.stream().map(Throwable::getMessage).collect(Collectors.joining("\n\n")));
			this.failures.forEach(all::addSuppressed);
			throw all;
		}
	}

	/**
	 * What every response of the load says: status 200 (no 5xx, no failed request),
	 * exactly one Strict-Transport-Security, the old or the new value; per replica, both
	 * values were served, each connection saw the old value, then the new one, never the
	 * old one again; and no request sent after a replica's first response with the new
	 * value had completed got the old one (the replica had swapped its policy before it
	 * wrote that response; a request sent after that reached it after the swap).
	 */
	private void assertLoad(List<Observation> observations) throws Exception {
		check(() -> assertThat(observations).as("requests that failed")
			.filteredOn((observation) -> observation.error() != null)
			.isEmpty());
		check(() -> assertThat(observations).as("responses that are not 200")
			.filteredOn((observation) -> observation.status() != 200)
			.isEmpty());
		check(() -> assertThat(observations)
			.as("responses without exactly one Strict-Transport-Security of %s or %s", OLD, NEW)
			.filteredOn(
					(observation) -> observation.hsts().size() != 1 || !List.of(OLD, NEW).contains(value(observation)))
			.isEmpty());
		for (int index = 0; index < REPLICAS; index++) {
			int replica = index;
			List<Observation> ofReplica = observations.stream()
				.filter((observation) -> observation.replica() == replica && observation.hsts().size() == 1)
				.toList();
			check(() -> assertThat(ofReplica).as("values replica %d served", replica)
				.extracting(AbstractFleetRefreshOverTlsTest::value)
				.contains(OLD, NEW));
			Map<Integer, List<Observation>> byConnection = ofReplica.stream()
				.collect(Collectors.groupingBy(Observation::connection));
			for (Map.Entry<Integer, List<Observation>> connection : byConnection.entrySet()) {
				List<String> values = connection.getValue()
					.stream()
					.sorted(Comparator.comparingLong(Observation::sequence))
					.map(AbstractFleetRefreshOverTlsTest::value)
					.toList();
				int firstNew = values.indexOf(NEW);
				if (firstNew >= 0) {
					check(() -> assertThat(values.subList(firstNew, values.size()))
						.as("values on connection %d (replica %d) after its first %s", connection.getKey(), replica,
								NEW)
						.containsOnly(NEW));
				}
			}
			long firstNewCompleted = ofReplica.stream()
				.filter((observation) -> NEW.equals(value(observation)))
				.mapToLong(Observation::receivedNanos)
				.min()
				.orElse(Long.MAX_VALUE);
			long switchedConnections = byConnection.values()
				.stream()
				.filter((connection) -> connection.stream()
					.map(AbstractFleetRefreshOverTlsTest::value)
					.distinct()
					.count() == 2)
				.count();
			long oldAfterFirstNew = ofReplica.stream()
				.filter((observation) -> observation.receivedNanos() > firstNewCompleted
						&& OLD.equals(value(observation)))
				.count();
			log("replica %d: %d responses, %d connections saw both values, %d %s responses completed after its "
					+ "first %s (to requests sent before it)", replica, ofReplica.size(), switchedConnections,
					oldAfterFirstNew, OLD, NEW);
			check(() -> assertThat(ofReplica)
				.as("responses of replica %d with %s to requests sent after its first %s response", replica, OLD, NEW)
				.filteredOn(
						(observation) -> observation.sentNanos() > firstNewCompleted && OLD.equals(value(observation)))
				.isEmpty());
		}
	}

	/**
	 * Runs a check of the starter's refresh, keeping its failure for the end: the test
	 * goes on, so one run shows every check that fails. (Plain AssertJ: its soft
	 * assertions generate a proxy class on first use of each type, which takes seconds on
	 * a machine this busy.)
	 */
	private void check(Check check) throws Exception {
		try {
			check.run();
		}
		catch (AssertionError ex) {
			this.failures.add(ex);
		}
	}

	@FunctionalInterface
	private interface Check {

		void run() throws Exception;

	}

	private void log(String format, Object... args) {
		System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - this.started) / 1e9, format.formatted(args));
	}

	private static String value(Observation observation) {
		return (observation.hsts().size() == 1) ? observation.hsts().get(0) : String.join(" | ", observation.hsts());
	}

	private static String summary(List<Observation> observations) {
		Map<String, Long> counts = new TreeMap<>();
		for (Observation observation : observations) {
			String key = "replica " + observation.replica() + " " + observation.status() + " ["
					+ String.join(" | ", observation.hsts()) + "]";
			counts.merge(key, 1L, Long::sum);
		}
		return observations.size() + " responses " + counts;
	}

	private static ConfigurableApplicationContext startConfigServer(Path repo) {
		// Its own config name: the sample's application.yml on this class path is the
		// replicas', not the config server's.
		List<String> args = new ArrayList<>(List.of("--spring.config.name=config-server", "--server.port=0",
				"--server.address=127.0.0.1", "--server.ssl.enabled=false", "--spring.profiles.active=native",
				"--spring.cloud.config.server.native.search-locations=" + repo.toUri(),
				"--spring.cloud.config.enabled=false", "--security.headers.enabled=false",
				"--spring.main.banner-mode=off"));
		args.addAll(List.of(LOGGING));
		return new SpringApplicationBuilder(ConfigServerApplication.class).run(args.toArray(new String[0]));
	}

	/**
	 * What a fleet adds to a replica's command line: where its configuration comes from,
	 * its name there, the actuator endpoints to expose, and (for two replicas on one
	 * machine) random ports and a development certificate in the test's directory.
	 */
	private List<String> replicaArguments(int serverPort) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--sample.dev-certificate.path=" + certificate(), "--spring.application.name=sample",
				"--spring.config.import=configserver:http://127.0.0.1:" + serverPort,
				// The config server's jar, on this class path for the server in this JVM,
				// switches the client off in every application that is not told otherwise
				// (a config server is not its own client); a replica has no such jar.
				"--spring.cloud.config.enabled=true",
				"--management.endpoints.web.exposure.include=health,refresh,securityheaders,metrics",
				"--spring.main.banner-mode=off"));
		args.addAll(List.of(LOGGING));
		return args;
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/** Writes {@code sample.yml} (the replicas' application name) in one move. */
	private static void writeStage(Path repo, int stage) throws Exception {
		Path temporary = repo.resolve("sample.yml.tmp");
		Files.writeString(temporary, """
				security:
				  headers:
				    hsts:
				      rollout:
				        stage: %d
				""".formatted(stage));
		Files.move(temporary, repo.resolve("sample.yml"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

	/** The stage the config server serves to the replicas now. */
	private static Object served(int serverPort) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/sample/default")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return read(response.body(), "$.propertySources[0].source['" + STAGE + "']");
	}

	/** The name of the property source the replica takes its stage from. */
	private static String sourceOfStage(ConfigurableApplicationContext replica) {
		for (PropertySource<?> source : replica.getEnvironment().getPropertySources()) {
			// "configurationProperties" is Boot's view of all the others, first.
			if (!"configurationProperties".equals(source.getName()) && source.containsProperty(STAGE)) {
				return source.getName();
			}
		}
		return null;
	}

	/** The Strict-Transport-Security fields of a fresh request for {@link #HOST}. */
	private List<String> probe(ConfigurableApplicationContext replica) throws Exception {
		HttpResponse<Void> response = this.ops
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port(replica) + "/v1/health"))
				.header("Host", HOST + ":" + port(replica))
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.headers().allValues("Strict-Transport-Security");
	}

	/** Probes until the replica sends {@code value}, for {@link #SWITCH_WAIT} at most. */
	private List<String> awaitValue(ConfigurableApplicationContext replica, String value) throws Exception {
		long deadline = System.nanoTime() + SWITCH_WAIT.toNanos();
		List<String> values = probe(replica);
		while (!values.equals(List.of(value)) && System.nanoTime() < deadline) {
			Thread.sleep(20);
			values = probe(replica);
		}
		return values;
	}

	private HttpResponse<String> ops(ConfigurableApplicationContext replica, String method, String path)
			throws Exception {
		return this.ops.send(HttpRequest.newBuilder(URI.create("https://localhost:" + managementPort(replica) + path))
			.header("Authorization", OPS)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(ConfigurableApplicationContext replica, String path) throws Exception {
		return ops(replica, "POST", path);
	}

	private String endpoint(ConfigurableApplicationContext replica) throws Exception {
		HttpResponse<String> response = ops(replica, "GET", "/actuator/securityheaders");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	/** {@code security.headers.policy.refreshes} for the tag {@code result}, or null. */
	private Object refreshes(ConfigurableApplicationContext replica, String result) throws Exception {
		HttpResponse<String> response = ops(replica, "GET",
				"/actuator/metrics/security.headers.policy.refreshes?tag=result:" + result);
		log("GET /actuator/metrics/security.headers.policy.refreshes?tag=result:%s on %d: %d %s", result, port(replica),
				response.statusCode(), response.body());
		if (response.statusCode() != 200) {
			return null;
		}
		Object counts = read(response.body(), "$.measurements[?(@.statistic == 'COUNT')].value");
		return (counts instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Number count)
				? count.doubleValue() : counts;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> changes(String report) {
		Object changes = read(report, "$.policy.changes");
		return (changes instanceof List<?> list) ? (List<Map<String, Object>>) list : List.of();
	}

	private static Object read(String json, String path) {
		try {
			return JsonPath.read(json, path);
		}
		catch (PathNotFoundException ex) {
			return "<no " + path + ">";
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

}
