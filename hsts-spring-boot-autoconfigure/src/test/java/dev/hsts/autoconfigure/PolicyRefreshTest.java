package dev.hsts.autoconfigure;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hsts.actuate.PolicyChangeAuditor;
import dev.hsts.actuate.PolicyRefreshMetrics;
import dev.hsts.actuate.SecurityHeadersEndpoint;
import dev.hsts.actuate.SecurityHeadersMetrics;
import dev.hsts.autoconfigure.SecurityHeadersPolicyRefresher.Outcome;
import dev.hsts.core.Finding;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.LivePolicy;
import dev.hsts.servlet.FixedHeaderWriter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.StagedHstsHeaderWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AuditListener;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A changed {@code security.headers} configuration applied to a running servlet
 * application by {@link SecurityHeadersPolicyRefresher}, as Spring Cloud's
 * {@code EnvironmentChangeEvent} triggers it: the responses the filter makes afterwards,
 * the endpoint, the metrics, the audit events, and every refusal.
 */
class PolicyRefreshTest {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityHeadersPropertiesAutoConfiguration.class,
				SecurityHeadersAutoConfiguration.class, SecurityHeadersMetricsAutoConfiguration.class,
				SecurityHeadersEndpointAutoConfiguration.class, SecurityHeadersRefreshAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("security.headers.hsts.rollout.stage=1",
				"management.endpoints.web.exposure.include=securityheaders");

	/** The configuration the test changes: the first property source. */
	private static Map<String, Object> changes(ConfigurableApplicationContext context) {
		Map<String, Object> changes = new HashMap<>();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("changed", changes));
		return changes;
	}

	/** A secure GET for api.example.test through the starter's filter. */
	private static MockHttpServletResponse get(ConfigurableApplicationContext context) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/page");
		request.setSecure(true);
		request.setScheme("https");
		request.setServerName("api.example.test");
		request.setServerPort(443);
		MockHttpServletResponse response = new MockHttpServletResponse();
		context.getBean(SecurityHeadersFilter.class).doFilter(request, response, new MockFilterChain());
		return response;
	}

	/**
	 * A change as the endpoint shows it; {@code from} is {@code null} where the default
	 * applied.
	 */
	private static Map<String, Object> change(String property, String from, String to) {
		Map<String, Object> change = new java.util.LinkedHashMap<>();
		change.put("property", property);
		change.put("from", from);
		change.put("to", to);
		return change;
	}

	private static SecurityHeadersPolicyRefresher refresher(ConfigurableApplicationContext context) {
		return context.getBean(SecurityHeadersPolicyRefresher.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> policyOf(AssertableWebApplicationContext context) {
		return (Map<String, Object>) context.getBean(SecurityHeadersEndpoint.class)
			.securityHeaders(SecurityContext.NONE)
			.get("policy");
	}

	/** Binds the starter's meters, as Boot's metrics auto-configuration does. */
	private static MeterRegistry registry(ConfigurableApplicationContext context) {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		if (registry.find(PolicyRefreshMetrics.REFRESHES).meters().isEmpty()) {
			context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
		}
		return registry;
	}

	private static double refreshes(ConfigurableApplicationContext context, String result) {
		return registry(context).get(PolicyRefreshMetrics.REFRESHES).tag("result", result).counter().count();
	}

	private static List<String> codes(ConfigurableApplicationContext context) {
		return context.getBean(SecurityHeadersFindings.class).findings().stream().map(Finding::code).toList();
	}

	@Test
	void aNewStageAndHeaderValueApplyToTheNextResponseAsVersionTwo() {
		this.web.run((context) -> {
			registry(context);
			assertThat(get(context).getHeader("Strict-Transport-Security")).isEqualTo("max-age=300");
			assertThat(policyOf(context)).containsEntry("version", 1L).containsEntry("changes", List.of());
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.hsts.rollout.stage", "2");
			changes.put("security.headers.frame-options", "SAMEORIGIN");
			assertThat(refresher(context)
				.refresh(Set.of("security.headers.hsts.rollout.stage", "security.headers.frame-options")))
				.isEqualTo(Outcome.APPLIED);
			MockHttpServletResponse response = get(context);
			assertThat(response.getHeaders("Strict-Transport-Security")).containsExactly("max-age=86400");
			assertThat(response.getHeaders("X-Frame-Options")).containsExactly("SAMEORIGIN");
			assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
			Map<String, Object> policy = policyOf(context);
			assertThat(policy).containsEntry("version", 2L).containsEntry("lastRejected", null);
			assertThat(policy).containsEntry("changes",
					List.of(change("security.headers.frame-options", null, "SAMEORIGIN"),
							change("security.headers.hsts.rollout.stage", "1", "2")));
			@SuppressWarnings("unchecked")
			Map<String, Object> hsts = (Map<String, Object>) context.getBean(SecurityHeadersEndpoint.class)
				.securityHeaders(SecurityContext.NONE)
				.get("hsts");
			assertThat(hsts).containsEntry("header", "max-age=86400").containsEntry("stage", 2);
			MeterRegistry registry = registry(context);
			assertThat(registry.get(SecurityHeadersMetrics.MAX_AGE).gauge().value()).isEqualTo(86400);
			assertThat(registry.get(SecurityHeadersMetrics.STAGE).gauge().value()).isEqualTo(2);
			assertThat(registry.get(SecurityHeadersMetrics.VERSION).gauge().value()).isEqualTo(2);
			assertThat(refreshes(context, "applied")).isEqualTo(1);
			assertThat(refreshes(context, "rejected")).isZero();
		});
	}

	@Test
	void keysOfOthersAndAnUnchangedConfigurationChangeNothing() {
		this.web.run((context) -> {
			registry(context);
			changes(context).put("spring.application.name", "other");
			assertThat(refresher(context).refresh(Set.of("spring.application.name"))).isEqualTo(Outcome.UNCHANGED);
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.UNCHANGED);
			assertThat(policyOf(context)).containsEntry("version", 1L);
			assertThat(refreshes(context, "applied")).isZero();
		});
	}

	@Test
	void environmentVariableKeysAreTheStartersKeysToo() {
		assertThat(SecurityHeadersPolicyRefresher.isStarterKey("SECURITY_HEADERS_HSTS_ROLLOUT_STAGE")).isTrue();
		assertThat(SecurityHeadersPolicyRefresher.isStarterKey("security.headers.frameOptions")).isTrue();
		assertThat(SecurityHeadersPolicyRefresher.isStarterKey("security.headersx")).isFalse();
		assertThat(SecurityHeadersPolicyRefresher.isStarterKey("server.port")).isFalse();
	}

	@Test
	void anInvalidValueIsRefusedTheOldPolicyStaysAndSaysWhy() {
		this.web.run((context) -> {
			registry(context);
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.hsts.rollout.stage", "2");
			changes.put("security.headers.frame-options", "BOGUS");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			MockHttpServletResponse response = get(context);
			assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo("max-age=300");
			assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
			Map<String, Object> policy = policyOf(context);
			assertThat(policy).containsEntry("version", 1L);
			@SuppressWarnings("unchecked")
			Map<String, Object> rejected = (Map<String, Object>) policy.get("lastRejected");
			assertThat(rejected).containsEntry("property", "security.headers.frame-options")
				.containsEntry("value", "BOGUS")
				.containsEntry("pending", true);
			assertThat((String) rejected.get("message")).contains("Property: security.headers.frame-options")
				.contains("Action: Update 'security.headers.frame-options'");
			assertThat(codes(context)).startsWith(SecurityHeadersFindings.REFRESH_REJECTED);
			assertThat(refreshes(context, "rejected")).isEqualTo(1);
			assertThat(refreshes(context, "applied")).isZero();
			// Fixed: applied, and the refusal is history.
			changes.put("security.headers.frame-options", "SAMEORIGIN");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.APPLIED);
			assertThat(get(context).getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
			assertThat(codes(context)).doesNotContain(SecurityHeadersFindings.REFRESH_REJECTED);
			assertThat(policyOf(context)).containsEntry("version", 2L);
		});
	}

	@Test
	void aValueOfTheWrongTypeAndAnUnknownKeyAreRefused() {
		this.web.run((context) -> {
			registry(context);
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.hsts.include-subdomains", "perhaps");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			assertThat(context.getBean(LivePolicy.class).lastRejection().setting())
				.isEqualTo("security.headers.hsts.include-subdomains");
			changes.clear();
			changes.put("security.headers.hsts.rolout.stage", "2");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			assertThat(context.getBean(LivePolicy.class).lastRejection().message())
				.contains("security.headers.hsts.rolout.stage")
				.contains("security.headers.hsts.rollout.stage");
			assertThat(get(context).getHeader("Strict-Transport-Security")).isEqualTo("max-age=300");
			assertThat(refreshes(context, "rejected")).isEqualTo(2);
		});
	}

	@Test
	void jumpingFromNoHstsToTheFinalStageIsRefused() {
		this.web.withPropertyValues("security.headers.hsts.enabled=false").run((context) -> {
			assertThat(get(context).getHeader("Strict-Transport-Security")).isNull();
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.hsts.enabled", "true");
			changes.put("security.headers.hsts.rollout.stage", "3");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			assertThat(get(context).getHeader("Strict-Transport-Security")).isNull();
			assertThat(context.getBean(LivePolicy.class).lastRejection().message())
				.contains("security.headers.hsts.enabled")
				.contains("max-age=31536000")
				.contains("security.headers.hsts.rollout.stage=1");
			changes.put("security.headers.hsts.rollout.stage", "1");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.APPLIED);
			assertThat(get(context).getHeader("Strict-Transport-Security")).isEqualTo("max-age=300");
		});
	}

	@Test
	void droppingIncludeSubDomainsAppliesWithAWarningFinding() {
		this.web
			.withPropertyValues("security.headers.hsts.rollout.stage=3",
					"security.headers.hsts.include-subdomains=true")
			.run((context) -> {
				assertThat(get(context).getHeader("Strict-Transport-Security"))
					.isEqualTo("max-age=31536000; includeSubDomains");
				changes(context).put("security.headers.hsts.include-subdomains", "false");
				assertThat(refresher(context).refresh()).isEqualTo(Outcome.APPLIED);
				assertThat(get(context).getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000");
				assertThat(codes(context)).contains("hsts.change.include-subdomains-dropped");
			});
	}

	@Test
	void aHeaderSwitchedOnIsWrittenInItsPlaceAndOneSwitchedOffIsNot() {
		this.web.run((context) -> {
			assertThat(get(context).getHeader("Cross-Origin-Opener-Policy")).isNull();
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.cross-origin-opener-policy", "same-origin");
			changes.put("security.headers.referrer-policy", "disabled");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.APPLIED);
			MockHttpServletResponse response = get(context);
			assertThat(response.getHeader("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
			assertThat(response.getHeader("Referrer-Policy")).isNull();
			List<String> order = context.getBean(SecurityHeadersFilter.class)
				.getWriters()
				.stream()
				.filter(FixedHeaderWriter.class::isInstance)
				.map((writer) -> ((FixedHeaderWriter) writer).getHeaderName())
				.toList();
			assertThat(order).containsExactly("X-Content-Type-Options", "X-Frame-Options", "Permissions-Policy",
					"Cross-Origin-Opener-Policy", "X-Permitted-Cross-Domain-Policies", "X-XSS-Protection");
			// And back.
			changes.clear();
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.APPLIED);
			response = get(context);
			assertThat(response.getHeader("Cross-Origin-Opener-Policy")).isNull();
			assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
			assertThat(policyOf(context)).containsEntry("version", 3L);
		});
	}

	@Test
	void theNewerHeadersAreSwitchedOnChangedAndOffAtRuntime() {
		this.web.run((context) -> {
			MockHttpServletResponse before = get(context);
			assertThat(before.getHeader("Cross-Origin-Embedder-Policy")).isNull();
			assertThat(before.getHeader("Origin-Agent-Cluster")).isNull();
			assertThat(before.getHeader("X-DNS-Prefetch-Control")).isNull();
			assertThat(before.getHeader("X-Permitted-Cross-Domain-Policies")).isEqualTo("none");
			assertThat(before.getHeader("X-XSS-Protection")).isEqualTo("0");
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.cross-origin-embedder-policy", "credentialless");
			changes.put("security.headers.origin-agent-cluster", "?1");
			changes.put("security.headers.dns-prefetch-control", "off");
			changes.put("security.headers.permitted-cross-domain-policies", "master-only");
			changes.put("security.headers.xss-protection", "disabled");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.APPLIED);
			MockHttpServletResponse after = get(context);
			assertThat(after.getHeader("Cross-Origin-Embedder-Policy")).isEqualTo("credentialless");
			assertThat(after.getHeader("Origin-Agent-Cluster")).isEqualTo("?1");
			assertThat(after.getHeader("X-DNS-Prefetch-Control")).isEqualTo("off");
			assertThat(after.getHeader("X-Permitted-Cross-Domain-Policies")).isEqualTo("master-only");
			assertThat(after.getHeader("X-XSS-Protection")).isNull();
			// A refused value leaves the policy in force.
			changes.put("security.headers.xss-protection", "1; mode=block");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			assertThat(context.getBean(LivePolicy.class).lastRejection().setting())
				.isEqualTo("security.headers.xss-protection");
			assertThat(get(context).getHeader("X-XSS-Protection")).isNull();
			// And back.
			changes.clear();
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.APPLIED);
			MockHttpServletResponse back = get(context);
			assertThat(back.getHeader("Cross-Origin-Embedder-Policy")).isNull();
			assertThat(back.getHeader("X-Permitted-Cross-Domain-Policies")).isEqualTo("none");
			assertThat(back.getHeader("X-XSS-Protection")).isEqualTo("0");
		});
	}

	@Test
	void clearSiteDataIsReadAtStartupOnlyAndItsValuesAreCheckedNow() {
		this.web.run((context) -> {
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.clear-site-data.enabled", "true");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.UNCHANGED);
			assertThat(context.getBean(SecurityHeadersFindings.class).findings())
				.filteredOn((finding) -> finding.code().equals("policy.refresh-needs-restart"))
				.singleElement()
				.satisfies((finding) -> assertThat(finding.message())
					.startsWith("security.headers.clear-site-data.enabled"));
			changes.put("security.headers.clear-site-data.directives", "cookies,everything");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			assertThat(context.getBean(LivePolicy.class).lastRejection().setting())
				.isEqualTo("security.headers.clear-site-data.directives[1]");
		});
	}

	@Test
	void cspReportingIsReadAtStartupOnlyAndItsValuesAreCheckedNow() {
		this.web.run((context) -> {
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.content-security-policy.reporting.enabled", "true");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.UNCHANGED);
			assertThat(context.getBean(SecurityHeadersFindings.class).findings())
				.filteredOn((finding) -> finding.code().equals("policy.refresh-needs-restart"))
				.singleElement()
				.satisfies((finding) -> assertThat(finding.message())
					.startsWith("security.headers.content-security-policy.reporting.enabled"));
			changes.put("security.headers.content-security-policy.reporting.sample-rate", "2");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			assertThat(context.getBean(LivePolicy.class).lastRejection().setting())
				.isEqualTo("security.headers.content-security-policy.reporting.sample-rate");
		});
	}

	@Test
	void aStartupOnlySettingIsNotAppliedAndSaysSo() {
		this.web.run((context) -> {
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.trusted-hosts.allowed", "api.example.test");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.UNCHANGED);
			assertThat(codes(context)).contains("policy.refresh-needs-restart");
			assertThat(context.getBean(SecurityHeadersFindings.class).findings())
				.filteredOn((finding) -> finding.code().equals("policy.refresh-needs-restart"))
				.singleElement()
				.satisfies(
						(finding) -> assertThat(finding.message()).startsWith("security.headers.trusted-hosts.allowed")
							.contains("Restart"));
			// With a change the starter applies, that one applies and the other still
			// waits.
			changes.put("security.headers.frame-options", "SAMEORIGIN");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.APPLIED);
			assertThat(codes(context)).contains("policy.refresh-needs-restart");
			// Back to what it started with: nothing waits.
			changes.remove("security.headers.trusted-hosts.allowed");
			refresher(context).refresh();
			assertThat(codes(context)).doesNotContain("policy.refresh-needs-restart");
		});
	}

	@Test
	void aStartupOnlyValueThatStartupWouldRefuseIsRefusedNowNotAtTheRestart() {
		this.web.run((context) -> {
			registry(context);
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.trusted-hosts.allowed", "api..example.test");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			assertThat(context.getBean(LivePolicy.class).lastRejection().setting())
				.startsWith("security.headers.trusted-hosts.allowed");
			changes.clear();
			changes.put("security.headers.https-redirect.enabld", "true");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			assertThat(context.getBean(LivePolicy.class).lastRejection().message())
				.contains("security.headers.https-redirect.enabled");
			assertThat(refreshes(context, "rejected")).isEqualTo(2);
		});
	}

	@Test
	void theCookieFlagsAreReadAtStartupOnly() {
		this.web.run((context) -> {
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.cookies.enabled", "true");
			changes.put("security.headers.cookies.same-site", "Strict");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.UNCHANGED);
			assertThat(context.getBean(SecurityHeadersFindings.class).findings())
				.filteredOn((finding) -> finding.code().equals("policy.refresh-needs-restart"))
				.singleElement()
				.satisfies((finding) -> assertThat(finding.message())
					.startsWith("security.headers.cookies.enabled, security.headers.cookies.same-site have changed"));
			assertThat(context.getBean(SecurityHeadersFilter.class).getCookieFlags()).isNull();
			// A value the restart would refuse is refused now.
			changes.put("security.headers.cookies.same-site", "None");
			changes.put("security.headers.cookies.secure", "false");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			assertThat(context.getBean(LivePolicy.class).lastRejection().setting())
				.isEqualTo("security.headers.cookies.same-site");
		});
	}

	@Test
	void aRefusedChangeTakenBackIsNoLongerPending() {
		this.web.run((context) -> {
			Map<String, Object> changes = changes(context);
			changes.put("security.headers.referrer-policy", "sometimes");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			assertThat(codes(context)).contains(SecurityHeadersFindings.REFRESH_REJECTED);
			changes.clear();
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.UNCHANGED);
			assertThat(codes(context)).doesNotContain(SecurityHeadersFindings.REFRESH_REJECTED);
			@SuppressWarnings("unchecked")
			Map<String, Object> rejected = (Map<String, Object>) policyOf(context).get("lastRejected");
			assertThat(rejected).containsEntry("value", "sometimes").containsEntry("pending", false);
		});
	}

	@Test
	void aHeaderTheApplicationWritesWithItsOwnBeanIsLeftToIt() {
		this.web
			.withBean("frameOptionsHeaderWriter", FixedHeaderWriter.class,
					() -> new FixedHeaderWriter("X-Frame-Options", "SAMEORIGIN"))
			.run((context) -> {
				Map<String, Object> changes = changes(context);
				changes.put("security.headers.frame-options", "DENY");
				assertThat(refresher(context).refresh()).isEqualTo(Outcome.UNCHANGED);
				assertThat(get(context).getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
				assertThat(context.getBean(SecurityHeadersFindings.class).findings())
					.filteredOn((finding) -> finding.code().equals("policy.refresh-not-applied"))
					.singleElement()
					.satisfies((finding) -> assertThat(finding.message()).contains("'frameOptionsHeaderWriter'"));
				changes.put("security.headers.hsts.rollout.stage", "2");
				assertThat(refresher(context).refresh()).isEqualTo(Outcome.APPLIED);
				MockHttpServletResponse response = get(context);
				assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo("max-age=86400");
				assertThat(response.getHeaders("X-Frame-Options")).containsExactly("SAMEORIGIN");
			});
	}

	@Test
	void anHstsPolicyOfTheApplicationsOwnUnderAnyNameKeepsHstsAsItIs() {
		this.web.withBean("myRollout", HstsPolicy.class, () -> HstsPolicy.builder().pinnedStage(2).build())
			.run((context) -> {
				changes(context).put("security.headers.hsts.rollout.stage", "3");
				assertThat(refresher(context).refresh()).isEqualTo(Outcome.UNCHANGED);
				assertThat(get(context).getHeader("Strict-Transport-Security")).isEqualTo("max-age=86400");
				assertThat(context.getBean(SecurityHeadersFindings.class).findings())
					.filteredOn((finding) -> finding.code().equals("policy.refresh-not-applied"))
					.singleElement()
					.satisfies((finding) -> assertThat(finding.message()).contains("HstsPolicy bean 'myRollout'"));
			});
	}

	@Test
	void anHstsWriterOfTheApplicationsOwnUnderAnotherNameIsNeverJoinedByTheStarters() {
		this.web
			.withBean("myHstsWriter", StagedHstsHeaderWriter.class,
					() -> new StagedHstsHeaderWriter(HstsPolicy.builder().pinnedStage(2).build(), Clock.systemUTC()))
			.run((context) -> {
				Map<String, Object> changes = changes(context);
				changes.put("security.headers.hsts.rollout.stage", "2");
				changes.put("security.headers.frame-options", "SAMEORIGIN");
				assertThat(refresher(context).refresh()).isEqualTo(Outcome.APPLIED);
				MockHttpServletResponse response = get(context);
				assertThat(response.getHeaders("Strict-Transport-Security")).containsExactly("max-age=86400");
				assertThat(response.getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
				assertThat(context.getBean(SecurityHeadersFilter.class).getWriters())
					.filteredOn(StagedHstsHeaderWriter.class::isInstance)
					.containsExactly(context.getBean("myHstsWriter", StagedHstsHeaderWriter.class));
				assertThat(codes(context)).contains("policy.refresh-not-applied");
			});
	}

	@Test
	void eachChangeIsAnAuditEventWhereTheApplicationKeepsThem() {
		InMemoryAuditEventRepository repository = new InMemoryAuditEventRepository();
		this.web.withBean(InMemoryAuditEventRepository.class, () -> repository)
			.withBean(AuditListener.class, () -> new AuditListener(repository))
			.run((context) -> {
				assertThat(context).hasSingleBean(PolicyChangeAuditor.class);
				Map<String, Object> changes = changes(context);
				changes.put("security.headers.hsts.rollout.stage", "2");
				refresher(context).refresh();
				changes.put("security.headers.frame-options", "BOGUS");
				refresher(context).refresh();
				List<AuditEvent> events = context.getBean(InMemoryAuditEventRepository.class).find(null, null, null);
				assertThat(events).extracting(AuditEvent::getType)
					.containsExactly(PolicyChangeAuditor.APPLIED, PolicyChangeAuditor.REJECTED);
				assertThat(events.get(0).getPrincipal()).isEqualTo(PolicyChangeAuditor.PRINCIPAL);
				assertThat(events.get(0).getData()).containsEntry("version", 2L)
					.containsEntry("hsts", "max-age=86400")
					.containsEntry("changes",
							List.of(Map.of("property", "security.headers.hsts.rollout.stage", "from", "1", "to", "2")));
				assertThat(events.get(1).getData()).containsEntry("property", "security.headers.frame-options")
					.containsEntry("value", "BOGUS");
			});
	}

	@Test
	void withoutAnAuditEventRepositoryNoAuditor() {
		this.web.run((context) -> assertThat(context).doesNotHaveBean(PolicyChangeAuditor.class)
			.hasSingleBean(SecurityHeadersPolicyRefresher.class));
	}

	@Test
	void reportTargetsOfAPolicyAreMaskedInTheEndpointsChanges() {
		this.web.run((context) -> {
			changes(context).put("security.headers.content-security-policy.report-only-policy",
					"default-src 'self'; report-uri https://reports.example.test/key123");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.APPLIED);
			assertThat(get(context).getHeader("Content-Security-Policy-Report-Only"))
				.isEqualTo("default-src 'self'; report-uri https://reports.example.test/key123");
			assertThat(policyOf(context).get("changes").toString()).doesNotContain("key123").contains("******");
		});
	}

	@Test
	void aRefusedPolicyWithAReportTargetIsMaskedInTheEndpointsRejection() {
		this.web.run((context) -> {
			changes(context).put("security.headers.content-security-policy.policy",
					"default-src 'self'; report-uri https://reports.example.test/key123, script-src 'self'");
			assertThat(refresher(context).refresh()).isEqualTo(Outcome.REJECTED);
			@SuppressWarnings("unchecked")
			Map<String, Object> rejected = (Map<String, Object>) policyOf(context).get("lastRejected");
			assertThat(rejected.toString()).doesNotContain("key123");
			assertThat(context.getBean(LivePolicy.class).lastRejection().value()).contains("key123");
		});
	}

}
