package dev.hsts.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.hsts.core.CspReportCollector;
import dev.hsts.core.CspReportListener;
import dev.hsts.core.CspReportStatistics;
import dev.hsts.core.CspViolationReport;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile CSP report bodies over real TLS on raw sockets, the same cases on both stacks
 * (issue 24): a huge body, declared or not, is refused with 413 without being read whole;
 * deep JSON and malformed bodies get 400; a wrong content type 415; another method 405; a
 * flood from one client 429 with {@code Retry-After} while other clients still get
 * through; a report for a host the application does not serve meets the trusted-host
 * check (400); and what the collector keeps stays bounded (the blocked origins it counts,
 * the violations it remembers for de-duplication). Never a 5xx. The application has
 * Spring Security's defaults (every request authenticated, CSRF on POST), so a 204 also
 * shows the collector answered before Spring Security. Each case uses client addresses of
 * its own, so their rate limits never meet.
 */
public abstract class HostileCspReportCases {

	/** The properties of the application under test. */
	public static final String[] PROPERTIES = { "security.headers.trusted-hosts.allowed=api.example.test",
			"security.headers.content-security-policy.policy=default-src 'self'",
			"security.headers.content-security-policy.reporting.enabled=true",
			"security.headers.content-security-policy.reporting.rate-limit.per-client="
					+ HostileCspReportCases.PER_CLIENT,
			"security.headers.content-security-policy.reporting.log-level=debug" };

	/** The per-client limit of the application under test. */
	public static final int PER_CLIENT = 20;

	/** Every report the listener was told about. */
	public static final Queue<CspViolationReport> heard = new ConcurrentLinkedQueue<>();

	private static final String TARGET = "/csp-reports?policy=default";

	private static final String CSP_REPORT = "application/csp-report";

	private static final String REPORTS_JSON = "application/reports+json";

	/** The port of the running application. */
	protected abstract int port();

	/** Its context. */
	protected abstract ApplicationContext context();

	private ReportPosts posts() {
		return ReportPosts.https(port());
	}

	/** A listener that remembers what it is told. */
	public static CspReportListener listener() {
		return heard::add;
	}

	static String cspReport(String blocked) {
		return "{\"csp-report\":{\"document-uri\":\"https://api.example.test/page\",\"referrer\":\"\","
				+ "\"violated-directive\":\"img-src\",\"effective-directive\":\"img-src\",\"original-policy\":"
				+ "\"img-src 'self'\",\"disposition\":\"enforce\",\"blocked-uri\":\"" + blocked + "\","
				+ "\"line-number\":3,\"column-number\":7,\"source-file\":\"https://api.example.test/page\","
				+ "\"status-code\":200,\"script-sample\":\"\"}}";
	}

	static String reportsJson(String... blocked) {
		List<String> reports = new ArrayList<>();
		for (String uri : blocked) {
			reports.add("{\"age\":0,\"body\":{\"blockedURL\":\"" + uri + "\",\"columnNumber\":7,"
					+ "\"disposition\":\"report\",\"documentURL\":\"https://api.example.test/page\","
					+ "\"effectiveDirective\":\"script-src-elem\",\"lineNumber\":3,\"originalPolicy\":"
					+ "\"script-src 'self'\",\"referrer\":\"\",\"sample\":\"\",\"sourceFile\":"
					+ "\"https://api.example.test/page\",\"statusCode\":200},\"type\":\"csp-violation\","
					+ "\"url\":\"https://api.example.test/page\",\"user_agent\":\"test\"}");
		}
		return "[" + String.join(",", reports) + "]";
	}

	private static RawHttp.Response answered(RawHttp.Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		return response;
	}

	@Test
	void bothFormatsAreAcceptedWithoutAuthenticationOrCsrfToken() {
		answered(posts().post("127.0.0.11", TARGET, CSP_REPORT, cspReport("https://evil.example.net/a.png")), 204);
		answered(posts().post("127.0.0.11", TARGET, REPORTS_JSON + "; charset=utf-8",
				reportsJson("https://evil.example.net/b.js")), 204);
		assertThat(heard).extracting(CspViolationReport::blockedUri)
			.contains("https://evil.example.net/a.png", "https://evil.example.net/b.js");
		// Anything else on the application needs a login (Spring Security's defaults).
		assertThat(posts().send("127.0.0.11", "POST", "/elsewhere").status()).isIn(401, 403);
	}

	@Test
	void aReportForAHostTheApplicationDoesNotServeIsRefusedByTheTrustedHostCheck() {
		// The collector is exempt from the check only with trusted-host-exempt=true.
		RawHttp.Response response = posts().withHost("evil.example.net")
			.post("127.0.0.19", TARGET, CSP_REPORT, cspReport("https://a.test/"));
		answered(response, 400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void aHugeDeclaredBodyIsRefusedBeforeItIsRead() {
		// 100 MB declared, 1 KiB sent, the rest never: the answer comes all the same.
		RawHttp.Response response = posts().unfinished("127.0.0.12", TARGET, CSP_REPORT,
				"Content-Length: " + 100_000_000, new byte[1024]);
		answered(response, 413);
		// Also when the limit is passed by one byte, with all of it sent.
		int max = context().getBean(CspReportCollector.class).maxBodySize();
		answered(posts().post("127.0.0.12", TARGET, CSP_REPORT, new byte[max + 1]), 413);
	}

	@Test
	void aHugeBodyWithoutLengthIsRefusedOnceItPassesTheLimitWithoutReadingTheRest() {
		int max = context().getBean(CspReportCollector.class).maxBodySize();
		// Chunked, twice the limit sent, never finished: the collector stops at the
		// limit and answers.
		RawHttp.Response response = posts().unfinished("127.0.0.13", TARGET, REPORTS_JSON, "Transfer-Encoding: chunked",
				ReportPosts.chunks(2 * max, (byte) '['));
		answered(response, 413);
	}

	@Test
	void deepJsonIsRefused() {
		String deepArray = "[".repeat(20_000) + "]".repeat(20_000);
		answered(posts().post("127.0.0.14", TARGET, REPORTS_JSON, deepArray), 400);
		String deepObject = "{\"csp-report\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001);
		answered(posts().post("127.0.0.14", TARGET, CSP_REPORT, deepObject), 400);
	}

	@Test
	void malformedBodiesAreRefused() {
		for (String body : List.of("", "{", "null", "[]x", "{\"csp-report\":\"text\"}", "{\"csp-report\":[1,2]}",
				"[{\"type\":\"csp-violation\",\"body\":7}]", "\"" + "a".repeat(60_000) + "\"")) {
			String type = body.startsWith("[") ? REPORTS_JSON : CSP_REPORT;
			RawHttp.Response response = posts().post("127.0.0.15", TARGET, type, body);
			assertThat(response.status()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
		}
		// Not UTF-8.
		byte[] latin1 = cspReport("https://caf\u00e9.example.net/").getBytes(StandardCharsets.ISO_8859_1);
		assertThat(posts().post("127.0.0.15", TARGET, CSP_REPORT, latin1).status()).isIn(204, 400);
		// A policy the application does not have, or none.
		answered(posts().post("127.0.0.15", "/csp-reports?policy=nope", CSP_REPORT, cspReport("https://a.test/")), 400);
		answered(posts().post("127.0.0.15", "/csp-reports", CSP_REPORT, cspReport("https://a.test/")), 400);
	}

	@Test
	void aWrongContentTypeIsRefusedAndSoIsAnotherMethod() {
		for (String type : new String[] { "text/plain", "application/json", "multipart/form-data; boundary=x",
				"application/x-www-form-urlencoded", null }) {
			RawHttp.Response response = posts().post("127.0.0.16", TARGET, type, cspReport("https://a.test/"));
			assertThat(response.status()).as(String.valueOf(type)).isEqualTo(415);
			assertThat(response.header("Accept-Post")).contains(CSP_REPORT).contains(REPORTS_JSON);
		}
		for (String method : List.of("GET", "PUT", "DELETE", "OPTIONS")) {
			RawHttp.Response response = posts().send("127.0.0.16", method, TARGET);
			assertThat(response.status()).as(method).isEqualTo(405);
			assertThat(response.header("Allow")).isEqualTo("POST");
		}
	}

	@Test
	void aFloodFromOneClientGets429WithRetryAfterAndOtherClientsStillGetThrough() {
		int sent = 3 * PER_CLIENT;
		int accepted = 0;
		int limited = 0;
		for (int i = 0; i < sent; i++) {
			RawHttp.Response response = posts().post("127.0.0.17", TARGET, CSP_REPORT,
					cspReport("https://flood.example.net/" + i));
			assertThat(response.status()).as("report " + i).isIn(204, 429);
			if (response.status() == 429) {
				limited++;
				assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 60);
			}
			else {
				accepted++;
			}
		}
		// At most the limit per one-minute window (two windows if one ended meanwhile).
		assertThat(accepted).isBetween(PER_CLIENT, 2 * PER_CLIENT);
		assertThat(limited).isEqualTo(sent - accepted).isPositive();
		answered(posts().post("127.0.0.18", TARGET, CSP_REPORT, cspReport("https://flood.example.net/other")), 204);
	}

	@Test
	void whatTheCollectorKeepsIsBounded() {
		CspReportStatistics statistics = context().getBean(CspReportCollector.class).getStatistics();
		// 4 200 distinct violations, 100 per request, from 42 clients: more blocked
		// origins than the statistics keep, more violations than de-duplication
		// remembers.
		int requests = 42;
		for (int r = 0; r < requests; r++) {
			String[] blocked = new String[100];
			for (int i = 0; i < blocked.length; i++) {
				blocked[i] = "https://o" + (r * 100 + i) + ".bounded.example.net/x.js";
			}
			answered(posts().post("127.0.1." + (r + 1), TARGET, REPORTS_JSON, reportsJson(blocked)), 204);
		}
		Map<String, CspReportStatistics.PolicyReports> snapshot = statistics.snapshot();
		CspReportStatistics.Counts counts = snapshot.get("default").report();
		assertThat(counts.total()).isGreaterThanOrEqualTo(requests * 100);
		// The origins past the table's size are counted as "other".
		assertThat(counts.topBlockedOrigins()).containsKey("other");
		assertThat(counts.topBlockedOrigins().size()).isLessThanOrEqualTo(CspReportStatistics.TOP + 1);
		// The first violation was forgotten by de-duplication (the table holds fewer
		// than 4 200), so it is passed on again; the last one is still remembered.
		String first = "https://o0.bounded.example.net/x.js";
		String last = "https://o" + (requests * 100 - 1) + ".bounded.example.net/x.js";
		long firstBefore = heard.stream().filter((report) -> first.equals(report.blockedUri())).count();
		long lastBefore = heard.stream().filter((report) -> last.equals(report.blockedUri())).count();
		answered(posts().post("127.0.1.101", TARGET, REPORTS_JSON, reportsJson(first, last)), 204);
		assertThat(heard.stream().filter((report) -> first.equals(report.blockedUri())).count())
			.isEqualTo(firstBefore + 1);
		assertThat(heard.stream().filter((report) -> last.equals(report.blockedUri())).count()).isEqualTo(lastBefore);
	}

}
