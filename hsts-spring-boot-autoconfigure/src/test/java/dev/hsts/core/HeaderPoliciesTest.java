package dev.hsts.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HeaderPolicies}: named policies inherit the defaults' unset keys, precedence
 * (hook &gt; method &gt; class &gt; path &gt; defaults), and the refusals at startup.
 */
class HeaderPoliciesTest {

	final HeaderPolicy defaults = HeaderPolicy.builder()
		.header(PolicyHeader.CONTENT_TYPE_OPTIONS, "nosniff")
		.header(PolicyHeader.FRAME_OPTIONS, "DENY")
		.header(PolicyHeader.REFERRER_POLICY, "no-referrer")
		.contentSecurityPolicy(ContentSecurityPolicy.parse("p", "default-src 'self'"), null)
		.cacheControl(true, "no-store", PathPatterns.parse("x", List.of("/assets/**")))
		.hsts(true)
		.build();

	PolicySettings embeddable = new PolicySettings("embeddable").value(PolicyHeader.FRAME_OPTIONS, "disabled")
		.value(PolicyHeader.CONTENT_SECURITY_POLICY, "frame-ancestors https://a.example; script-src 'nonce-{nonce}'")
		.paths(List.of("/embed/**"));

	PolicySettings publicPages = new PolicySettings("public-pages")
		.value(PolicyHeader.CACHE_CONTROL, "public, max-age=300")
		.hstsEnabled(false)
		.paths(List.of("/pages/**"));

	@Test
	void unsetKeysInheritTheDefaultsAndDisabledIsNotSent() {
		HeaderPolicies policies = of(List.of(this.embeddable, this.publicPages), List.of());
		HeaderPolicy embed = policies.named("embeddable");
		assertThat(embed.sends(PolicyHeader.FRAME_OPTIONS)).isFalse();
		assertThat(embed.value(PolicyHeader.CONTENT_TYPE_OPTIONS)).isEqualTo("nosniff");
		assertThat(embed.value(PolicyHeader.REFERRER_POLICY)).isEqualTo("no-referrer");
		assertThat(embed.usesNonce()).isTrue();
		assertThat(embed.render(PolicyHeader.CONTENT_SECURITY_POLICY, "n0nce"))
			.isEqualTo("frame-ancestors https://a.example; script-src 'nonce-n0nce'");
		assertThat(embed.hsts()).isTrue();
		assertThat(embed.cacheControl("/embed/x")).isEqualTo("no-store");
		assertThat(embed.cacheControl("/assets/x")).as("the defaults' exclusions come with their value").isNull();
		HeaderPolicy pages = policies.named("public-pages");
		assertThat(pages.hsts()).isFalse();
		assertThat(pages.cacheControl("/assets/x")).isEqualTo("public, max-age=300");
		assertThat(pages.value(PolicyHeader.FRAME_OPTIONS)).isEqualTo("DENY");
		assertThat(pages.contentSecurityPolicy().value()).isEqualTo("default-src 'self'");
		assertThat(policies.defaults().name()).isEqualTo(HeaderPolicy.DEFAULT_NAME);
	}

	@Test
	void cacheControlCanBeSwitchedPerPolicy() {
		HeaderPolicies policies = of(List.of(new PolicySettings("off").cacheControlEnabled(false),
				new PolicySettings("on").cacheControlEnabled(true)), List.of());
		assertThat(policies.named("off").cacheControl("/")).isNull();
		assertThat(policies.named("on").cacheControl("/")).isEqualTo("no-store");
	}

	@Test
	void pathPoliciesApplyOnTheirPathsAndCspPathPoliciesComeAfterNamedOnes() {
		CspPathPolicy docs = CspPathPolicy.parse(0, List.of("/docs/**", "/embed/legacy"), "default-src *", null);
		HeaderPolicies policies = HeaderPolicies.of(this.defaults, List.of(docs), List.of(this.embeddable), List.of());
		assertThat(policies.forPath("/embed/x").name()).isEqualTo("embeddable");
		assertThat(policies.forPath("/embed/legacy").name()).isEqualTo("embeddable");
		HeaderPolicy docsPolicy = policies.forPath("/docs/a");
		assertThat(docsPolicy.name()).isEqualTo("content-security-policy.path-policies[0]");
		assertThat(docsPolicy.contentSecurityPolicy().value()).isEqualTo("default-src *");
		assertThat(docsPolicy.sends(PolicyHeader.CONTENT_SECURITY_POLICY_REPORT_ONLY)).isFalse();
		assertThat(docsPolicy.value(PolicyHeader.FRAME_OPTIONS)).isEqualTo("DENY");
		assertThat(policies.forPath("/other")).isSameAs(policies.defaults());
		assertThat(policies.forPath("/%65mbed/x").name()).as("decoded before matching").isEqualTo("embeddable");
	}

	@Test
	void precedenceIsMethodThenClassThenPathThenDefaults() {
		PolicySettings strict = new PolicySettings("strict").value(PolicyHeader.REFERRER_POLICY, "same-origin");
		HandlerPolicy classLevel = HandlerPolicy.of("com.example.C", "strict", "", "", "");
		HandlerPolicy methodLevel = HandlerPolicy.of("com.example.C#m", "embeddable", "", "", "").over(classLevel);
		HandlerPolicy classOnly = HandlerPolicy.of("com.example.C#n", "", "", "", "").over(classLevel);
		HeaderPolicies policies = of(List.of(this.embeddable, strict), List.of(methodLevel, classOnly));
		assertThat(policies.choose(methodLevel, "/pages/x").name()).isEqualTo("embeddable");
		assertThat(policies.choose(classOnly, "/embed/x").name()).as("class over path").isEqualTo("strict");
		assertThat(policies.choose(null, "/embed/x").name()).as("path over defaults").isEqualTo("embeddable");
		assertThat(policies.choose(null, "/x").name()).isEqualTo("default");
	}

	@Test
	void inlineValuesApplyOverTheNamedPolicyOrElseOverThePathPolicy() {
		HandlerPolicy named = HandlerPolicy.of("C#a", "embeddable", "SAMEORIGIN", "", "");
		HandlerPolicy inlineOnly = HandlerPolicy.of("C#b", null, "", "disabled", "default-src 'none'");
		HeaderPolicies policies = of(List.of(this.embeddable), List.of(named, inlineOnly));
		HeaderPolicy a = policies.choose(named, "/x");
		assertThat(a.value(PolicyHeader.FRAME_OPTIONS)).isEqualTo("SAMEORIGIN");
		assertThat(a.usesNonce()).isTrue();
		HeaderPolicy onEmbed = policies.choose(inlineOnly, "/embed/x");
		assertThat(onEmbed.name()).isEqualTo("embeddable");
		assertThat(onEmbed.sends(PolicyHeader.CONTENT_SECURITY_POLICY)).isFalse();
		assertThat(onEmbed.value(PolicyHeader.CONTENT_SECURITY_POLICY_REPORT_ONLY)).isEqualTo("default-src 'none'");
		assertThat(onEmbed.sends(PolicyHeader.FRAME_OPTIONS)).isFalse();
		assertThat(policies.choose(inlineOnly, "/x").value(PolicyHeader.FRAME_OPTIONS)).isEqualTo("DENY");
	}

	@Test
	void aMethodWithoutANameKeepsItsClassesPolicyAndAddsItsValues() {
		HandlerPolicy merged = HandlerPolicy.of("C#m", "", "SAMEORIGIN", "", "")
			.over(HandlerPolicy.of("C", "embeddable", "", "", "default-src 'none'"));
		HeaderPolicies policies = of(List.of(this.embeddable), List.of(merged));
		HeaderPolicy policy = policies.choose(merged, "/x");
		assertThat(policy.name()).isEqualTo("embeddable");
		assertThat(policy.value(PolicyHeader.FRAME_OPTIONS)).isEqualTo("SAMEORIGIN");
		assertThat(policy.value(PolicyHeader.CONTENT_SECURITY_POLICY_REPORT_ONLY)).isEqualTo("default-src 'none'");
	}

	@Test
	void hooksComeLastInOrderAndSeeThePolicyChosenSoFar() {
		HandlerPolicy method = HandlerPolicy.of("C#m", "embeddable", "", "", "");
		HeaderPolicies policies = of(List.of(this.embeddable, this.publicPages), List.of(method));
		List<String> seen = new ArrayList<>();
		PerRequestHeaderPolicy first = new PerRequestHeaderPolicy() {
			@Override
			public void adjust(PolicyRequest request, PolicyAdjustment adjustment) {
				seen.add(request.policyName() + " " + request.path());
				adjustment.use("public-pages");
				adjustment.set("x-frame-options", "sameorigin");
			}
		};
		PerRequestHeaderPolicy second = new PerRequestHeaderPolicy() {
			@Override
			public void adjust(PolicyRequest request, PolicyAdjustment adjustment) {
				seen.add(request.policyName());
				adjustment.omit("Referrer-Policy");
				adjustment.set("Content-Security-Policy", "script-src 'nonce-{nonce}'");
			}
		};
		HeaderPolicy adjusted = policies.adjust(policies.choose(method, "/p"), new Request("/p"),
				List.of(first, second));
		assertThat(seen).containsExactly("embeddable /p", "public-pages");
		assertThat(adjusted.name()).isEqualTo("public-pages");
		assertThat(adjusted.value(PolicyHeader.FRAME_OPTIONS)).isEqualTo("SAMEORIGIN");
		assertThat(adjusted.sends(PolicyHeader.REFERRER_POLICY)).isFalse();
		assertThat(adjusted.usesNonce()).isTrue();
		assertThat(adjusted.hsts()).isFalse();
	}

	@Test
	void aHookCannotUseAnUnknownPolicyNorSetHstsNorAnInvalidValue() {
		HeaderPolicies policies = of(List.of(this.embeddable), List.of());
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> policies.adjust(policies.defaults(), new Request("/"), List.of((r, a) -> a.use("nope"))))
			.withMessageContaining("nope");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> policies.adjust(policies.defaults(),
				new Request("/"), List.of((r, a) -> a.set("Strict-Transport-Security", "x"))));
		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> policies.adjust(policies.defaults(),
				new Request("/"), List.of((r, a) -> a.set("X-Frame-Options", "ALLOW-FROM https://a"))));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(
				() -> policies.adjust(policies.defaults(), new Request("/"), List.of((r, a) -> a.omit("Server"))));
	}

	@Test
	void invalidValuesNameTheirSetting() {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(
					() -> of(List.of(new PolicySettings("a").value(PolicyHeader.FRAME_OPTIONS, "ALLOWALL")), List.of()))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("policies.a.frame-options"));
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> of(
					List.of(new PolicySettings("a").value(PolicyHeader.CONTENT_SECURITY_POLICY, "default-src {x}")),
					List.of()))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("policies.a.content-security-policy.policy"));
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> of(List.of(new PolicySettings("a").paths(List.of("embed"))), List.of()))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("policies.a.paths[0]"));
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(
					() -> of(List.of(new PolicySettings("a").value(PolicyHeader.CACHE_CONTROL, "no store")), List.of()))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("policies.a.cache-control.value"));
	}

	@Test
	void namesAreLowerCaseLettersDigitsAndDashesAndNotDefault() {
		for (String name : List.of("Embeddable", "a_b", "-a", "default", "")) {
			assertThatExceptionOfType(InvalidPolicyException.class)
				.isThrownBy(() -> of(List.of(new PolicySettings(name)), List.of()))
				.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("policies." + name));
		}
		assertThat(of(List.of(new PolicySettings("a-1")), List.of()).names()).containsExactly("a-1");
	}

	@Test
	void aHandlerNamingAMissingPolicyIsRefusedNamingTheHandler() {
		HandlerPolicy handler = HandlerPolicy.of("com.example.EmbedController#widget", "embedable", "", "", "");
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> of(List.of(this.embeddable), List.of(handler)))
			.satisfies((ex) -> {
				assertThat(ex.getPath()).isEqualTo("policies.embedable");
				assertThat(ex.getReason()).contains("com.example.EmbedController#widget");
				assertThat(ex.getAction()).contains("embeddable");
			});
		assertThat(of(List.of(), List.of(HandlerPolicy.named("route", "default"))).handlerPolicies()).hasSize(1);
	}

	@Test
	void anInvalidInlineValueNamesTheAnnotation() {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> HandlerPolicy.of("com.example.C#m", null, "ALLOW-FROM x", "", ""))
			.satisfies((ex) -> assertThat(ex.getPath())
				.isEqualTo("@SecurityHeadersPolicy(frameOptions) on com.example.C#m"));
	}

	@Test
	void overlappingPathPoliciesNeedDifferentOrders() {
		PolicySettings all = new PolicySettings("all").paths(List.of("/public/**", "/embed/*/x"));
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> of(List.of(this.embeddable, all), List.of()))
			.satisfies((ex) -> {
				assertThat(ex.getPath()).isEqualTo("policies.all.order");
				assertThat(ex.getReason()).contains("/embed/**").contains("/embed/*/x");
			});
		this.embeddable.order(1);
		all.order(1);
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> of(List.of(this.embeddable, all), List.of()));
		all.order(0);
		HeaderPolicies policies = of(List.of(this.embeddable, all), List.of());
		assertThat(policies.forPath("/embed/a/x").name()).isEqualTo("all");
		assertThat(policies.forPath("/embed/a/y").name()).isEqualTo("embeddable");
		assertThat(of(List.of(this.embeddable, this.publicPages), List.of()).pathBindings()).hasSize(2);
	}

	@Test
	void overlapIsFoundSegmentBySegment() {
		assertThat(PathOverlap.mayOverlap("/embed/**", "/embed")).isTrue();
		assertThat(PathOverlap.mayOverlap("/**", "/x/y")).isTrue();
		assertThat(PathOverlap.mayOverlap("/a/*", "/*/b")).isTrue();
		assertThat(PathOverlap.mayOverlap("/a/{id}", "/a/b")).isTrue();
		assertThat(PathOverlap.mayOverlap("/a/*.html", "/a/x.json")).isFalse();
		assertThat(PathOverlap.mayOverlap("/a/*.html", "/a/*.json")).isFalse();
		assertThat(PathOverlap.mayOverlap("/a/**", "/b/**")).isFalse();
		assertThat(PathOverlap.mayOverlap("/a", "/a/b")).isFalse();
		assertThat(PathOverlap.mayOverlap("/a/{*rest}", "/a/b/c")).isTrue();
		assertThat(PathOverlap.mayOverlap("/**/x", "/y/**")).isTrue();
	}

	@Test
	void usageListsPathsAndHandlersPerPolicy() {
		HeaderPolicies policies = of(List.of(this.embeddable, new PolicySettings("unused")),
				List.of(HandlerPolicy.of("com.example.EmbedController#widget", "embeddable", "", "", ""),
						HandlerPolicy.of("com.example.C#m", "", "SAMEORIGIN", "", "")));
		PolicyUsage usage = new PolicyUsage(policies);
		assertThat(usage.paths()).containsEntry("embeddable", List.of("/embed/**")).containsEntry("unused", List.of());
		assertThat(usage.handlers()).containsEntry("embeddable", List.of("com.example.EmbedController#widget"))
			.containsEntry(PolicyUsage.INLINE, List.of("com.example.C#m"));
	}

	HeaderPolicies of(List<PolicySettings> named, List<HandlerPolicy> handlers) {
		return HeaderPolicies.of(this.defaults, List.of(), named, handlers);
	}

	record Request(String path) implements PolicyRequest {

		@Override
		public String method() {
			return "GET";
		}

		@Override
		public String host() {
			return "app.example";
		}

		@Override
		public boolean secure() {
			return true;
		}

		@Override
		public String header(String name) {
			return null;
		}

		@Override
		public Object handler() {
			return null;
		}

		@Override
		public String policyName() {
			return null;
		}

	}

}
