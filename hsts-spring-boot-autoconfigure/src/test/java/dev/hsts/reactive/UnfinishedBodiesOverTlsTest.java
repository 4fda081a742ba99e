package dev.hsts.reactive;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.hsts.test.RawHttp;
import dev.hsts.test.ReportPosts;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.RunningReactiveApp.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.hsts.test.TrustedHostCases.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's own answers to a request it refuses before anything reads the body (a
 * host the application does not serve, over real TLS; and over plain HTTP the redirect to
 * HTTPS) reach a client that sends its body only in part and never finishes it, on every
 * server WebFlux runs on here. Tomcat running WebFlux reads the rest of a body that was
 * read in part and then abandoned before it sends an answer nothing flushed (the CSP
 * collector's case, {@code HostileCspReportsOverTlsTest}, which flushes its refusals):
 * these answers never touch the body, and must keep reaching the client as they do.
 */
class UnfinishedBodiesOverTlsTest {

	static final Class<?>[] APP = { ReactiveTrustedHostsApplication.class };

	static final Map<Server, RunningReactiveApp> apps = new EnumMap<>(Server.class);

	static final Map<Server, RunningReactiveApp> plainApps = new EnumMap<>(Server.class);

	@BeforeAll
	static void start() {
		for (Server server : Server.ofThisRun()) {
			apps.put(server,
					RunningReactiveApp.https(server, APP, "security.headers.trusted-hosts.allowed=api.example.test",
							"logging.level.org.springframework.web.server.adapter=OFF"));
			plainApps.put(server, RunningReactiveApp.plain(server, APP, "security.headers.https-redirect.enabled=true",
					"logging.level.org.springframework.web.server.adapter=OFF"));
		}
	}

	@AfterAll
	static void stop() {
		apps.values().forEach(RunningReactiveApp::close);
		plainApps.values().forEach(RunningReactiveApp::close);
	}

	static List<Server> servers() {
		return Server.ofThisRun();
	}

	private static ReportPosts postsFor(Server server, String host) {
		return ReportPosts.https(apps.get(server).port()).withHost(host);
	}

	@ParameterizedTest
	@MethodSource("servers")
	void aHostNotServedGetsItsProblemWhileALongDeclaredBodyIsStillComing(Server server) {
		// 100 MB declared, 1 KiB sent, the rest never.
		RawHttp.Response response = postsFor(server, "evil.example").unfinished("127.0.0.31", "/host",
				"application/json", "Content-Length: " + 100_000_000, new byte[1024]);
		assertRejected(response, "not-allowed");
	}

	@ParameterizedTest
	@MethodSource("servers")
	void aHostNotServedGetsItsProblemWhileAChunkedBodyIsStillComing(Server server) {
		// 64 KiB of chunks, the last chunk never.
		RawHttp.Response response = postsFor(server, "evil.example").unfinished("127.0.0.32", "/host",
				"application/json", "Transfer-Encoding: chunked", ReportPosts.chunks(64 * 1024, (byte) '['));
		assertRejected(response, "not-allowed");
	}

	@ParameterizedTest
	@MethodSource("servers")
	void aPlainHttpPostIsRedirectedWhileALongDeclaredBodyIsStillComing(Server server) {
		// 100 MB declared, 1 KiB sent, the rest never.
		assertRedirectedWhileOwed(server, "Content-Length: 100000000", "x".repeat(1024));
	}

	@ParameterizedTest
	@MethodSource("servers")
	void aPlainHttpPostIsRedirectedWhileAChunkedBodyIsStillComing(Server server) {
		// 64 KiB of chunks, the last chunk never.
		assertRedirectedWhileOwed(server, "Transfer-Encoding: chunked",
				new String(ReportPosts.chunks(64 * 1024, (byte) 'x'), StandardCharsets.ISO_8859_1));
	}

	/**
	 * Sends a plain-HTTP POST with the given framing and part of its body, and reads only
	 * the head of the answer: it must come while the body is still owed.
	 */
	private static void assertRedirectedWhileOwed(Server server, String framing, String bodyPart) {
		String request = "POST /host?q=1 HTTP/1.1\r\nHost: api.example.test\r\nContent-Type: application/json\r\n"
				+ framing + "\r\n\r\n" + bodyPart;
		RawHttp.Response response = plainApps.get(server)
			.raw()
			.sendForHead(request.getBytes(StandardCharsets.ISO_8859_1));
		assertThat(response.status()).as(response.toString()).isIn(307, 308);
		assertThat(response.header("Location")).isEqualTo("https://api.example.test/host?q=1");
	}

}
