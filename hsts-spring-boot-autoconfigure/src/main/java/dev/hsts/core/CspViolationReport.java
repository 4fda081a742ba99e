package dev.hsts.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One Content-Security-Policy violation a browser reported to the starter's collector, in
 * either format browsers send ({@code application/csp-report} from {@code report-uri},
 * {@code application/reports+json} from {@code report-to}). Every text field came from
 * the browser (or from anyone who can send a request): treat it as untrusted, and escape
 * it before logging or showing it ({@link UntrustedText#escape(String)}).
 *
 * @param policyId the policy the report is about: {@code default} for the top-level
 * policies, else the name of the named or path policy (from the report URL the starter
 * wrote into the policy)
 * @param disposition {@code enforce} (the resource was blocked) or {@code report} (a
 * report-only policy: it would have been blocked)
 * @param effectiveDirective the directive that was violated, lower case (e.g.
 * {@code script-src-elem}), as the browser named it
 * @param blockedUri what was blocked: a URL, or a keyword such as {@code inline},
 * {@code eval}, {@code data}; may be {@code null}
 * @param documentUri the page the violation happened on; may be {@code null}
 * @param sourceFile the script or document that caused it; may be {@code null}
 * @param lineNumber the line in {@code sourceFile}, or 0 when not given
 * @param sample the first characters of the inline script or style, when the policy asks
 * for samples ({@code 'report-sample'}); may be {@code null}
 * @param userAgent the request's {@code User-Agent}; may be {@code null}
 * @param receivedAt when the collector received the report
 */
public record CspViolationReport(String policyId, String disposition, String effectiveDirective, String blockedUri,
		String documentUri, String sourceFile, long lineNumber, String sample, String userAgent, Instant receivedAt) {

	/** The {@link #disposition()} of a violation of an enforced policy. */
	public static final String ENFORCE = "enforce";

	/** The {@link #disposition()} of a violation of a report-only policy. */
	public static final String REPORT = "report";

	public CspViolationReport {
		Objects.requireNonNull(policyId, "policyId");
		Objects.requireNonNull(disposition, "disposition");
		Objects.requireNonNull(effectiveDirective, "effectiveDirective");
		Objects.requireNonNull(receivedAt, "receivedAt");
	}

	/**
	 * Whether the violation was only reported (the policy was report-only).
	 * @return whether {@link #disposition()} is {@code report}
	 */
	public boolean reportOnly() {
		return REPORT.equals(this.disposition);
	}

	/**
	 * The origin of {@link #blockedUri()} ({@code https://cdn.example.com}), or the
	 * keyword itself ({@code inline}, {@code eval}, {@code data}), or {@code null}.
	 * @return the blocked origin
	 */
	public String blockedOrigin() {
		return CspReportParser.origin(this.blockedUri);
	}

}
