package dev.hsts.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.hsts.core.ContentSecurityPolicy;
import dev.hsts.core.CspReportCollector;
import dev.hsts.core.CspReportStatistics;
import dev.hsts.core.CookieFlags;
import dev.hsts.core.HeaderDescription;
import dev.hsts.core.HeaderPolicies;
import dev.hsts.core.HeaderPolicy;
import dev.hsts.core.ClearSiteData;
import dev.hsts.core.HeadersPreview;
import dev.hsts.core.HostPreview;
import dev.hsts.core.Finding;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.HstsStage;
import dev.hsts.core.LivePolicy;
import dev.hsts.core.PolicyHeader;
import dev.hsts.core.PolicyUsage;
import dev.hsts.core.TrustedHostRejectionCounts;
import dev.hsts.core.TrustedHosts;
import dev.hsts.core.UntrustedText;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@code /actuator/securityheaders}: the policy that is live right now (the exact HSTS
 * value, the stage, what comes next and when, every managed header, the Cache-Control
 * default, the trusted hosts with refusal counts) and the findings;
 * {@code /actuator/securityheaders/{host}} previews the headers a secure request for a
 * host gets now. Read-only. Values that may hold secrets (CSP report URIs) are masked
 * unless shown, as Boot does for other endpoints
 * ({@code management.endpoint.securityheaders.show-values}).
 */
@Endpoint(id = "securityheaders")
public class SecurityHeadersEndpoint {

	private static final String CACHE_CONTROL = "Cache-Control";

	/** What a preview shows for a request's CSP nonce, which each request makes anew. */
	private static final String PREVIEW_NONCE = "{nonce}";

	private final boolean enabled;

	/**
	 * The policy in force; where the starter is switched off, made when first asked for
	 * (see {@link #starterSwitchedOff}).
	 */
	private final SingletonSupplier<LivePolicy> livePolicy;

	private final Clock clock;

	private final HeadersPreview preview;

	private final TrustedHosts trustedHosts;

	private final TrustedHostRejectionCounts rejectionCounts;

	private final Supplier<List<Finding>> findings;

	private final Show showValues;

	private final Set<String> roles;

	/** The named policies and where they apply, or {@code null}. */
	private PolicyUsage policyUsage;

	/** The cookie flags, or {@code null} when they are off. */
	private CookieFlags cookieFlags;

	/** The CSP report collector, or {@code null} when reporting is off. */
	private CspReportCollector cspReportCollector;

	/**
	 * @param enabled whether the starter is on
	 * @param livePolicy the policy in force and its version
	 * @param clock the rollout clock
	 * @param preview the web stack's writers and checks, run on requests that are never
	 * sent
	 * @param trustedHosts the trusted-host policy, or {@code null}
	 * @param rejectionCounts the refusal counts, or {@code null}
	 * @param findings the findings now, naming full properties, most serious first
	 * @param showValues when to show values that may be secret
	 * @param roles the roles that may see them with {@link Show#WHEN_AUTHORIZED}
	 */
	public SecurityHeadersEndpoint(boolean enabled, LivePolicy livePolicy, Clock clock, HeadersPreview preview,
			TrustedHosts trustedHosts, TrustedHostRejectionCounts rejectionCounts, Supplier<List<Finding>> findings,
			Show showValues, Set<String> roles) {
		this(enabled, SingletonSupplier.of(Objects.requireNonNull(livePolicy, "livePolicy")), clock, preview,
				trustedHosts, rejectionCounts, findings, showValues, roles);
	}

	private SecurityHeadersEndpoint(boolean enabled, SingletonSupplier<LivePolicy> livePolicy, Clock clock,
			HeadersPreview preview, TrustedHosts trustedHosts, TrustedHostRejectionCounts rejectionCounts,
			Supplier<List<Finding>> findings, Show showValues, Set<String> roles) {
		this.enabled = enabled;
		this.livePolicy = livePolicy;
		this.clock = clock;
		this.preview = preview;
		this.trustedHosts = trustedHosts;
		this.rejectionCounts = rejectionCounts;
		this.findings = findings;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * The endpoint of an application that switched the whole starter off
	 * ({@code security.headers.enabled=false}): {@code enabled: false}, HSTS mode
	 * {@code disabled}, no managed headers, no trusted-host check, and the
	 * {@code starter.off} finding; the host preview shows that a request gets no header
	 * from the starter.
	 * @param findings the findings, with {@code starter.off}
	 * @param showValues when to show values that may be secret
	 * @param roles the roles that may see them with {@link Show#WHEN_AUTHORIZED}
	 * @return the endpoint
	 */
	public static SecurityHeadersEndpoint starterSwitchedOff(Supplier<List<Finding>> findings, Show showValues,
			Set<String> roles) {
		Clock clock = Clock.systemUTC();
		// The switched-off policy is made when first asked for: building it loads and
		// runs the policy's validation, which a switched-off starter should not cost at
		// every start (issue 21).
		return new SecurityHeadersEndpoint(false, SingletonSupplier.of(new SwitchedOffPolicy(clock.instant())), clock,
				switchedOffPreview(), null, null, findings, showValues, roles);
	}

	/**
	 * The policy of a switched-off starter (HSTS disabled, in force since the start),
	 * made when first asked for. A class rather than a lambda, which would be a class of
	 * its own spun at every switched-off start (issue 21).
	 */
	private static final class SwitchedOffPolicy implements Supplier<LivePolicy> {

		private final Instant since;

		SwitchedOffPolicy(Instant since) {
			this.since = since;
		}

		@Override
		public LivePolicy get() {
			return new LivePolicy(HstsPolicy.builder().enabled(false).build(), this.since);
		}

	}

	/**
	 * A starter that is switched off writes nothing and refuses nothing. Made here, not
	 * in a constant, so that its class loads only where the starter is off (issue 21).
	 */
	private static HeadersPreview switchedOffPreview() {
		return new HeadersPreview() {

			@Override
			public List<HeaderDescription> describe() {
				return List.of();
			}

			@Override
			public HostPreview preview(String host, String path) {
				return new HostPreview(200, null, null, Map.of());
			}

		};
	}

	/** The live policy and the findings. */
	@ReadOperation
	public Map<String, Object> securityHeaders(SecurityContext securityContext) {
		boolean show = this.showValues.isShown(securityContext, this.roles);
		Instant now = this.clock.instant();
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("enabled", this.enabled);
		LivePolicy.Version version = this.livePolicy.obtain().current();
		report.put("policy", policy(version, show));
		report.put("hsts", hsts(version.hsts(), now));
		List<HeaderDescription> descriptions = descriptions();
		report.put("headers", headers(descriptions, show));
		report.put("cacheControl", cacheControl(descriptions));
		report.put("namedPolicies", namedPolicies(show));
		report.put("trustedHosts", trustedHosts());
		report.put("cookies", cookies());
		report.put("cspReports", cspReports());
		List<Map<String, Object>> findingList = new ArrayList<>();
		for (Finding finding : this.findings.get()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("severity", finding.severity().id());
			entry.put("code", finding.code());
			entry.put("message", finding.message());
			entry.put("property", finding.property());
			findingList.add(entry);
		}
		report.put("findings", findingList);
		return report;
	}

	/**
	 * Where the named policies apply, or {@code null} (none made: a stack without them).
	 * @param policyUsage the named policies in force and the handlers found at startup
	 */
	public void setPolicyUsage(PolicyUsage policyUsage) {
		this.policyUsage = policyUsage;
	}

	/**
	 * @param cookieFlags the cookie flags the starter adds, or {@code null} when they are
	 * off ({@code security.headers.cookies.enabled=false})
	 */
	public void setCookieFlags(CookieFlags cookieFlags) {
		this.cookieFlags = cookieFlags;
	}

	/**
	 * @param collector the CSP report collector, or {@code null} when reporting is off
	 * ({@code security.headers.content-security-policy.reporting.enabled=false})
	 */
	public void setCspReportCollector(CspReportCollector collector) {
		this.cspReportCollector = collector;
	}

	/**
	 * The CSP violation reports per policy id (every id reports may name, those without
	 * reports too): the accepted reports (duplicates included) in the last hour and day,
	 * the most violated directives and the most blocked origins (origins only, at most
	 * {@value CspReportStatistics#TOP} each), in all and for the enforced and the
	 * report-only policy apart. Empty when reporting is off.
	 */
	private Map<String, Object> cspReports() {
		Map<String, Object> reports = new LinkedHashMap<>();
		CspReportCollector collector = this.cspReportCollector;
		if (collector == null) {
			return reports;
		}
		Map<String, CspReportStatistics.PolicyReports> snapshot = collector.getStatistics().snapshot();
		Set<String> ids = new TreeSet<>(collector.getPolicyIds());
		ids.addAll(snapshot.keySet());
		CspReportStatistics.PolicyReports none = new CspReportStatistics.PolicyReports(CspReportStatistics.Counts.NONE,
				CspReportStatistics.Counts.NONE);
		for (String id : ids) {
			CspReportStatistics.PolicyReports policy = snapshot.getOrDefault(id, none);
			Map<String, Object> entry = counts(policy.total());
			entry.put("enforced", counts(policy.enforce()));
			entry.put("reportOnly", counts(policy.report()));
			reports.put(id, entry);
		}
		return reports;
	}

	private static Map<String, Object> counts(CspReportStatistics.Counts counts) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("lastHour", counts.lastHour());
		entry.put("lastDay", counts.lastDay());
		entry.put("topDirectives", counts.topDirectives());
		entry.put("topBlockedOrigins", counts.topBlockedOrigins());
		return entry;
	}

	/**
	 * The cookie flags: whether they are on, the defaults, the exceptions by cookie name
	 * (each with every flag, the inherited ones included), and that they apply at startup
	 * only ({@code refresh: restart}).
	 */
	private Map<String, Object> cookies() {
		Map<String, Object> cookies = new LinkedHashMap<>();
		CookieFlags flags = this.cookieFlags;
		cookies.put("enabled", flags != null);
		if (flags == null) {
			return cookies;
		}
		cookies.putAll(rule(flags.defaults()));
		List<Map<String, Object>> exceptions = new ArrayList<>();
		for (Map.Entry<String, CookieFlags.Rule> exception : flags.exceptions().entrySet()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", exception.getKey());
			entry.putAll(rule(exception.getValue()));
			exceptions.add(entry);
		}
		cookies.put("exceptions", exceptions);
		cookies.put("refresh", "restart");
		return cookies;
	}

	private static Map<String, Object> rule(CookieFlags.Rule rule) {
		Map<String, Object> flags = new LinkedHashMap<>();
		flags.put("secure", rule.secure());
		flags.put("httpOnly", rule.httpOnly());
		flags.put("sameSite", (rule.sameSite() != null) ? rule.sameSite() : CookieFlags.DISABLED);
		return flags;
	}

	/**
	 * The exact headers a secure {@code GET} of a path ({@code ?path=/embed/x}; {@code /}
	 * when not given) for {@code host} gets now; for a host the application does not
	 * serve, the 400 it gets instead: from the trusted-host check
	 * ({@code refusedBy: trusted-hosts}), or from the server itself, before any filter,
	 * for a host it cannot parse ({@code refusedBy: server}; with the headers the starter
	 * adds to the server's own responses, never HSTS). A path that is not one (no leading
	 * slash, a query, a character a request path cannot carry) is a 400.
	 */
	@ReadOperation
	@SuppressWarnings("deprecation") // Spring's @Nullable: what Boot 3.5 and 4 both read
	public Map<String, Object> host(SecurityContext securityContext, @Selector String host,
			@org.springframework.lang.Nullable String path) {
		String previewed = (path != null) ? path : "/";
		if (!HeadersPreview.isPreviewablePath(previewed)) {
			throw new InvalidEndpointRequestException("Invalid path '" + UntrustedText.escape(previewed)
					+ "': give the path within the application, starting with '/', percent-encoded, without a query",
					"Invalid path");
		}
		boolean show = this.showValues.isShown(securityContext, this.roles);
		HostPreview result = this.preview.preview(host, previewed);
		String policyName = null;
		String handler = null;
		if (this.policyUsage != null && result.refusedBy() == null) {
			HeaderPolicies policies = this.policyUsage.policies();
			PolicyUsage.Preview chosen = this.policyUsage.preview(previewed);
			policyName = chosen.policy().name();
			handler = chosen.handler();
			if (chosen.policy() != policies.defaults()) {
				result = withPolicy(result, policies.defaults(), chosen.policy(), previewed);
			}
		}
		Map<String, Object> preview = new LinkedHashMap<>();
		preview.put("host", host);
		preview.put("path", previewed);
		preview.put("policy", policyName);
		preview.put("handler", handler);
		preview.put("status", result.status());
		preview.put("rejected", (result.rejected() != null) ? result.rejected().id() : null);
		preview.put("refusedBy", result.refusedBy());
		Map<String, Object> headers = new LinkedHashMap<>(result.headers());
		headers.replaceAll((name,
				value) -> (value instanceof String text
						&& name.toLowerCase(Locale.ROOT).startsWith("content-security-policy")) ? mask(text, show)
								: value);
		preview.put("headers", headers);
		return preview;
	}

	/**
	 * The preview with a path policy's headers in place of the defaults' (only where the
	 * preview has the defaults' value: a header an application's own writer bean writes
	 * stays), as the starter's filter writes them for a real request on that path.
	 */
	private static HostPreview withPolicy(HostPreview preview, HeaderPolicy defaults, HeaderPolicy chosen,
			String path) {
		Map<String, Object> headers = new LinkedHashMap<>(preview.headers());
		for (PolicyHeader header : PolicyHeader.values()) {
			String name = header.headerName();
			String key = null;
			for (String present : headers.keySet()) {
				if (present.equalsIgnoreCase(name)) {
					key = present;
				}
			}
			if (header == PolicyHeader.STRICT_TRANSPORT_SECURITY) {
				if (key != null && !chosen.hsts()) {
					headers.remove(key);
				}
				continue;
			}
			String written = (key != null) ? String.valueOf(headers.get(key)) : null;
			String byDefault = (header == PolicyHeader.CACHE_CONTROL) ? defaults.cacheControl(path)
					: defaults.render(header, null);
			boolean starters = (written == null) ? byDefault == null : written.equals(byDefault)
					|| (header.isContentSecurityPolicy() && byDefault != null && defaults.usesNonce());
			if (!starters) {
				continue;
			}
			String value = (header == PolicyHeader.CACHE_CONTROL) ? chosen.cacheControl(path)
					: chosen.render(header, PREVIEW_NONCE);
			if (key != null) {
				headers.remove(key);
			}
			if (value != null) {
				headers.put(name, value);
			}
		}
		return new HostPreview(preview.status(), preview.rejected(), preview.refusedBy(), headers);
	}

	/**
	 * The version in force (counted from 1, the policy the application started with),
	 * when it was applied, what changed, and the last change that was refused.
	 */
	private Map<String, Object> policy(LivePolicy.Version version, boolean show) {
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("version", version.number());
		policy.put("appliedAt", version.appliedAt().toString());
		List<Map<String, Object>> changes = new ArrayList<>();
		for (LivePolicy.Change change : version.changes()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("property", change.setting());
			entry.put("from", maskedSetting(change.setting(), change.from(), show));
			entry.put("to", maskedSetting(change.setting(), change.to(), show));
			changes.add(entry);
		}
		policy.put("changes", changes);
		LivePolicy.Rejection rejection = this.livePolicy.obtain().lastRejection();
		Map<String, Object> rejected = null;
		if (rejection != null) {
			rejected = new LinkedHashMap<>();
			rejected.put("at", rejection.at().toString());
			rejected.put("property", rejection.setting());
			rejected.put("value", (rejection.setting() != null)
					? maskedSetting(rejection.setting(), rejection.value(), show) : rejection.value());
			String message = rejection.message();
			if (rejection.setting() != null && rejection.value() != null && !rejection.value().isEmpty()) {
				// The message quotes the refused value: masked the same way.
				String masked = maskedSetting(rejection.setting(), rejection.value(), show);
				message = message.replace(rejection.value(), masked);
			}
			rejected.put("message", message);
			rejected.put("pending", this.livePolicy.obtain().rejectionPending());
		}
		policy.put("lastRejected", rejected);
		return policy;
	}

	private static String maskedSetting(String property, String value, boolean show) {
		return (value != null && property.contains("content-security-policy")) ? mask(value, show) : value;
	}

	private Map<String, Object> hsts(HstsPolicy hstsPolicy, Instant now) {
		Map<String, Object> hsts = new LinkedHashMap<>();
		hsts.put("header", hstsPolicy.headerValueAt(now.toEpochMilli()));
		hsts.put("stage", hstsPolicy.activeStageAt(now).map(HstsStage::number).orElse(null));
		List<Map<String, Object>> stages = new ArrayList<>();
		for (HstsStage stage : hstsPolicy.stages()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("stage", stage.number());
			entry.put("maxAge", stage.maxAgeSeconds());
			entry.put("hold", (stage.hold() != null) ? stage.hold().getSeconds() : null);
			entry.put("includeSubDomains", stage.includeSubDomains());
			entry.put("preload", stage.preload());
			entry.put("header", stage.headerValue());
			entry.put("startsAt", (stage.startsAt() != null) ? stage.startsAt().toString() : null);
			stages.add(entry);
		}
		hsts.put("stages", stages);
		hsts.put("mode", hstsPolicy.mode().id());
		hsts.put("startedAt", (hstsPolicy.startedAt() != null) ? hstsPolicy.startedAt().toString() : null);
		hsts.put("nextStage", hstsPolicy.nextStageAfter(now).map((next) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("stage", next.number());
			entry.put("at", next.startsAt().toString());
			entry.put("header", next.headerValue());
			return entry;
		}).orElse(null));
		hsts.put("excludedHosts", hstsPolicy.excludedHosts());
		hsts.put("includeSubDomains", hstsPolicy.includeSubDomainsIntent());
		hsts.put("preload", hstsPolicy.preloadIntent());
		return hsts;
	}

	/**
	 * What every response gets, as the writers describe it: the headers written on every
	 * path by name, then the ones written only on some paths, grouped by those paths. A
	 * writer that does not describe itself is shown with what it writes on a preview
	 * request. HSTS has its own section, the Cache-Control default too.
	 */
	private static Map<String, Object> headers(List<HeaderDescription> descriptions, boolean show) {
		Map<String, Object> headers = new LinkedHashMap<>();
		Map<List<String>, Map<String, Object>> byPath = new LinkedHashMap<>();
		for (HeaderDescription description : descriptions) {
			String name = description.name();
			if (name.equalsIgnoreCase(HstsPolicy.HEADER_NAME) || name.equalsIgnoreCase(CACHE_CONTROL)) {
				continue;
			}
			if (name.equalsIgnoreCase(ClearSiteData.HEADER_NAME)) {
				Map<String, Object> onLogout = new LinkedHashMap<>();
				onLogout.put("value", description.value());
				if (description.everyPath()) {
					onLogout.put("on", "logout of every Spring Security filter chain");
				}
				else {
					onLogout.put("paths", description.onlyPaths());
				}
				headers.put(ClearSiteData.HEADER_NAME + " (on logout)", onLogout);
				continue;
			}
			if (description.everyPath()) {
				if (description.value() != null) {
					headers.putIfAbsent(name, masked(name, description.value(), show));
				}
			}
			else {
				Map<String, Object> entry = byPath.computeIfAbsent(description.onlyPaths(), (paths) -> {
					Map<String, Object> created = new LinkedHashMap<>();
					created.put("paths", paths);
					return created;
				});
				if (description.value() != null) {
					entry.put(name, masked(name, description.value(), show));
				}
			}
		}
		if (!byPath.isEmpty()) {
			headers.put("Content-Security-Policy (by path)", List.copyOf(byPath.values()));
		}
		return headers;
	}

	/** What the writers write, each in its own words, in the order they run. */
	private List<HeaderDescription> descriptions() {
		return this.preview.describe();
	}

	private static String masked(String name, String value, boolean show) {
		return name.toLowerCase(Locale.ROOT).startsWith("content-security-policy") ? mask(value, show) : value;
	}

	private static String mask(String policy, boolean show) {
		return show ? policy : ContentSecurityPolicy.maskReportTargets(policy);
	}

	/**
	 * Each named policy: where it applies (its paths and order, the handlers found at
	 * startup that ask for it), the headers it sends (the inherited ones included), the
	 * headers the defaults send and it does not, HSTS on or off and its Cache-Control
	 * default; then, as {@value PolicyUsage#INLINE}, the handlers that only set inline
	 * values.
	 */
	private List<Map<String, Object>> namedPolicies(boolean show) {
		List<Map<String, Object>> named = new ArrayList<>();
		PolicyUsage usage = this.policyUsage;
		if (usage == null) {
			return named;
		}
		HeaderPolicies policies = usage.policies();
		Map<String, List<String>> handlers = usage.handlers();
		Map<String, Integer> orders = new LinkedHashMap<>();
		for (HeaderPolicies.PathBinding binding : policies.pathBindings()) {
			orders.put(binding.name(), binding.order());
		}
		HeaderPolicy defaults = policies.defaults();
		for (Map.Entry<String, List<String>> paths : usage.paths().entrySet()) {
			HeaderPolicy policy = policies.named(paths.getKey());
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", paths.getKey());
			entry.put("paths", paths.getValue());
			entry.put("order", orders.get(paths.getKey()));
			entry.put("handlers", handlers.getOrDefault(paths.getKey(), List.of()));
			Map<String, Object> headers = new LinkedHashMap<>();
			List<String> omits = new ArrayList<>();
			for (PolicyHeader header : PolicyHeader.values()) {
				if (header == PolicyHeader.STRICT_TRANSPORT_SECURITY || header == PolicyHeader.CACHE_CONTROL) {
					continue;
				}
				String value = policy.value(header);
				if (value != null) {
					headers.put(header.headerName(), masked(header.headerName(), value, show));
				}
				else if (defaults.sends(header)) {
					omits.add(header.headerName());
				}
			}
			entry.put("headers", headers);
			entry.put("omits", omits);
			entry.put("hsts", policy.hsts());
			entry.put("cacheControl", policy.value(PolicyHeader.CACHE_CONTROL));
			named.add(entry);
		}
		List<String> inline = handlers.get(PolicyUsage.INLINE);
		if (inline != null) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", PolicyUsage.INLINE);
			entry.put("handlers", inline);
			named.add(entry);
		}
		return named;
	}

	private static Map<String, Object> cacheControl(List<HeaderDescription> descriptions) {
		HeaderDescription found = null;
		for (HeaderDescription description : descriptions) {
			if (description.name().equalsIgnoreCase(CACHE_CONTROL) && description.everyPath()) {
				found = description;
			}
		}
		Map<String, Object> cacheControl = new LinkedHashMap<>();
		cacheControl.put("enabled", found != null);
		cacheControl.put("value", (found != null) ? found.value() : null);
		cacheControl.put("excludedPaths", (found != null) ? found.exceptPaths() : List.of());
		return cacheControl;
	}

	private Map<String, Object> trustedHosts() {
		Map<String, Object> trusted = new LinkedHashMap<>();
		TrustedHosts hosts = this.trustedHosts;
		trusted.put("enabled", hosts != null && !hosts.isOff());
		trusted.put("allowed", (hosts != null) ? hosts.allowed() : List.of());
		trusted.put("exemptPaths", (hosts != null) ? hosts.exemptPaths() : List.of());
		trusted.put("rejected", (this.rejectionCounts != null) ? this.rejectionCounts.counts() : Map.of());
		return trusted;
	}

}
