package dev.hsts.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample application's whole request path, in process: the real application (its
 * Spring Security chain, Spring MVC, Jackson, the actuator's observation filter and, when
 * it is on, the starter), started as usual, and its requests handed straight to its HTTPS
 * connector's {@code CoyoteAdapter}, as Tomcat's HTTP/1.1 processor does after parsing a
 * request: mapping, valves, the filter chain Tomcat builds per request, the servlet, and
 * the response committed with its headers serialized. Only the socket, TLS and the HTTP
 * parser are left out, so what is measured is the application's Java work per request, in
 * CPU time of the one thread that runs the requests, which other processes do not
 * inflate.
 *
 * <p>
 * Runs inside the sample app's executable jar, through Spring Boot's
 * {@code PropertiesLauncher}, which can add this module's classes to the application's
 * class path and start a different main class:
 *
 * <pre>
 * java -Dloader.path=benchmarks/target/classes -Dloader.main=dev.hsts.benchmarks.InProcessAppRunner \
 *      -cp sample-app/target/sample-app-0.1.0-SNAPSHOT.jar org.springframework.boot.loader.launch.PropertiesLauncher \
 *      &lt;warm-up seconds&gt; &lt;rounds&gt; &lt;round milliseconds&gt; [application arguments...]
 * </pre>
 *
 * <p>
 * Prints the first response's status and headers, then one line per round:
 * {@code round <n> <CPU ns per
 * request> <bytes allocated per request>}, then the medians. Every request must answer
 * 200, or it stops.
 *
 * <p>
 * With {@code -Dinprocess.other-app="--key=value ..."} it starts a second application in
 * the same JVM, with those arguments on top of the first one's (say, the starter switched
 * off and another port), and measures both in every round, one after the other (ABBA):
 * {@code round <n> <ns> <B> <other's ns> <other's B> <other's ns / ns>}. Both then run on
 * the same JIT-compiled code of Tomcat, Spring and the JDK, in the same heap, on the same
 * CPU: the differences between one JVM and the next, which are larger than the starter's
 * cost, no longer enter the comparison.
 */
public final class InProcessAppRunner {

	/**
	 * The system property that starts a second application in the same JVM: the first
	 * one's arguments with these ({@code --key=value ...}) replacing or added to them.
	 * Each round then measures both, one after the other.
	 */
	static final String OTHER_APP = "inprocess.other-app";

	/**
	 * The system property that, set to {@code true}, makes the runner start the
	 * application(s) and only serve them over the network until the JVM is stopped (the
	 * end-to-end part's one-JVM mode), measuring nothing itself.
	 */
	static final String SERVE = "inprocess.serve";

	private InProcessAppRunner() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 3) {
			System.err.println("usage: [-D" + OTHER_APP + "=\"--key=value ...\"] InProcessAppRunner <warm-up seconds> "
					+ "<rounds> <round ms> [application args...]");
			System.exit(2);
		}
		long warmupSeconds = Long.parseLong(args[0]);
		int rounds = Integer.parseInt(args[1]);
		long roundMillis = Long.parseLong(args[2]);
		String[] applicationArgs = Arrays.copyOfRange(args, 3, args.length);
		String otherArgs = System.getProperty(OTHER_APP);
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		int status = 0;
		try {
			List<Exchange> exchanges = new ArrayList<>();
			exchanges.add(start(applicationArgs, contexts));
			if (otherArgs != null) {
				exchanges.add(start(overridden(applicationArgs, otherArgs.trim().split("\\s+")), contexts));
			}
			if (Boolean.getBoolean(SERVE)) {
				// Serve over the network until stopped; the shutdown hook closes the
				// applications.
				System.out.println("serving " + exchanges.size() + " application(s)");
				Thread.currentThread().join();
			}
			for (Exchange exchange : exchanges) {
				exchange.run();
				System.out.println("status " + exchange.response.getStatus());
				System.out.print(exchange.serializedHeaders());
			}
			long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
			while (System.nanoTime() < warmupEnd) {
				for (Exchange exchange : exchanges) {
					for (int i = 0; i < 1000; i++) {
						exchange.run();
					}
				}
			}
			com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
				.getThreadMXBean();
			int apps = exchanges.size();
			double[][] nanos = new double[apps][rounds];
			double[][] bytes = new double[apps][rounds];
			double[] ratios = new double[rounds];
			for (int round = 0; round < rounds; round++) {
				StringBuilder line = new StringBuilder("round " + (round + 1));
				for (int turn = 0; turn < apps; turn++) {
					// ABBA: the app measured first alternates, so neither gains from the
					// order.
					int app = (round % 2 == 0) ? turn : apps - 1 - turn;
					Exchange exchange = exchanges.get(app);
					long end = System.nanoTime() + roundMillis * 1_000_000L;
					long cpuBefore = threads.getCurrentThreadCpuTime();
					long bytesBefore = threads.getCurrentThreadAllocatedBytes();
					long requests = 0;
					while (System.nanoTime() < end) {
						for (int i = 0; i < 100; i++) {
							exchange.run();
						}
						requests += 100;
					}
					nanos[app][round] = (double) (threads.getCurrentThreadCpuTime() - cpuBefore) / requests;
					bytes[app][round] = (double) (threads.getCurrentThreadAllocatedBytes() - bytesBefore) / requests;
				}
				for (int app = 0; app < apps; app++) {
					line.append(String.format(Locale.ROOT, " %.0f %.0f", nanos[app][round], bytes[app][round]));
				}
				if (apps == 2) {
					ratios[round] = nanos[1][round] / nanos[0][round];
					line.append(String.format(Locale.ROOT, " %.4f", ratios[round]));
				}
				System.out.println(line);
			}
			StringBuilder medians = new StringBuilder("median");
			for (int app = 0; app < apps; app++) {
				medians.append(String.format(Locale.ROOT, " %.0f %.0f", median(nanos[app]), median(bytes[app])));
			}
			if (apps == 2) {
				medians.append(String.format(Locale.ROOT, " %.4f", median(ratios)));
			}
			System.out.println(medians);
		}
		catch (Exception ex) {
			// Tomcat's threads would keep the JVM alive: report, close the applications
			// and exit.
			ex.printStackTrace();
			status = 1;
		}
		finally {
			for (ConfigurableApplicationContext context : contexts) {
				context.close();
			}
		}
		System.exit(status);
	}

	/**
	 * Starts the sample application with these arguments, and returns an exchange with
	 * its HTTPS connector.
	 */
	private static Exchange start(String[] applicationArgs, List<ConfigurableApplicationContext> contexts)
			throws ClassNotFoundException {
		Class<?> application = Class.forName("dev.hsts.sample.SampleApplication", true,
				Thread.currentThread().getContextClassLoader());
		ConfigurableApplicationContext context = SpringApplication.run(application, applicationArgs);
		contexts.add(context);
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
		Connector connector = server.getTomcat().getConnector();
		return new Exchange(connector.getProtocolHandler().getAdapter(), connector.getScheme(), connector.getPort());
	}

	/**
	 * The arguments with some {@code --key=value} replaced: the other app's arguments
	 * override the first app's (a key given twice would otherwise reach Spring as both
	 * values, joined by a comma).
	 */
	static String[] overridden(String[] args, String[] overrides) {
		Map<String, String> merged = new LinkedHashMap<>();
		for (String[] list : List.of(args, overrides)) {
			for (String arg : list) {
				if (arg.isEmpty()) {
					continue;
				}
				int equals = arg.indexOf('=');
				merged.put((equals > 0) ? arg.substring(0, equals) : arg, arg);
			}
		}
		return merged.values().toArray(new String[0]);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * One keep-alive connection's request and response, recycled and filled in again per
	 * request as Tomcat's HTTP/1.1 processor does: {@code GET /v1/health HTTP/1.1} with
	 * {@code Host: api.example.test:<port>}, {@code Accept} and {@code User-Agent}, on
	 * the connector's scheme. The status line and headers are then written to a buffer,
	 * as the processor writes them to the socket at commit; the body is dropped.
	 * (Tomcat's hook for the processor's actions is not public, so nothing runs at commit
	 * itself.)
	 */
	private static final class Exchange {

		private final Adapter adapter;

		private final String scheme;

		private final int port;

		private final String host;

		private final Request request = new Request();

		private final Response response = new Response();

		private final ByteBuffer head = ByteBuffer.allocate(8192);

		Exchange(Adapter adapter, String scheme, int port) {
			this.adapter = adapter;
			this.scheme = scheme;
			this.port = port;
			this.host = "api.example.test:" + port;
			this.request.setResponse(this.response);
			this.response.setRequest(this.request);
			this.response.setOutputBuffer(new DiscardingOutputBuffer());
		}

		void run() throws Exception {
			this.request.recycle();
			this.response.recycle();
			this.request.method().setString("GET");
			this.request.requestURI().setString("/v1/health");
			this.request.decodedURI().setString("/v1/health");
			this.request.protocol().setString("HTTP/1.1");
			this.request.scheme().setString(this.scheme);
			this.request.serverName().setString("api.example.test");
			this.request.setServerPort(this.port);
			this.request.remoteAddr().setString("127.0.0.1");
			this.request.peerAddr().setString("127.0.0.1");
			this.request.localAddr().setString("127.0.0.1");
			this.request.setLocalPort(this.port);
			MimeHeaders headers = this.request.getMimeHeaders();
			headers.addValue("Host").setString(this.host);
			headers.addValue("User-Agent").setString("benchmark/1.0");
			headers.addValue("Accept").setString("*/*");
			this.adapter.service(this.request, this.response);
			writeHead();
			if (this.response.getStatus() != 200) {
				throw new IllegalStateException(
						"GET /v1/health answered " + this.response.getStatus() + ":\n" + serializedHeaders());
			}
		}

		String serializedHeaders() {
			return new String(this.head.array(), 0, this.head.position(), StandardCharsets.ISO_8859_1);
		}

		/**
		 * The status line and the headers, as Tomcat's {@code Http11OutputBuffer} writes
		 * them.
		 */
		private void writeHead() {
			this.head.clear();
			put("HTTP/1.1 ");
			put(Integer.toString(this.response.getStatus()));
			put("\r\n");
			MimeHeaders headers = this.response.getMimeHeaders();
			String contentType = this.response.getContentType();
			if (contentType != null) {
				put("Content-Type: ");
				put(contentType);
				put("\r\n");
			}
			for (int i = 0; i < headers.size(); i++) {
				put(headers.getName(i));
				put(": ");
				put(headers.getValue(i));
				put("\r\n");
			}
			put("\r\n");
		}

		private void put(MessageBytes bytes) {
			bytes.toBytes();
			this.head.put(bytes.getByteChunk().getBuffer(), bytes.getByteChunk().getStart(),
					bytes.getByteChunk().getLength());
		}

		private void put(String text) {
			for (int i = 0; i < text.length(); i++) {
				this.head.put((byte) text.charAt(i));
			}
		}

	}

}
