package dev.hsts.servlet;

import dev.hsts.test.ReportPosts;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.hsts.test.TrustedHostCases.assertRejected;

/**
 * The starter's own answer to a request it refuses before anything reads the body (a host
 * the application does not serve) reaches a client that sends its body only in part and
 * never finishes it, on Tomcat over real TLS. The servlet counterpart of
 * {@code dev.hsts.reactive.UnfinishedBodiesOverTlsTest}; the collector's refusals of CSP
 * reports are {@code HostileCspReportsOverTlsTest}'s.
 */
class UnfinishedBodiesOverTlsTest {

	static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.https(new Class<?>[] { TrustedHostsApplication.class },
				"security.headers.trusted-hosts.allowed=api.example.test");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	private static ReportPosts posts() {
		return ReportPosts.https(app.port()).withHost("evil.example");
	}

	@Test
	void aHostNotServedGetsItsProblemWhileALongDeclaredBodyIsStillComing() {
		// 100 MB declared, 1 KiB sent, the rest never.
		assertRejected(posts().unfinished("127.0.0.33", "/host", "application/json", "Content-Length: " + 100_000_000,
				new byte[1024]), "not-allowed");
	}

	@Test
	void aHostNotServedGetsItsProblemWhileAChunkedBodyIsStillComing() {
		// 64 KiB of chunks, the last chunk never.
		assertRejected(posts().unfinished("127.0.0.34", "/host", "application/json", "Transfer-Encoding: chunked",
				ReportPosts.chunks(64 * 1024, (byte) '[')), "not-allowed");
	}

}
