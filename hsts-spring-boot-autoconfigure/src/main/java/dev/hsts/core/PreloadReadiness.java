package dev.hsts.core;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hstspreload.org submission rules an application can see, each worded as the preload
 * list's checker (github.com/chromium/hstspreload) words it:
 * <ul>
 * <li>the HTTPS root sends exactly one {@code Strict-Transport-Security} header
 * ({@code response.no_header}, {@code response.multiple_headers});</li>
 * <li>max-age of at least 31536000 ({@code header.preloadable.max_age.*}),
 * {@code includeSubDomains} ({@code header.preloadable.include_sub_domains.missing}),
 * {@code preload} ({@code header.preloadable.preload.missing}), and the checker's parse
 * warnings ({@code header.parse.*});</li>
 * <li>plain HTTP redirects ({@code redirects.http.no_redirect}) first to HTTPS on the
 * same host ({@code redirects.http.first_redirect.insecure},
 * {@code redirects.http.www_first}), whose response has the header
 * ({@code redirects.http.first_redirect.no_hsts}); no HSTS header over plain HTTP
 * ({@code redirects.http.useless_header}).</li>
 * </ul>
 * Rules the application cannot see (the domain being a registered domain, the www
 * subdomain, the TLS chain) are left to hstspreload.org.
 */
public final class PreloadReadiness {

	/** {@code hstsMinimumMaxAge} of the checker: one year. */
	static final long ONE_YEAR = 86_400L * 365;

	private static final long TEN_YEARS = 10 * ONE_YEAR;

	private PreloadReadiness() {
	}

	/**
	 * The checker's header rules on one header value ({@code EligibleHeaderString}: parse
	 * issues, then includeSubDomains, preload, max-age).
	 * @param hstsFieldValue the header value
	 * @return the issues, errors first, then warnings, each in the checker's order; empty
	 * when it qualifies cleanly
	 */
	public static List<PreloadIssue> checkHeader(String hstsFieldValue) {
		Issues issues = new Issues();
		CheckedHeader header = parseHeaderString((hstsFieldValue != null) ? hstsFieldValue : "", issues);
		if (!header.includeSubDomains) {
			issues.error("header.preloadable.include_sub_domains.missing", "No includeSubDomains directive",
					"The header must contain the `includeSubDomains` directive.");
		}
		if (!header.preload) {
			issues.error("header.preloadable.preload.missing", "No preload directive",
					"The header must contain the `preload` directive.");
		}
		if (header.maxAge == null) {
			issues.error("header.preloadable.max_age.missing", "No max-age directive",
					"Header requirement error: Header must contain a valid `max-age` directive.");
		}
		else if (Long.compareUnsigned(header.maxAge, ONE_YEAR) < 0) {
			String message = "The max-age must be at least " + ONE_YEAR
					+ " seconds (\u2248 1 year), but the header currently only has max-age="
					+ Long.toUnsignedString(header.maxAge) + ".";
			if (header.maxAge == 0) {
				issues.error("header.preloadable.max_age.zero", "Max-age is 0", message
						+ " If you are trying to remove this domain from the preload list, please visit https://hstspreload.org/removal/");
			}
			else {
				issues.error("header.preloadable.max_age.below_1_year", "Max-age too low", message);
			}
		}
		else if (Long.compareUnsigned(header.maxAge, TEN_YEARS) > 0) {
			issues.warning("header.preloadable.max_age.over_10_years", "Max-age > 10 years",
					"FYI: The max-age (" + Long.toUnsignedString(header.maxAge)
							+ " seconds) is longer than 10 years, which is an unusually long value.");
		}
		return issues.all();
	}

	/**
	 * The checker's rules on observed responses ({@code EligibleDomainResponse}, less
	 * what the application cannot see: domain format, eTLD+1, the TLS chain, www).
	 * @param domain the domain to submit, e.g. {@code example.com}
	 * @param httpsRoot the response to {@code https://<domain>/}, not following redirects
	 * @param httpRoot the response to {@code http://<domain>/}, not following redirects,
	 * or {@code null} when plain HTTP is not served (a warning, as the checker says)
	 * @param firstRedirectTarget the response to the URL {@code httpRoot} redirects to
	 * when that is {@code https://<domain>...}, or {@code null} (then {@code httpsRoot}
	 * stands for it)
	 * @return the issues, errors first, then warnings; empty when every rule the
	 * application can see holds
	 */
	public static List<PreloadIssue> checkResponses(String domain, PreloadProbeResponse httpsRoot,
			PreloadProbeResponse httpRoot, PreloadProbeResponse firstRedirectTarget) {
		String host = domain.toLowerCase(Locale.ROOT);
		Issues issues = new Issues();
		List<PreloadIssue> responseIssues = checkResponse(httpsRoot);
		issues.addAll(responseIssues);
		String httpUrl = "http://" + domain;
		Issues firstRedirectHsts = new Issues();
		if (httpRoot == null) {
			issues.warning("redirects.http.does_not_exist", "Unavailable over HTTP",
					"The site appears to be unavailable over plain HTTP (" + httpUrl + "). "
							+ "This can prevent users without a freshly updated modern browser from connecting to the "
							+ "site when they visit a URL with the http:// scheme (or with an unspecified scheme). "
							+ "However, this is okay if the site does not wish to support those users.");
		}
		else {
			if (!httpRoot.hstsFieldValues().isEmpty()) {
				issues.warning("redirects.http.useless_header", "Unnecessary HSTS header over HTTP", "The HTTP page at "
						+ httpUrl + " sends an HSTS header. This has no effect over HTTP, and should be removed.");
			}
			Optional<URI> first = redirectTarget(httpRoot, issues);
			if (first.isEmpty()) {
				issues.error("redirects.http.no_redirect", "No redirect from HTTP",
						"`" + httpUrl + "` does not redirect to `https://" + domain + "`.");
			}
			else {
				URI target = first.get();
				String targetHost = (target.getHost() != null) ? target.getHost().toLowerCase(Locale.ROOT) : "";
				boolean https = "https".equalsIgnoreCase(target.getScheme());
				if (https && targetHost.equals(host)) {
					PreloadProbeResponse targetResponse = (firstRedirectTarget != null) ? firstRedirectTarget
							: httpsRoot;
					List<PreloadIssue> targetIssues = checkResponse(targetResponse);
					for (PreloadIssue issue : targetIssues) {
						if (issue.error()) {
							firstRedirectHsts.error("redirects.http.first_redirect.no_hsts",
									"HTTP redirects to a page without HSTS",
									"`" + httpUrl + "` redirects to `" + target + "`, which does not serve a HSTS "
											+ "header that satisfies preload conditions. First error: "
											+ issue.summary());
							break;
						}
					}
				}
				else if (targetHost.equals("www." + host)) {
					issues.error("redirects.http.www_first", "HTTP redirects to www first", "`" + httpUrl
							+ "` (HTTP) should immediately redirect to `https://" + domain + "` (HTTPS) "
							+ "before adding the www subdomain. Right now, the first redirect is to `" + target + "`. "
							+ "The extra redirect is required to ensure that any browser which supports HSTS will "
							+ "record the HSTS entry for the top level domain, not just the subdomain.");
				}
				else {
					issues.error("redirects.http.first_redirect.insecure", "HTTP does not redirect to HTTPS",
							"`" + httpUrl + "` (HTTP) redirects to `" + target + "`. The first redirect from `"
									+ httpUrl + "` should be to a secure page on the same host (`https://" + domain
									+ "`).");
				}
			}
		}
		boolean responseErrors = false;
		for (PreloadIssue issue : responseIssues) {
			responseErrors |= issue.error();
		}
		if (!responseErrors) {
			issues.addAll(firstRedirectHsts.all());
		}
		if (httpsRoot != null) {
			Optional<URI> httpsTarget = redirectTarget(httpsRoot, issues);
			if (httpsTarget.isPresent() && !"https".equalsIgnoreCase(httpsTarget.get().getScheme())) {
				String httpsUrl = "https://" + domain;
				issues.error("redirects.insecure.initial", "Insecure redirect",
						"`" + httpsUrl + "` redirects to an insecure page: `" + httpsTarget.get() + "`");
			}
		}
		return issues.all();
	}

	/**
	 * The header rules on what the application's own rollout plan sends: the final stage
	 * (what will be submitted).
	 * @param policy the HSTS policy
	 * @param now the instant (unused by the final stage; kept for symmetry with
	 * {@link #findings})
	 * @return the issues of the final stage's header; empty when it qualifies
	 */
	public static List<PreloadIssue> checkPlan(HstsPolicy policy, Instant now) {
		return checkHeader(policy.finalStage().headerValue());
	}

	/**
	 * Endpoint findings ({@code preload.*}) from the application's own configuration:
	 * only when {@code preload} is configured ({@link HstsPolicy#preloadIntent()}); an
	 * application that never meant to preload gets none. Covers the final stage's header,
	 * what is sent now (a rollout still below the final stage, a revocation, HSTS
	 * switched off), the HTTPS redirect (plain HTTP must redirect first to HTTPS on the
	 * same host) and hosts excluded from HSTS.
	 * @param policy the HSTS policy
	 * @param redirect the HTTPS redirect rule, or {@code null} when the starter does not
	 * redirect
	 * @param now the instant
	 * @return the findings, possibly empty
	 */
	public static List<Finding> findings(HstsPolicy policy, HttpsRedirectRule redirect, Instant now) {
		List<Finding> findings = new ArrayList<>();
		if (!policy.preloadIntent()) {
			return findings;
		}
		HstsStage last = policy.finalStage();
		for (PreloadIssue issue : checkHeader(last.headerValue())) {
			findings.add(issue.toFinding(
					"The final stage (" + last.headerValue() + ") does not qualify for " + "hstspreload.org",
					"hsts.preload"));
		}
		String sentNow = policy.headerValueAt(now.toEpochMilli());
		if (sentNow == null) {
			boolean scheduled = policy.mode() == HstsMode.SCHEDULED;
			findings.add(new Finding(scheduled ? Finding.Severity.INFO : Finding.Severity.WARNING,
					PreloadIssue.FINDING_PREFIX + "response.no_header",
					(scheduled ? "The scheduled rollout has not started" : "HSTS is switched off")
							+ ", so no header is sent: hstspreload.org would refuse the domain today: Response error: "
							+ "No HSTS header is present on the response.",
					scheduled ? "hsts.rollout.started-at" : "hsts.enabled"));
		}
		else if (!sentNow.equals(last.headerValue()) || policy.mode() == HstsMode.REVOKED) {
			Optional<HstsStage> active = policy.activeStageAt(now);
			String what = (policy.mode() == HstsMode.REVOKED) ? "HSTS is revoked"
					: "The rollout is at stage " + active.map(HstsStage::number).orElse(0) + " of " + last.number();
			for (PreloadIssue issue : checkHeader(sentNow)) {
				if (issue.error()) {
					findings.add(new Finding(Finding.Severity.INFO, PreloadIssue.FINDING_PREFIX + issue.code(),
							what + " (" + sentNow + "): hstspreload.org would refuse the domain today: "
									+ issue.message() + " Submit once the final stage (" + last.headerValue()
									+ ") is live.",
							(policy.mode() == HstsMode.REVOKED) ? "hsts.revoke" : "hsts.rollout.stage"));
				}
			}
		}
		if (redirect == null) {
			findings.add(new Finding(Finding.Severity.INFO, PreloadIssue.FINDING_PREFIX + "redirects.http.no_redirect",
					"The starter does not redirect plain HTTP to HTTPS (${https-redirect.enabled}). hstspreload.org "
							+ "requires `http://<domain>` to redirect to `https://<domain>` first; if a proxy in front "
							+ "does it, check it there. Otherwise it says: `http://<domain>` does not redirect to "
							+ "`https://<domain>`.",
					"https-redirect.enabled"));
		}
		else {
			if (redirect.isExempt("/")) {
				findings.add(new Finding(Finding.Severity.WARNING,
						PreloadIssue.FINDING_PREFIX + "redirects.http.no_redirect",
						"The root path / is exempt from the HTTPS redirect (${https-redirect.exempt-paths}), but "
								+ "hstspreload.org checks `http://<domain>` and says: `http://<domain>` does not "
								+ "redirect to `https://<domain>`.",
						"https-redirect.exempt-paths"));
			}
			if (redirect.host() != null) {
				boolean www = redirect.host().toLowerCase(Locale.ROOT).startsWith("www.");
				String target = "https://" + redirect.host() + "/";
				findings.add(new Finding(Finding.Severity.WARNING,
						PreloadIssue.FINDING_PREFIX
								+ (www ? "redirects.http.www_first" : "redirects.http.first_redirect.insecure"),
						"Every plain-HTTP request is redirected to " + redirect.host() + " (${https-redirect.host}). "
								+ "If the domain you submit is not " + redirect.host()
								+ " itself, hstspreload.org refuses it: "
								+ (www ? "`http://<domain>` (HTTP) should immediately redirect to `https://<domain>` "
										+ "(HTTPS) before adding the www subdomain. Right now, the first redirect is "
										+ "to `" + target + "`."
										: "`http://<domain>` (HTTP) redirects to `" + target + "`. The first redirect "
												+ "from `http://<domain>` should be to a secure page on the same "
												+ "host (`https://<domain>`)."),
						"https-redirect.host"));
			}
		}
		List<String> excluded = new ArrayList<>();
		for (String entry : policy.excludedHosts()) {
			if (!DEFAULT_EXCLUDED.contains(entry)) {
				excluded.add(entry);
			}
		}
		if (!excluded.isEmpty()) {
			findings.add(new Finding(Finding.Severity.INFO, PreloadIssue.FINDING_PREFIX + "response.no_header",
					"Hosts excluded from HSTS (${hsts.excluded-hosts}: " + String.join(", ", excluded)
							+ ") get no header; if the domain you submit is among them, hstspreload.org says: "
							+ "Response error: No HSTS header is present on the response.",
					"hsts.excluded-hosts"));
		}
		return findings;
	}

	private static final List<String> DEFAULT_EXCLUDED = List.of("localhost", "*.localhost", "127.0.0.0/8", "::1");

	/** {@code checkSingleHeader} and {@code EligibleHeaderString} of the checker. */
	private static List<PreloadIssue> checkResponse(PreloadProbeResponse response) {
		Issues issues = new Issues();
		List<String> values = (response != null) ? response.hstsFieldValues() : List.of();
		if (values.isEmpty()) {
			issues.error("response.no_header", "No HSTS header",
					"Response error: No HSTS header is present on the response.");
			return issues.all();
		}
		if (values.size() > 1) {
			issues.error("response.multiple_headers", "Multiple HSTS headers",
					"Response error: Multiple HSTS headers (number of HSTS headers: " + values.size() + ").");
			return issues.all();
		}
		return checkHeader(values.get(0));
	}

	private static Optional<URI> redirectTarget(PreloadProbeResponse response, Issues issues) {
		if (!response.isRedirect()) {
			return Optional.empty();
		}
		try {
			URI base = URI.create(response.url());
			return Optional.of(base.resolve(URI.create(response.location().trim())));
		}
		catch (IllegalArgumentException ex) {
			issues.error("redirects.follow_error", "Error following redirects", "Redirect error: " + ex.getMessage());
			return Optional.empty();
		}
	}

	/** {@code ParseHeaderString} of the checker. */
	private static CheckedHeader parseHeaderString(String headerString, Issues issues) {
		CheckedHeader header = new CheckedHeader();
		String[] directives = headerString.split(";", -1);
		for (int i = 0; i < directives.length; i++) {
			directives[i] = directives[i].strip();
		}
		if (directives.length == 1 && directives[0].isEmpty()) {
			issues.warning("header.parse.empty", "Empty Header", "The HSTS header is empty.");
			return header;
		}
		for (String directive : directives) {
			String lower = directive.toLowerCase(Locale.ROOT);
			if (lower.equals("preload")) {
				if (header.preload) {
					issues.uniqueWarning("header.parse.repeated.preload", "Repeated preload directive",
							"Header contains a repeated directive: `preload`");
				}
				header.preload = true;
			}
			else if (lower.startsWith("preload")) {
				issues.uniqueWarning("header.parse.invalid.preload", "Invalid preload directive",
						"Header contains a `preload` directive with extra parts.");
			}
			else if (lower.equals("includesubdomains")) {
				if (header.includeSubDomains) {
					issues.uniqueWarning("header.parse.repeated.include_sub_domains",
							"Repeated includeSubDomains directive",
							"Header contains a repeated directive: `includeSubDomains`");
				}
				header.includeSubDomains = true;
			}
			else if (lower.startsWith("includesubdomains")) {
				issues.uniqueWarning("header.parse.invalid.include_sub_domains", "Invalid includeSubDomains directive",
						"The header contains an `includeSubDomains` directive with extra directives.");
			}
			else if (lower.startsWith("max-age=")) {
				Long maxAge = parseMaxAge(directive, issues);
				if (maxAge != null) {
					if (header.maxAge == null) {
						header.maxAge = maxAge;
					}
					else {
						issues.uniqueWarning("header.parse.repeated.max_age", "Repeated max-age directive",
								"The header contains a repeated directive: `max-age`");
					}
				}
			}
			else if (lower.startsWith("max-age")) {
				issues.uniqueError("header.parse.invalid.max_age.no_value", "Max-age drective without a value",
						"The header contains a max-age directive name without an associated value. Please specify the "
								+ "max-age in seconds.");
			}
			else if (directive.isEmpty()) {
				issues.uniqueWarning("header.parse.empty_directive", "Empty directive or extra semicolon",
						"The header includes an empty directive or extra semicolon.");
			}
			else {
				issues.warning("header.parse.unknown_directive", "Unknown directive",
						"The header contains an unknown directive: `" + directive + "`");
			}
		}
		return header;
	}

	/** {@code parseMaxAge} of the checker: digits only, unsigned 64 bits. */
	private static Long parseMaxAge(String directive, Issues issues) {
		String digits = directive.substring(8);
		for (int i = 0; i < digits.length(); i++) {
			char c = digits.charAt(i);
			if (i == 0 && c == '0' && digits.length() > 1) {
				issues.warning("header.parse.max_age.leading_zero", "Unexpected max-age syntax",
						"The header's max-age value contains a leading 0: `" + directive + "`");
			}
			if (c < '0' || c > '9') {
				issues.error("header.parse.max_age.non_digit_characters", "Invalid max-age syntax",
						"The header's max-age value contains characters that are not digits: `" + directive + "`");
				return null;
			}
		}
		if (digits.isEmpty() || !HstsHeaderParser.fitsUnsigned64(digits)) {
			issues.error("header.parse.max_age.parse_int_error", "Invalid max-age syntax",
					"We could not parse the header's max-age value `" + digits + "`.");
			return null;
		}
		return Long.parseUnsignedLong(digits);
	}

	/** The directives the checker found. */
	private static final class CheckedHeader {

		Long maxAge;

		boolean includeSubDomains;

		boolean preload;

	}

	/** The checker's Issues: errors and warnings, each in order. */
	private static final class Issues {

		private final List<PreloadIssue> errors = new ArrayList<>();

		private final List<PreloadIssue> warnings = new ArrayList<>();

		void error(String code, String summary, String message) {
			this.errors.add(new PreloadIssue(code, true, summary, message));
		}

		void warning(String code, String summary, String message) {
			this.warnings.add(new PreloadIssue(code, false, summary, message));
		}

		void uniqueError(String code, String summary, String message) {
			if (!contains(this.errors, code)) {
				error(code, summary, message);
			}
		}

		void uniqueWarning(String code, String summary, String message) {
			if (!contains(this.warnings, code)) {
				warning(code, summary, message);
			}
		}

		private static boolean contains(List<PreloadIssue> issues, String code) {
			for (PreloadIssue issue : issues) {
				if (issue.code().equals(code)) {
					return true;
				}
			}
			return false;
		}

		void addAll(List<PreloadIssue> issues) {
			for (PreloadIssue issue : issues) {
				(issue.error() ? this.errors : this.warnings).add(issue);
			}
		}

		List<PreloadIssue> all() {
			List<PreloadIssue> all = new ArrayList<>(this.errors);
			all.addAll(this.warnings);
			return List.copyOf(all);
		}

	}

}
