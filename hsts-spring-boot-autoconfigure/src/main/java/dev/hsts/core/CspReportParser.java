package dev.hsts.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the two formats browsers send CSP violation reports in, strictly:
 * <ul>
 * <li>{@value #CSP_REPORT} ({@code report-uri}): one object
 * <code>{"csp-report": {"effective-directive", "violated-directive", "blocked-uri",
 * "document-uri", "disposition", "source-file", "line-number", "script-sample", ...}}</code>;</li>
 * <li>{@value #REPORTS_JSON} (Reporting API, {@code report-to}): an array of reports
 * <code>[{"type": "csp-violation", "body": {"effectiveDirective", "blockedURL",
 * "documentURL", "disposition", "sourceFile", "lineNumber", "sample", ...}, ...}]</code>;
 * reports of other types are skipped.</li>
 * </ul>
 * A body that is not JSON within the limits, a field read here with the wrong type, a
 * report without a directive or with an unknown disposition is refused with a
 * {@link MalformedReportException}. Other fields are ignored.
 */
final class CspReportParser {

	/** The media type of {@code report-uri} reports. */
	static final String CSP_REPORT = "application/csp-report";

	/** The media type of Reporting API reports. */
	static final String REPORTS_JSON = "application/reports+json";

	/** The deepest nesting a report needs: array, report, body, and one spare level. */
	static final int MAX_DEPTH = 4;

	/** The most reports one request may carry. */
	static final int MAX_REPORTS = 100;

	/** The most JSON values one body may hold. */
	static final int MAX_VALUES = 4096;

	/** The longest URL or file kept in a report; longer ones are cut. */
	static final int MAX_URL_LENGTH = 2048;

	/** The longest sample kept (browsers send 40 characters). */
	static final int MAX_SAMPLE_LENGTH = 256;

	/** The longest origin kept. */
	static final int MAX_ORIGIN_LENGTH = 256;

	/** The directives of CSP Level 3 and its drafts, for bounded metric tags. */
	static final Set<String> KNOWN_DIRECTIVES = Set.of("base-uri", "block-all-mixed-content", "child-src",
			"connect-src", "default-src", "fenced-frame-src", "font-src", "form-action", "frame-ancestors", "frame-src",
			"img-src", "manifest-src", "media-src", "navigate-to", "object-src", "plugin-types", "prefetch-src",
			"report-to", "report-uri", "require-sri-for", "require-trusted-types-for", "sandbox", "script-src",
			"script-src-attr", "script-src-elem", "style-src", "style-src-attr", "style-src-elem", "trusted-types",
			"upgrade-insecure-requests", "webrtc", "worker-src");

	private CspReportParser() {
	}

	/**
	 * The media type of a {@code Content-Type} value, lower case and without parameters,
	 * if it is one of the two report formats.
	 * @param contentType the header value, may be {@code null}
	 * @return {@value #CSP_REPORT}, {@value #REPORTS_JSON}, or {@code null} for anything
	 * else
	 */
	static String reportMediaType(String contentType) {
		if (contentType == null) {
			return null;
		}
		int semicolon = contentType.indexOf(';');
		String type = ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim()
			.toLowerCase(Locale.ROOT);
		if (type.equals(CSP_REPORT)) {
			return CSP_REPORT;
		}
		if (type.equals(REPORTS_JSON)) {
			return REPORTS_JSON;
		}
		return null;
	}

	/**
	 * Reads the reports in a body.
	 * @param mediaType {@value #CSP_REPORT} or {@value #REPORTS_JSON}
	 * @param body the body
	 * @param length its length
	 * @param policyId the policy the reports are about
	 * @param userAgent the request's {@code User-Agent}, may be {@code null}
	 * @param receivedAt when they arrived
	 * @return the CSP violation reports, possibly none (a Reporting API batch of other
	 * report types)
	 * @throws MalformedReportException if the body is malformed
	 */
	static List<CspViolationReport> parse(String mediaType, byte[] body, int length, String policyId, String userAgent,
			Instant receivedAt) {
		Object json;
		try {
			json = BoundedJsonReader.read(body, length, MAX_DEPTH, MAX_VALUES);
		}
		catch (BoundedJsonReader.MalformedJsonException ex) {
			throw new MalformedReportException(ex.getMessage());
		}
		String agent = (userAgent != null) ? cut(userAgent, MAX_URL_LENGTH) : null;
		if (CSP_REPORT.equals(mediaType)) {
			if (!(json instanceof Map<?, ?> document) || document.size() != 1
					|| !(document.get("csp-report") instanceof Map<?, ?> report)) {
				throw new MalformedReportException(
						"an application/csp-report body is one object {\"csp-report\": {...}}");
			}
			return List.of(fromReportUri(report, policyId, agent, receivedAt));
		}
		if (!(json instanceof List<?> batch)) {
			throw new MalformedReportException("an application/reports+json body is an array of reports");
		}
		if (batch.size() > MAX_REPORTS) {
			throw new MalformedReportException("more than " + MAX_REPORTS + " reports in one request");
		}
		List<CspViolationReport> reports = new ArrayList<>(batch.size());
		for (Object element : batch) {
			if (!(element instanceof Map<?, ?> report)) {
				throw new MalformedReportException("a report is not an object");
			}
			String type = string(report, "type", 64);
			if (type == null) {
				throw new MalformedReportException("a report has no type");
			}
			if (!type.equals("csp-violation")) {
				continue;
			}
			if (!(report.get("body") instanceof Map<?, ?> reportBody)) {
				throw new MalformedReportException("a csp-violation report has no body object");
			}
			reports.add(fromReportingApi(reportBody, policyId, agent, receivedAt));
		}
		return reports;
	}

	private static CspViolationReport fromReportUri(Map<?, ?> report, String policyId, String userAgent,
			Instant receivedAt) {
		String directive = string(report, "effective-directive", 64);
		if (directive == null) {
			// CSP Level 2 browsers: the directive with its sources.
			String violated = string(report, "violated-directive", MAX_URL_LENGTH);
			if (violated != null) {
				String trimmed = violated.trim();
				int space = trimmed.indexOf(' ');
				directive = (space < 0) ? trimmed : trimmed.substring(0, space);
			}
		}
		return new CspViolationReport(policyId, disposition(string(report, "disposition", 16)), directive(directive),
				string(report, "blocked-uri", MAX_URL_LENGTH), string(report, "document-uri", MAX_URL_LENGTH),
				string(report, "source-file", MAX_URL_LENGTH), lineNumber(report, "line-number"),
				string(report, "script-sample", MAX_SAMPLE_LENGTH), userAgent, receivedAt);
	}

	private static CspViolationReport fromReportingApi(Map<?, ?> body, String policyId, String userAgent,
			Instant receivedAt) {
		return new CspViolationReport(policyId, disposition(string(body, "disposition", 16)),
				directive(string(body, "effectiveDirective", 64)), string(body, "blockedURL", MAX_URL_LENGTH),
				string(body, "documentURL", MAX_URL_LENGTH), string(body, "sourceFile", MAX_URL_LENGTH),
				lineNumber(body, "lineNumber"), string(body, "sample", MAX_SAMPLE_LENGTH), userAgent, receivedAt);
	}

	private static String directive(String directive) {
		if (directive == null || directive.isEmpty()) {
			throw new MalformedReportException("the report names no directive");
		}
		String name = directive.toLowerCase(Locale.ROOT);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
				throw new MalformedReportException("the directive is not a directive name");
			}
		}
		return name;
	}

	private static String disposition(String disposition) {
		if (disposition == null) {
			// Browsers before CSP Level 3 send none: such a report counts as enforced.
			return CspViolationReport.ENFORCE;
		}
		if (disposition.equals(CspViolationReport.ENFORCE)) {
			return CspViolationReport.ENFORCE;
		}
		if (disposition.equals(CspViolationReport.REPORT)) {
			return CspViolationReport.REPORT;
		}
		throw new MalformedReportException("the disposition is neither enforce nor report");
	}

	/** A string field, {@code null} when absent or JSON null, cut to a length. */
	private static String string(Map<?, ?> object, String key, int maxLength) {
		Object value = object.get(key);
		if (value == null || value == BoundedJsonReader.NULL) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw new MalformedReportException("\"" + key + "\" is not a string");
		}
		return cut(text, maxLength);
	}

	private static long lineNumber(Map<?, ?> object, String key) {
		Object value = object.get(key);
		if (value == null || value == BoundedJsonReader.NULL) {
			return 0;
		}
		if (!(value instanceof Long number) || number < 0) {
			throw new MalformedReportException("\"" + key + "\" is not a line number");
		}
		return number;
	}

	private static String cut(String text, int maxLength) {
		return (text.length() <= maxLength) ? text : text.substring(0, maxLength);
	}

	/**
	 * The bounded metric tag for a directive.
	 * @param directive a directive name, lower case
	 * @return the name if it is a CSP directive, else {@code other}
	 */
	static String directiveTag(String directive) {
		return KNOWN_DIRECTIVES.contains(directive) ? directive : "other";
	}

	/**
	 * The origin of a blocked URI: {@code scheme://host[:port]} for a hierarchical URL,
	 * the scheme for others ({@code data}, {@code blob}), and a keyword as it is
	 * ({@code inline}, {@code eval}); lower case, at most {@value #MAX_ORIGIN_LENGTH}
	 * characters.
	 * @param uri the blocked URI, may be {@code null}
	 * @return the origin, or {@code null} for {@code null} or an empty URI
	 */
	static String origin(String uri) {
		if (uri == null || uri.isEmpty()) {
			return null;
		}
		String text = uri.trim().toLowerCase(Locale.ROOT);
		int colon = text.indexOf(':');
		if (colon <= 0 || !isScheme(text.substring(0, colon))) {
			return cut(text, 64);
		}
		if (!text.startsWith("//", colon + 1)) {
			return text.substring(0, colon);
		}
		int start = colon + 3;
		int end = start;
		while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
			end++;
		}
		String authority = text.substring(start, end);
		int at = authority.lastIndexOf('@');
		if (at >= 0) {
			authority = authority.substring(at + 1);
		}
		return cut(text.substring(0, colon) + "://" + authority, MAX_ORIGIN_LENGTH);
	}

	private static boolean isScheme(String text) {
		if (text.isEmpty() || text.charAt(0) < 'a' || text.charAt(0) > 'z') {
			return false;
		}
		for (int i = 1; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
				return false;
			}
		}
		return true;
	}

	/** A body that is not a valid report. */
	static final class MalformedReportException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MalformedReportException(String message) {
			super(message, null, false, false);
		}

	}

}
