package dev.hsts.testkit;

import java.util.List;

import dev.hsts.core.HeadersPreview;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.HstsStage;
import dev.hsts.core.LivePolicy;

import org.springframework.context.ApplicationContext;

/**
 * The policy of the application under test, from its context: given explicitly
 * ({@code withPolicyOf}), known by the client (MockMvc), or the running Spring test's.
 */
final class ApplicationPolicy {

	static final String HOW_TO_GIVE_IT = "run the test as a @SpringBootTest (the kit finds its application),"
			+ " or name the application with assertThat(response).withPolicyOf(applicationContext)";

	private final ApplicationContext context;

	private ApplicationPolicy(ApplicationContext context) {
		this.context = context;
	}

	/**
	 * The policy, or {@code null} when no application is known.
	 */
	static ApplicationPolicy find(ApplicationContext explicit, ResponseHeaders headers) {
		ApplicationContext context = explicit;
		if (context == null && headers.applicationContext() instanceof ApplicationContext known) {
			context = known;
		}
		if (context == null) {
			context = SecurityHeadersTestExecutionListener.currentApplicationContext();
		}
		return (context != null) ? new ApplicationPolicy(context) : null;
	}

	/** The HSTS policy in force now, or {@code null} when the starter is not there. */
	HstsPolicy hsts() {
		LivePolicy live = this.context.getBeanProvider(LivePolicy.class).getIfAvailable();
		if (live != null) {
			return live.hsts();
		}
		return this.context.getBeanProvider(HstsPolicy.class).getIfAvailable();
	}

	/** The stages of the rollout plan in force; empty when the starter is not there. */
	List<HstsStage> stages() {
		HstsPolicy hsts = hsts();
		return (hsts != null) ? hsts.stages() : List.of();
	}

	/** The header preview, or {@code null} when the starter is not there. */
	HeadersPreview preview() {
		return this.context.getBeanProvider(HeadersPreview.class).getIfAvailable();
	}

	String describe() {
		String id = this.context.getId();
		return (id == null || "application".equals(id)) ? "the application" : "the application '" + id + "'";
	}

}
