package dev.hsts.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hsts.core.CspReportCollector;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.RolloutStage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the security headers the starter writes ({@code security.headers.*}).
 */
@ConfigurationProperties(prefix = "security.headers")
public class SecurityHeadersProperties {

	/**
	 * Whether the starter writes security headers at all. Set to false to switch every
	 * part of it off.
	 */
	private boolean enabled = true;

	/**
	 * HTTP Strict-Transport-Security.
	 */
	private final Hsts hsts = new Hsts();

	/**
	 * X-Content-Type-Options: 'nosniff' makes browsers use the declared content type
	 * instead of guessing one. Set to 'disabled' to send no such header.
	 */
	private String contentTypeOptions = "nosniff";

	/**
	 * X-Frame-Options: 'DENY' (no site may frame the pages), 'SAMEORIGIN' (only this
	 * origin may), or 'disabled' to send no such header.
	 */
	private String frameOptions = "DENY";

	/**
	 * Referrer-Policy: how much of the page's URL browsers send as Referer. One of
	 * no-referrer, no-referrer-when-downgrade, same-origin, origin, strict-origin,
	 * origin-when-cross-origin, strict-origin-when-cross-origin, unsafe-url (or a
	 * comma-separated fallback list of them), or 'disabled'.
	 */
	private String referrerPolicy = "no-referrer";

	/**
	 * Permissions-Policy: which browser features the pages may use, as
	 * feature=(allowlist) entries separated by commas, e.g. 'geolocation=(),
	 * camera=(self)'. Set to 'disabled' to send no such header.
	 */
	private String permissionsPolicy = "geolocation=(), microphone=(), camera=()";

	/**
	 * Content-Security-Policy and Content-Security-Policy-Report-Only. Not sent unless a
	 * policy is set.
	 */
	private final ContentSecurityPolicy contentSecurityPolicy = new ContentSecurityPolicy();

	/**
	 * Cross-Origin-Opener-Policy: same-origin, same-origin-allow-popups,
	 * noopener-allow-popups or unsafe-none. Not sent unless set.
	 */
	private String crossOriginOpenerPolicy;

	/**
	 * Cross-Origin-Resource-Policy: same-origin, same-site or cross-origin. Not sent
	 * unless set.
	 */
	private String crossOriginResourcePolicy;

	/**
	 * Cross-Origin-Embedder-Policy: require-corp (the page loads only cross-origin
	 * resources that allow it, by CORS or Cross-Origin-Resource-Policy), credentialless
	 * (cross-origin requests without credentials) or unsafe-none. With
	 * cross-origin-opener-policy=same-origin it makes the page cross-origin isolated. Not
	 * sent unless set.
	 */
	private String crossOriginEmbedderPolicy;

	/**
	 * X-Permitted-Cross-Domain-Policies: whether Adobe clients (Flash, Acrobat) may load
	 * cross-domain policy files from this site. One of none, master-only,
	 * by-content-type, by-ftp-filename, all, none-this-response, or 'disabled' to send no
	 * such header.
	 */
	private String permittedCrossDomainPolicies = "none";

	/**
	 * Origin-Agent-Cluster: '?1' asks the browser to put the page in an agent cluster of
	 * its own origin (not shared with the rest of its site), '?0' asks it not to. Not
	 * sent unless set.
	 */
	private String originAgentCluster;

	/**
	 * X-DNS-Prefetch-Control: 'off' stops browsers from resolving the host names of links
	 * ahead of time (which tells DNS resolvers what a page links to), 'on' allows it. Not
	 * sent unless set.
	 */
	private String dnsPrefetchControl;

	/**
	 * X-XSS-Protection: '0' (the default) switches off the XSS auditor of old browsers
	 * (Internet Explorer, Chrome before 78, Safari), or 'disabled' to send no such
	 * header. '1' and '1; mode=block' are refused: the auditor they switch on could be
	 * abused to delete a page's legitimate scripts and to leak information across sites,
	 * and current browsers ignore the header. Sending nothing leaves the auditor on where
	 * it still exists. Spring Security, Helmet and the OWASP cheat sheet send or
	 * recommend '0' too; protect against XSS with a Content-Security-Policy.
	 */
	private String xssProtection = "0";

	/**
	 * Clear-Site-Data on logout: tells the browser to clear what this site stored. Sent
	 * only on secure responses (browsers ignore it on others). Read at startup only.
	 */
	private final ClearSiteData clearSiteData = new ClearSiteData();

	/**
	 * The default Cache-Control for responses on which the application set none.
	 */
	private final CacheControl cacheControl = new CacheControl();

	/**
	 * Flags added to the cookies the application sets (Secure, HttpOnly, SameSite), each
	 * only where a cookie lacks it. Off unless enabled.
	 */
	private final Cookies cookies = new Cookies();

	/**
	 * Named policies: other headers for some routes, chosen by path ('paths'), by the
	 * annotation @SecurityHeadersPolicy("name") on a controller class or handler method,
	 * by the route attribute 'dev.hsts.policy' of a functional route, or by a
	 * PerRequestHeaderPolicy bean. Each takes the keys of the top-level settings
	 * (frame-options, content-security-policy.policy, cache-control.value, hsts.enabled,
	 * ...); a key it leaves unset keeps the top-level value, 'disabled' sends no such
	 * header. Names: lower-case letters, digits and '-'.
	 */
	private Map<String, Policy> policies = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Hsts getHsts() {
		return this.hsts;
	}

	public String getContentTypeOptions() {
		return this.contentTypeOptions;
	}

	public void setContentTypeOptions(String contentTypeOptions) {
		this.contentTypeOptions = contentTypeOptions;
	}

	public String getFrameOptions() {
		return this.frameOptions;
	}

	public void setFrameOptions(String frameOptions) {
		this.frameOptions = frameOptions;
	}

	public String getReferrerPolicy() {
		return this.referrerPolicy;
	}

	public void setReferrerPolicy(String referrerPolicy) {
		this.referrerPolicy = referrerPolicy;
	}

	public String getPermissionsPolicy() {
		return this.permissionsPolicy;
	}

	public void setPermissionsPolicy(String permissionsPolicy) {
		this.permissionsPolicy = permissionsPolicy;
	}

	public ContentSecurityPolicy getContentSecurityPolicy() {
		return this.contentSecurityPolicy;
	}

	public String getCrossOriginOpenerPolicy() {
		return this.crossOriginOpenerPolicy;
	}

	public void setCrossOriginOpenerPolicy(String crossOriginOpenerPolicy) {
		this.crossOriginOpenerPolicy = crossOriginOpenerPolicy;
	}

	public String getCrossOriginResourcePolicy() {
		return this.crossOriginResourcePolicy;
	}

	public void setCrossOriginResourcePolicy(String crossOriginResourcePolicy) {
		this.crossOriginResourcePolicy = crossOriginResourcePolicy;
	}

	public String getCrossOriginEmbedderPolicy() {
		return this.crossOriginEmbedderPolicy;
	}

	public void setCrossOriginEmbedderPolicy(String crossOriginEmbedderPolicy) {
		this.crossOriginEmbedderPolicy = crossOriginEmbedderPolicy;
	}

	public String getPermittedCrossDomainPolicies() {
		return this.permittedCrossDomainPolicies;
	}

	public void setPermittedCrossDomainPolicies(String permittedCrossDomainPolicies) {
		this.permittedCrossDomainPolicies = permittedCrossDomainPolicies;
	}

	public String getOriginAgentCluster() {
		return this.originAgentCluster;
	}

	public void setOriginAgentCluster(String originAgentCluster) {
		this.originAgentCluster = originAgentCluster;
	}

	public String getDnsPrefetchControl() {
		return this.dnsPrefetchControl;
	}

	public void setDnsPrefetchControl(String dnsPrefetchControl) {
		this.dnsPrefetchControl = dnsPrefetchControl;
	}

	public String getXssProtection() {
		return this.xssProtection;
	}

	public void setXssProtection(String xssProtection) {
		this.xssProtection = xssProtection;
	}

	public ClearSiteData getClearSiteData() {
		return this.clearSiteData;
	}

	public CacheControl getCacheControl() {
		return this.cacheControl;
	}

	public Cookies getCookies() {
		return this.cookies;
	}

	public Map<String, Policy> getPolicies() {
		return this.policies;
	}

	public void setPolicies(Map<String, Policy> policies) {
		this.policies = policies;
	}

	/**
	 * A named policy: the headers of the requests it applies to. Every key left unset
	 * keeps the top-level value; 'disabled' sends no such header with this policy.
	 */
	public static class Policy {

		/**
		 * Path patterns (Spring's PathPattern syntax, e.g. /embed/** or /docs) the policy
		 * applies to. Without paths, only annotations, route attributes and
		 * PerRequestHeaderPolicy beans choose the policy.
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * Which of two policies whose paths can match the same path applies there: the
		 * lower order wins. Required (and different) for such policies; startup fails
		 * otherwise.
		 */
		private Integer order;

		/**
		 * X-Content-Type-Options with this policy: 'nosniff' or 'disabled'. Unset: the
		 * top-level value.
		 */
		private String contentTypeOptions;

		/**
		 * X-Frame-Options with this policy: 'DENY', 'SAMEORIGIN' or 'disabled' (e.g. for
		 * a page other sites may embed; allow them with the frame-ancestors directive of
		 * content-security-policy.policy). Unset: the top-level value.
		 */
		private String frameOptions;

		/**
		 * Referrer-Policy with this policy (a token, a comma-separated fallback list, or
		 * 'disabled'). Unset: the top-level value.
		 */
		private String referrerPolicy;

		/**
		 * Permissions-Policy with this policy (feature=(allowlist) entries separated by
		 * commas, or 'disabled'). Unset: the top-level value.
		 */
		private String permissionsPolicy;

		/**
		 * Content-Security-Policy and Content-Security-Policy-Report-Only with this
		 * policy.
		 */
		private final PolicyContentSecurityPolicy contentSecurityPolicy = new PolicyContentSecurityPolicy();

		/**
		 * Cross-Origin-Opener-Policy with this policy: same-origin,
		 * same-origin-allow-popups, noopener-allow-popups, unsafe-none or 'disabled'.
		 * Unset: the top-level value.
		 */
		private String crossOriginOpenerPolicy;

		/**
		 * Cross-Origin-Resource-Policy with this policy: same-origin, same-site,
		 * cross-origin or 'disabled'. Unset: the top-level value.
		 */
		private String crossOriginResourcePolicy;

		/**
		 * Cross-Origin-Embedder-Policy with this policy: require-corp, credentialless,
		 * unsafe-none or 'disabled'. Unset: the top-level value.
		 */
		private String crossOriginEmbedderPolicy;

		/**
		 * X-Permitted-Cross-Domain-Policies with this policy: none, master-only,
		 * by-content-type, by-ftp-filename, all, none-this-response or 'disabled'. Unset:
		 * the top-level value.
		 */
		private String permittedCrossDomainPolicies;

		/**
		 * Origin-Agent-Cluster with this policy: '?1', '?0' or 'disabled'. Unset: the
		 * top-level value.
		 */
		private String originAgentCluster;

		/**
		 * X-DNS-Prefetch-Control with this policy: 'off', 'on' or 'disabled'. Unset: the
		 * top-level value.
		 */
		private String dnsPrefetchControl;

		/**
		 * X-XSS-Protection with this policy: '0' or 'disabled'. Unset: the top-level
		 * value.
		 */
		private String xssProtection;

		/**
		 * The default Cache-Control with this policy (written only where the application
		 * set none).
		 */
		private final PolicyCacheControl cacheControl = new PolicyCacheControl();

		/**
		 * Strict-Transport-Security with this policy: on or off only (the value is the
		 * rollout's).
		 */
		private final PolicyHsts hsts = new PolicyHsts();

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public Integer getOrder() {
			return this.order;
		}

		public void setOrder(Integer order) {
			this.order = order;
		}

		public String getContentTypeOptions() {
			return this.contentTypeOptions;
		}

		public void setContentTypeOptions(String contentTypeOptions) {
			this.contentTypeOptions = contentTypeOptions;
		}

		public String getFrameOptions() {
			return this.frameOptions;
		}

		public void setFrameOptions(String frameOptions) {
			this.frameOptions = frameOptions;
		}

		public String getReferrerPolicy() {
			return this.referrerPolicy;
		}

		public void setReferrerPolicy(String referrerPolicy) {
			this.referrerPolicy = referrerPolicy;
		}

		public String getPermissionsPolicy() {
			return this.permissionsPolicy;
		}

		public void setPermissionsPolicy(String permissionsPolicy) {
			this.permissionsPolicy = permissionsPolicy;
		}

		public PolicyContentSecurityPolicy getContentSecurityPolicy() {
			return this.contentSecurityPolicy;
		}

		public String getCrossOriginOpenerPolicy() {
			return this.crossOriginOpenerPolicy;
		}

		public void setCrossOriginOpenerPolicy(String crossOriginOpenerPolicy) {
			this.crossOriginOpenerPolicy = crossOriginOpenerPolicy;
		}

		public String getCrossOriginResourcePolicy() {
			return this.crossOriginResourcePolicy;
		}

		public void setCrossOriginResourcePolicy(String crossOriginResourcePolicy) {
			this.crossOriginResourcePolicy = crossOriginResourcePolicy;
		}

		public String getCrossOriginEmbedderPolicy() {
			return this.crossOriginEmbedderPolicy;
		}

		public void setCrossOriginEmbedderPolicy(String crossOriginEmbedderPolicy) {
			this.crossOriginEmbedderPolicy = crossOriginEmbedderPolicy;
		}

		public String getPermittedCrossDomainPolicies() {
			return this.permittedCrossDomainPolicies;
		}

		public void setPermittedCrossDomainPolicies(String permittedCrossDomainPolicies) {
			this.permittedCrossDomainPolicies = permittedCrossDomainPolicies;
		}

		public String getOriginAgentCluster() {
			return this.originAgentCluster;
		}

		public void setOriginAgentCluster(String originAgentCluster) {
			this.originAgentCluster = originAgentCluster;
		}

		public String getDnsPrefetchControl() {
			return this.dnsPrefetchControl;
		}

		public void setDnsPrefetchControl(String dnsPrefetchControl) {
			this.dnsPrefetchControl = dnsPrefetchControl;
		}

		public String getXssProtection() {
			return this.xssProtection;
		}

		public void setXssProtection(String xssProtection) {
			this.xssProtection = xssProtection;
		}

		public PolicyCacheControl getCacheControl() {
			return this.cacheControl;
		}

		public PolicyHsts getHsts() {
			return this.hsts;
		}

	}

	/**
	 * The Content-Security-Policy pair of a named policy.
	 */
	public static class PolicyContentSecurityPolicy {

		/**
		 * The enforced policy with this named policy (may use 'nonce-{nonce}'), or
		 * 'disabled'. Unset: the top-level one.
		 */
		private String policy;

		/**
		 * The reported-only policy with this named policy (may use 'nonce-{nonce}'), or
		 * 'disabled'. Unset: the top-level one.
		 */
		private String reportOnlyPolicy;

		public String getPolicy() {
			return this.policy;
		}

		public void setPolicy(String policy) {
			this.policy = policy;
		}

		public String getReportOnlyPolicy() {
			return this.reportOnlyPolicy;
		}

		public void setReportOnlyPolicy(String reportOnlyPolicy) {
			this.reportOnlyPolicy = reportOnlyPolicy;
		}

	}

	/**
	 * The default Cache-Control of a named policy.
	 */
	public static class PolicyCacheControl {

		/**
		 * Whether to write the default Cache-Control with this policy. Unset: as at the
		 * top level.
		 */
		private Boolean enabled;

		/**
		 * The value written with this policy, e.g. 'public, max-age=300' for pages caches
		 * may keep. Unset: the top-level value (and its excluded paths).
		 */
		private String value;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
		}

	}

	/**
	 * Strict-Transport-Security of a named policy: on or off only.
	 */
	public static class PolicyHsts {

		/**
		 * Whether secure responses with this policy carry Strict-Transport-Security (the
		 * rollout's value). Unset: as at the top level. Cannot switch HSTS on where
		 * security.headers.hsts.enabled is false.
		 */
		private Boolean enabled;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Clear-Site-Data on logout. Where Spring Security's web configuration is on the
	 * class path, it is sent on the logout of every Spring Security filter chain (its
	 * logout URL, as that chain configures it); otherwise on the responses to the
	 * configured paths. Either way only on secure responses, and only on a success or a
	 * redirect (2xx, 3xx). Read at startup only.
	 */
	public static class ClearSiteData {

		/**
		 * Whether to send Clear-Site-Data on logout.
		 */
		private boolean enabled = false;

		/**
		 * What the browser clears: cache, cookies, storage, executionContexts,
		 * clientHints, prefetchCache, prerenderCache, or '*' (everything). Sent quoted,
		 * as the specification wants.
		 */
		private List<String> directives = new ArrayList<>(List.of("cache", "cookies", "storage"));

		/**
		 * Without Spring Security: the logout paths (Spring's PathPattern syntax, e.g.
		 * /logout or /auth/logout), whose 2xx and 3xx secure responses get the header.
		 * Ignored (with a warning) where Spring Security's logout sends it.
		 */
		private List<String> paths = new ArrayList<>(List.of("/logout"));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getDirectives() {
			return this.directives;
		}

		public void setDirectives(List<String> directives) {
			this.directives = directives;
		}

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

	}

	/**
	 * Content-Security-Policy: which sources the pages may load scripts, styles, images
	 * and frames from. Off by default (a JSON API rarely needs it); set a policy to send
	 * it.
	 */
	public static class ContentSecurityPolicy {

		/**
		 * The enforced policy, e.g. "default-src 'self'; script-src 'self'
		 * 'nonce-{nonce}'". Writing 'nonce-{nonce}' gives every request a fresh random
		 * nonce, substituted here and available to templates as the request attribute
		 * 'cspNonce'. Not sent when unset or 'disabled'.
		 */
		private String policy;

		/**
		 * A policy that browsers only report violations of
		 * (Content-Security-Policy-Report-Only), to try a stricter policy while the
		 * current one is enforced; both are sent when both are set. May use
		 * 'nonce-{nonce}'.
		 */
		private String reportOnlyPolicy;

		/**
		 * Policies for specific paths, e.g. a looser one for an API docs UI under
		 * /docs/**. The first entry whose paths match replaces both policies on those
		 * paths.
		 */
		private List<PathPolicy> pathPolicies = new ArrayList<>();

		/**
		 * Collecting the violation reports browsers send: with it on, every policy the
		 * starter writes names the starter's collector (report-uri and report-to), and
		 * the reports are counted, logged and shown in the actuator endpoint.
		 */
		private final Reporting reporting = new Reporting();

		public Reporting getReporting() {
			return this.reporting;
		}

		public String getPolicy() {
			return this.policy;
		}

		public void setPolicy(String policy) {
			this.policy = policy;
		}

		public String getReportOnlyPolicy() {
			return this.reportOnlyPolicy;
		}

		public void setReportOnlyPolicy(String reportOnlyPolicy) {
			this.reportOnlyPolicy = reportOnlyPolicy;
		}

		public List<PathPolicy> getPathPolicies() {
			return this.pathPolicies;
		}

		public void setPathPolicies(List<PathPolicy> pathPolicies) {
			this.pathPolicies = pathPolicies;
		}

	}

	/**
	 * The CSP violation report collector.
	 */
	public static class Reporting {

		/**
		 * Whether to collect CSP violation reports: adds report-uri and report-to to
		 * every Content-Security-Policy (enforced and report-only, top-level, named and
		 * path policies) the starter writes, sends the matching Reporting-Endpoints
		 * header, and answers the reports at 'path' before Spring Security and the
		 * application (no authentication, no CSRF token). A policy that already names its
		 * own report-uri or report-to is left as it is.
		 */
		private boolean enabled;

		/**
		 * Where browsers send reports, within the application (the context path is
		 * added). Each policy's reports arrive at path?policy=<id>.
		 */
		private String path = "/csp-reports";

		/**
		 * The largest report body accepted; larger ones get 413 without being read
		 * further. At most 1MB.
		 */
		private DataSize maxBodySize = DataSize.ofKilobytes(64);

		/**
		 * The share of report requests processed, from 0 to 1 (1: all). The others are
		 * answered 204 and counted as rejected with reason sampled-out.
		 */
		private double sampleRate = 1.0;

		/**
		 * Rate limits; requests over them get 429 with Retry-After.
		 */
		private final RateLimit rateLimit = new RateLimit();

		/**
		 * How long a repeated violation (same policy, disposition, directive, blocked URI
		 * and document URI) is counted but neither logged nor passed to listeners again.
		 * 0 turns de-duplication off.
		 */
		private Duration dedupWindow = Duration.ofMinutes(1);

		/**
		 * The level distinct violations are logged at: off, debug, info or warn.
		 */
		private CspReportCollector.LogLevel logLevel = CspReportCollector.LogLevel.INFO;

		/**
		 * Whether the collector answers requests whatever their Host header, skipping the
		 * trusted-host check (for reports that reach the application under a host name it
		 * does not otherwise serve).
		 */
		private boolean trustedHostExempt;

		/**
		 * How long a report-only policy must go without violations (over at least
		 * 'min-responses' responses) for the finding csp.report-only.ready.
		 */
		private Duration quietPeriod = Duration.ofDays(7);

		/**
		 * How many responses must have carried a report-only policy during the quiet
		 * period for the finding csp.report-only.ready.
		 */
		private long minResponses = 1000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public double getSampleRate() {
			return this.sampleRate;
		}

		public void setSampleRate(double sampleRate) {
			this.sampleRate = sampleRate;
		}

		public RateLimit getRateLimit() {
			return this.rateLimit;
		}

		public Duration getDedupWindow() {
			return this.dedupWindow;
		}

		public void setDedupWindow(Duration dedupWindow) {
			this.dedupWindow = dedupWindow;
		}

		public CspReportCollector.LogLevel getLogLevel() {
			return this.logLevel;
		}

		public void setLogLevel(CspReportCollector.LogLevel logLevel) {
			this.logLevel = logLevel;
		}

		public boolean isTrustedHostExempt() {
			return this.trustedHostExempt;
		}

		public void setTrustedHostExempt(boolean trustedHostExempt) {
			this.trustedHostExempt = trustedHostExempt;
		}

		public Duration getQuietPeriod() {
			return this.quietPeriod;
		}

		public void setQuietPeriod(Duration quietPeriod) {
			this.quietPeriod = quietPeriod;
		}

		public long getMinResponses() {
			return this.minResponses;
		}

		public void setMinResponses(long minResponses) {
			this.minResponses = minResponses;
		}

	}

	/**
	 * Rate limits of the CSP report collector, in requests per minute.
	 */
	public static class RateLimit {

		/**
		 * Report requests per minute from one client address.
		 */
		private int perClient = 60;

		/**
		 * Report requests per minute from all clients together.
		 */
		private int overall = 6000;

		public int getPerClient() {
			return this.perClient;
		}

		public void setPerClient(int perClient) {
			this.perClient = perClient;
		}

		public int getOverall() {
			return this.overall;
		}

		public void setOverall(int overall) {
			this.overall = overall;
		}

	}

	/**
	 * A Content-Security-Policy pair for some paths.
	 */
	public static class PathPolicy {

		/**
		 * Path patterns (Spring's PathPattern syntax, e.g. /docs/** or /docs), matched
		 * against the path within the application.
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * The enforced policy on these paths; not sent there when unset.
		 */
		private String policy;

		/**
		 * The reported-only policy on these paths; not sent there when unset.
		 */
		private String reportOnlyPolicy;

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public String getPolicy() {
			return this.policy;
		}

		public void setPolicy(String policy) {
			this.policy = policy;
		}

		public String getReportOnlyPolicy() {
			return this.reportOnlyPolicy;
		}

		public void setReportOnlyPolicy(String reportOnlyPolicy) {
			this.reportOnlyPolicy = reportOnlyPolicy;
		}

	}

	/**
	 * The default Cache-Control, written when the response is complete on responses where
	 * the application chose none (a controller, a ResponseEntity or static-resource
	 * caching that set one keeps it); never on 304.
	 */
	public static class CacheControl {

		/**
		 * Whether to write the default Cache-Control.
		 */
		private boolean enabled = true;

		/**
		 * The value written, as comma-separated directives.
		 */
		private String value = "no-store";

		/**
		 * Path patterns (Spring's PathPattern syntax, e.g. /assets/**) that never get the
		 * default.
		 */
		private List<String> excludedPaths = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
		}

		public List<String> getExcludedPaths() {
			return this.excludedPaths;
		}

		public void setExcludedPaths(List<String> excludedPaths) {
			this.excludedPaths = excludedPaths;
		}

	}

	/**
	 * HTTP Strict-Transport-Security (RFC 6797), rolled out in stages.
	 */
	public static class Hsts {

		/**
		 * Whether to send Strict-Transport-Security on secure responses.
		 */
		private boolean enabled = true;

		/**
		 * Whether the final stage sends includeSubDomains. Inventory your subdomains
		 * first: every one of them must serve HTTPS for as long as browsers remember the
		 * policy. A stage may turn it on earlier.
		 */
		private boolean includeSubdomains = false;

		/**
		 * Whether the final stage sends preload, asking to be built into browsers
		 * (hstspreload.org). A one-way commitment that is slow to undo; needs
		 * include-subdomains and a final max-age of at least 365d.
		 */
		private boolean preload = false;

		/**
		 * The kill switch: send max-age=0 (without includeSubDomains or preload) on every
		 * secure response, whatever the rollout says, so browsers forget the policy. Keep
		 * it on for at least the longest max-age you have sent.
		 */
		private boolean revoke = false;

		/**
		 * Hosts that never get the header: exact names, wildcards (*.example.com), IP
		 * addresses or CIDR ranges. IP literals never get it anyway (browsers ignore HSTS
		 * there), and sending it for localhost breaks the other applications a developer
		 * runs there.
		 */
		private List<String> excludedHosts = new ArrayList<>(List.of("localhost", "*.localhost", "127.0.0.0/8", "::1"));

		/**
		 * The staged rollout.
		 */
		private final Rollout rollout = new Rollout();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isIncludeSubdomains() {
			return this.includeSubdomains;
		}

		public void setIncludeSubdomains(boolean includeSubdomains) {
			this.includeSubdomains = includeSubdomains;
		}

		public boolean isPreload() {
			return this.preload;
		}

		public void setPreload(boolean preload) {
			this.preload = preload;
		}

		public boolean isRevoke() {
			return this.revoke;
		}

		public void setRevoke(boolean revoke) {
			this.revoke = revoke;
		}

		public List<String> getExcludedHosts() {
			return this.excludedHosts;
		}

		public void setExcludedHosts(List<String> excludedHosts) {
			this.excludedHosts = excludedHosts;
		}

		public Rollout getRollout() {
			return this.rollout;
		}

	}

	/**
	 * The staged rollout of HSTS: which max-age is sent, and when the next one takes
	 * over.
	 */
	public static class Rollout {

		/**
		 * The stages, in order. Each has a max-age and a hold (how long it lasts before
		 * the next stage, in a scheduled rollout); the last stage has no hold. Max-ages
		 * must not decrease. Default: 300s for 1d, then 86400s for 7d, then 31536000s.
		 */
		private List<Stage> stages = new ArrayList<>(defaultStages());

		/**
		 * The stage to stay at, counted from 1. When neither this nor started-at is set,
		 * stage 1 is used, so adding the dependency never sends a year-long policy on day
		 * one. Cannot be combined with started-at.
		 */
		private Integer stage;

		/**
		 * When the rollout started, as an ISO-8601 instant (2026-12-01T09:00:00Z). When
		 * set, the stage follows the clock: stage 1 from this instant, each next stage
		 * once the previous one's hold has passed. Every replica with the same value
		 * computes the same stage. Before it, no header is sent.
		 */
		private String startedAt;

		public List<Stage> getStages() {
			return this.stages;
		}

		public void setStages(List<Stage> stages) {
			this.stages = stages;
		}

		public Integer getStage() {
			return this.stage;
		}

		public void setStage(Integer stage) {
			this.stage = stage;
		}

		public String getStartedAt() {
			return this.startedAt;
		}

		public void setStartedAt(String startedAt) {
			this.startedAt = startedAt;
		}

		/**
		 * The stages as the core takes them.
		 * @return the configured stages, an empty stage as {@code null}
		 */
		List<RolloutStage> toRolloutStages() {
			if (this.stages == null) {
				return List.of();
			}
			List<RolloutStage> stages = new ArrayList<>(this.stages.size());
			for (Stage stage : this.stages) {
				stages.add((stage != null) ? stage.toRolloutStage() : null);
			}
			return stages;
		}

		private static List<Stage> defaultStages() {
			List<Stage> stages = new ArrayList<>();
			for (RolloutStage stage : HstsPolicy.defaultStages()) {
				stages.add(new Stage(stage.maxAge(), stage.hold()));
			}
			return stages;
		}

	}

	/**
	 * One stage of the rollout.
	 */
	public static class Stage {

		/**
		 * The max-age sent during this stage, in whole seconds (300s, 1d, 365d; a bare
		 * number means seconds).
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration maxAge;

		/**
		 * How long this stage lasts before the next one, in a scheduled rollout (1d, 7d).
		 * Leave it out on the last stage.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration hold;

		/**
		 * Whether to send includeSubDomains from this stage on, before the final stage.
		 * Once on, it stays on. Unset means: as the previous stage (and, on the last
		 * stage, as security.headers.hsts.include-subdomains).
		 */
		private Boolean includeSubdomains;

		public Stage() {
		}

		Stage(Duration maxAge, Duration hold) {
			this.maxAge = maxAge;
			this.hold = hold;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public Duration getHold() {
			return this.hold;
		}

		public void setHold(Duration hold) {
			this.hold = hold;
		}

		public Boolean getIncludeSubdomains() {
			return this.includeSubdomains;
		}

		public void setIncludeSubdomains(Boolean includeSubdomains) {
			this.includeSubdomains = includeSubdomains;
		}

		RolloutStage toRolloutStage() {
			return new RolloutStage(this.maxAge, this.hold, this.includeSubdomains);
		}

	}

	/**
	 * Flags added to Set-Cookie headers that lack them. Never changes a flag the
	 * application set.
	 */
	public static class Cookies {

		/**
		 * Whether to add the flags to the cookies the application (and the server, such
		 * as the session cookie) sets. Off by default.
		 */
		private boolean enabled = false;

		/**
		 * Whether to add 'Secure' to cookies without it, on requests that are secure as
		 * the application sees it (HTTPS, or a trusted proxy's X-Forwarded-Proto: https);
		 * never on plain requests.
		 */
		private boolean secure = true;

		/**
		 * Whether to add 'HttpOnly' to cookies without it, so that scripts cannot read
		 * them.
		 */
		private boolean httpOnly = true;

		/**
		 * The SameSite attribute added to cookies without one: 'Strict', 'Lax', 'None'
		 * (only with secure=true, and never on plain requests: browsers reject
		 * SameSite=None without Secure), or 'disabled' to add none.
		 */
		private String sameSite = "Lax";

		/**
		 * Cookies that get other flags, by exact name. Setting the list replaces the
		 * default, which keeps Spring Security's XSRF-TOKEN cookie readable by scripts
		 * (name XSRF-TOKEN, http-only false) as Angular and other SPA frameworks need.
		 */
		private List<CookieException> exceptions = new ArrayList<>(List.of(CookieException.xsrfToken()));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isSecure() {
			return this.secure;
		}

		public void setSecure(boolean secure) {
			this.secure = secure;
		}

		public boolean isHttpOnly() {
			return this.httpOnly;
		}

		public void setHttpOnly(boolean httpOnly) {
			this.httpOnly = httpOnly;
		}

		public String getSameSite() {
			return this.sameSite;
		}

		public void setSameSite(String sameSite) {
			this.sameSite = sameSite;
		}

		public List<CookieException> getExceptions() {
			return this.exceptions;
		}

		public void setExceptions(List<CookieException> exceptions) {
			this.exceptions = exceptions;
		}

	}

	/**
	 * The flags of one cookie, by name; each unset flag is the default's.
	 */
	public static class CookieException {

		/**
		 * The exact (case-sensitive) name of the cookie, e.g. XSRF-TOKEN.
		 */
		private String name;

		/**
		 * Whether to add 'Secure' to this cookie on secure requests. Unset: the default.
		 */
		private Boolean secure;

		/**
		 * Whether to add 'HttpOnly' to this cookie. Unset: the default.
		 */
		private Boolean httpOnly;

		/**
		 * The SameSite attribute added to this cookie: 'Strict', 'Lax', 'None' or
		 * 'disabled'. Unset: the default.
		 */
		private String sameSite;

		static CookieException xsrfToken() {
			CookieException xsrf = new CookieException();
			xsrf.setName("XSRF-TOKEN");
			xsrf.setHttpOnly(false);
			return xsrf;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public Boolean getSecure() {
			return this.secure;
		}

		public void setSecure(Boolean secure) {
			this.secure = secure;
		}

		public Boolean getHttpOnly() {
			return this.httpOnly;
		}

		public void setHttpOnly(Boolean httpOnly) {
			this.httpOnly = httpOnly;
		}

		public String getSameSite() {
			return this.sameSite;
		}

		public void setSameSite(String sameSite) {
			this.sameSite = sameSite;
		}

	}

}
