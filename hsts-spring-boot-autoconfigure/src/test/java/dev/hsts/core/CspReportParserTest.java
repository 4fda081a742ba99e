package dev.hsts.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The two report formats as browsers send them (bodies shaped like Chromium's and
 * Firefox's), and hostile bodies: deep, wide, duplicated keys, wrong types, broken
 * encodings. Each hostile one is refused as malformed, never with another exception.
 */
class CspReportParserTest {

	static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

	/** A report-uri report as Chromium sends it. */
	static final String REPORT_URI = """
			{"csp-report":{"document-uri":"https://app.example/page?x=1","referrer":"",
			"violated-directive":"script-src-elem","effective-directive":"script-src-elem",
			"original-policy":"default-src 'self'; report-uri /csp-reports?policy=default",
			"disposition":"enforce","blocked-uri":"https://cdn.evil.example/x.js","line-number":12,
			"column-number":5,"source-file":"https://app.example/page","status-code":200,"script-sample":""}}""";

	/**
	 * A Reporting API batch as Chromium sends it: a CSP report and one of another type.
	 */
	static final String REPORTS_JSON = """
			[{"age":10,"body":{"blockedURL":"inline","columnNumber":1,"disposition":"report",
			"documentURL":"https://app.example/page","effectiveDirective":"script-src-elem",
			"lineNumber":3,"originalPolicy":"script-src 'none'; report-to csp-default","referrer":"",
			"sample":"alert(1)","sourceFile":"https://app.example/page","statusCode":200},
			"type":"csp-violation","url":"https://app.example/page","user_agent":"Chrome"},
			{"age":1,"body":{"id":"x","message":"m"},"type":"deprecation","url":"https://app.example/","user_agent":"Chrome"}]""";

	static List<CspViolationReport> parse(String mediaType, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return CspReportParser.parse(mediaType, bytes, bytes.length, "default", "UA", NOW);
	}

	@Test
	void readsAReportUriReport() {
		List<CspViolationReport> reports = parse(CspReportParser.CSP_REPORT, REPORT_URI);
		assertThat(reports).containsExactly(
				new CspViolationReport("default", "enforce", "script-src-elem", "https://cdn.evil.example/x.js",
						"https://app.example/page?x=1", "https://app.example/page", 12, "", "UA", NOW));
		assertThat(reports.get(0).blockedOrigin()).isEqualTo("https://cdn.evil.example");
	}

	@Test
	void readsAReportingApiBatchSkippingOtherTypes() {
		List<CspViolationReport> reports = parse(CspReportParser.REPORTS_JSON, REPORTS_JSON);
		assertThat(reports).containsExactly(new CspViolationReport("default", "report", "script-src-elem", "inline",
				"https://app.example/page", "https://app.example/page", 3, "alert(1)", "UA", NOW));
		assertThat(reports.get(0).reportOnly()).isTrue();
		assertThat(reports.get(0).blockedOrigin()).isEqualTo("inline");
	}

	@Test
	void aCspLevel2ReportTakesTheDirectiveFromViolatedDirectiveAndCountsAsEnforced() {
		List<CspViolationReport> reports = parse(CspReportParser.CSP_REPORT,
				"{\"csp-report\":{\"document-uri\":\"https://a.example/\",\"violated-directive\":\"img-src 'self'\","
						+ "\"blocked-uri\":\"data\"}}");
		assertThat(reports.get(0).effectiveDirective()).isEqualTo("img-src");
		assertThat(reports.get(0).disposition()).isEqualTo("enforce");
		assertThat(reports.get(0).blockedOrigin()).isEqualTo("data");
	}

	@Test
	void mediaTypesAreMatchedWithoutParametersOrCase() {
		assertThat(CspReportParser.reportMediaType("Application/CSP-Report; charset=utf-8"))
			.isEqualTo(CspReportParser.CSP_REPORT);
		assertThat(CspReportParser.reportMediaType("application/reports+json")).isEqualTo(CspReportParser.REPORTS_JSON);
		assertThat(CspReportParser.reportMediaType("application/json")).isNull();
		assertThat(CspReportParser.reportMediaType("text/plain")).isNull();
		assertThat(CspReportParser.reportMediaType(null)).isNull();
	}

	@Test
	void originsKeepSchemeHostAndPortOnly() {
		assertThat(CspReportParser.origin("https://user:pw@CDN.example:8443/a/b?c#d"))
			.isEqualTo("https://cdn.example:8443");
		assertThat(CspReportParser.origin("blob:https://a.example/uuid")).isEqualTo("blob");
		assertThat(CspReportParser.origin("eval")).isEqualTo("eval");
		assertThat(CspReportParser.origin("")).isNull();
		assertThat(CspReportParser.origin("https://" + "a".repeat(1000))).hasSize(CspReportParser.MAX_ORIGIN_LENGTH);
	}

	@Test
	void directiveTagsAreBounded() {
		assertThat(CspReportParser.directiveTag("script-src-elem")).isEqualTo("script-src-elem");
		assertThat(CspReportParser.directiveTag("made-up-directive")).isEqualTo("other");
	}

	@Test
	void longFieldsAreCut() {
		String url = "https://a.example/" + "x".repeat(5000);
		List<CspViolationReport> reports = parse(CspReportParser.CSP_REPORT,
				"{\"csp-report\":{\"effective-directive\":\"img-src\",\"blocked-uri\":\"" + url + "\"}}");
		assertThat(reports.get(0).blockedUri()).hasSize(CspReportParser.MAX_URL_LENGTH);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "{", "[", "nul", "{\"csp-report\":{}}x", "{\"csp-report\":{},}",
			"{\"csp-report\":1}", "[]", "{\"csp-report\":{\"effective-directive\":\"img-src\"},\"x\":1}",
			"{\"csp-report\":{\"effective-directive\":7}}", "{\"csp-report\":{\"effective-directive\":\"img src\"}}",
			"{\"csp-report\":{\"effective-directive\":\"img-src\",\"line-number\":\"12\"}}",
			"{\"csp-report\":{\"effective-directive\":\"img-src\",\"line-number\":-1}}",
			"{\"csp-report\":{\"effective-directive\":\"img-src\",\"disposition\":\"block\"}}",
			"{\"csp-report\":{\"effective-directive\":\"img-src\",\"effective-directive\":\"script-src\"}}",
			"{\"csp-report\":{\"blocked-uri\":\"x\"}}", "{\"csp-report\":{\"effective-directive\":\"a\\u0000\"}}",
			"{\"csp-report\":{\"effective-directive\":\"\\ud800\"}}", "{\"csp-report\":{\"a\":\"\u0001\"}}",
			"{\"csp-report\":{\"a\":01}}", "{\"csp-report\":{\"a\":1.}}", "{\"csp-report\":{\"a\":\"\\x\"}}",
			"\uFEFF{\"csp-report\":{}}", "{\"csp-report\":{\"a\":[[[[[[1]]]]]]}}" })
	void refusesMalformedReportUriBodies(String body) {
		assertThatExceptionOfType(CspReportParser.MalformedReportException.class)
			.isThrownBy(() -> parse(CspReportParser.CSP_REPORT, body));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "[1]", "[{\"body\":{}}]", "[{\"type\":\"csp-violation\"}]",
			"[{\"type\":\"csp-violation\",\"body\":[]}]",
			"[{\"type\":\"csp-violation\",\"body\":{\"effectiveDirective\":\"img-src\",\"blockedURL\":{}}}]",
			"[{\"type\":1,\"body\":{}}]" })
	void refusesMalformedReportingApiBodies(String body) {
		assertThatExceptionOfType(CspReportParser.MalformedReportException.class)
			.isThrownBy(() -> parse(CspReportParser.REPORTS_JSON, body));
	}

	@Test
	void refusesDeepNestingWithoutRecursingFar() {
		String deep = "[".repeat(100_000) + "]".repeat(100_000);
		assertThatExceptionOfType(CspReportParser.MalformedReportException.class)
			.isThrownBy(() -> parse(CspReportParser.REPORTS_JSON, deep))
			.withMessageContaining("nested deeper");
	}

	@Test
	void refusesTooManyReportsOrValues() {
		String report = "{\"type\":\"other\",\"body\":{}}";
		String many = "[" + String.join(",", java.util.Collections.nCopies(CspReportParser.MAX_REPORTS + 1, report))
				+ "]";
		assertThatExceptionOfType(CspReportParser.MalformedReportException.class)
			.isThrownBy(() -> parse(CspReportParser.REPORTS_JSON, many));
		String wide = "{\"csp-report\":{\"a\":[" + "1,".repeat(CspReportParser.MAX_VALUES) + "1]}}";
		assertThatExceptionOfType(CspReportParser.MalformedReportException.class)
			.isThrownBy(() -> parse(CspReportParser.CSP_REPORT, wide))
			.withMessageContaining("values");
	}

	@Test
	void refusesBrokenUtf8() {
		byte[] body = { '{', '"', (byte) 0xC3, '"', ':', '1', '}' };
		assertThatExceptionOfType(CspReportParser.MalformedReportException.class).isThrownBy(
				() -> CspReportParser.parse(CspReportParser.CSP_REPORT, body, body.length, "default", null, NOW));
	}

	@Test
	void theJsonReaderReadsEveryValueKind() {
		byte[] body = "{\"s\":\"a\\u00e9\\ud83d\\ude00\\n\",\"i\":-12,\"d\":1.5e3,\"t\":true,\"f\":false,\"n\":null,\"a\":[]}"
			.getBytes(StandardCharsets.UTF_8);
		Object json = BoundedJsonReader.read(body, body.length, 2, 100);
		assertThat(json).isInstanceOf(Map.class);
		Map<?, ?> map = (Map<?, ?>) json;
		assertThat(map.get("s")).isEqualTo("a\u00e9\ud83d\ude00\n");
		assertThat(map.get("i")).isEqualTo(-12L);
		assertThat(map.get("d")).isEqualTo(1500.0);
		assertThat(map.get("t")).isEqualTo(Boolean.TRUE);
		assertThat(map.get("f")).isEqualTo(Boolean.FALSE);
		assertThat(map.get("n")).isSameAs(BoundedJsonReader.NULL);
		assertThat(map.get("a")).isEqualTo(List.of());
	}

}
