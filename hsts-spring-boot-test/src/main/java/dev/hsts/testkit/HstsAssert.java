package dev.hsts.testkit;

import java.time.Duration;
import java.util.List;

import dev.hsts.core.BrowserEngine;
import dev.hsts.core.HstsBrowserReading;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.HstsStage;
import dev.hsts.core.ParsedHstsHeader;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on {@code Strict-Transport-Security} as Chromium and Firefox read it (see
 * {@link dev.hsts.core.HstsHeaderParser}): "effective" means every engine records the
 * policy, "ignored" that every engine drops the header; max-age is the one the browsers
 * keep (after their caps).
 */
public class HstsAssert extends AbstractAssert<HstsAssert, ParsedHstsHeader> {

	private static final String HEADER = "Strict-Transport-Security";

	private final SecurityHeadersAssert response;

	HstsAssert(ParsedHstsHeader actual, SecurityHeadersAssert response) {
		super(actual, HstsAssert.class);
		this.response = response;
	}

	/**
	 * Back to the assertions on the whole response.
	 * @return them
	 */
	public SecurityHeadersAssert and() {
		return this.response;
	}

	private String on() {
		return " on " + this.response.headers().description();
	}

	private String sent() {
		List<String> values = this.actual.fieldValues();
		if (values.isEmpty()) {
			return "";
		}
		return "\n  sent: "
				+ ((values.size() == 1) ? HEADER + ": " + values.get(0) : values.size() + " fields " + values);
	}

	/**
	 * Verifies that every browser records the policy.
	 * @return {@code this}
	 */
	public HstsAssert isEffective() {
		if (!this.actual.isPresent()) {
			throw failure("%s",
					"Expecting " + HEADER + on() + " to be effective, but the response has no " + HEADER + " header");
		}
		if (!this.actual.isEffective()) {
			throw failure("%s", "Expecting " + HEADER + on() + " to be effective, but " + browsersIgnoreIt() + sent());
		}
		return this;
	}

	private String browsersIgnoreIt() {
		String reason = this.actual.ignoredReason().orElse(this.actual.summary());
		if (this.actual.isIgnored()) {
			return "a browser ignores it: " + strip(reason);
		}
		return "browsers differ: " + reason;
	}

	private static String strip(String reason) {
		return reason.startsWith("ignored: ") ? reason.substring("ignored: ".length()) : reason;
	}

	/**
	 * Verifies that every browser ignores the header (or that there is none).
	 * @return {@code this}
	 */
	public HstsAssert isIgnored() {
		if (!this.actual.isIgnored()) {
			throw failure("%s",
					"Expecting " + HEADER + on() + " to be ignored by browsers, but "
							+ (this.actual.browsersDiffer() ? "browsers differ: " : "they record it: ")
							+ this.actual.summary() + sent());
		}
		return this;
	}

	/**
	 * Verifies that every browser ignores the header for a reason that contains this text
	 * ({@code "max-age appears twice"}).
	 * @param reason part of the reason
	 * @return {@code this}
	 */
	public HstsAssert isIgnoredBecause(String reason) {
		isIgnored();
		String actualReason = this.actual.ignoredReason().orElse("");
		if (!actualReason.contains(reason)) {
			throw failure("%s", "Expecting " + HEADER + on() + " to be ignored because \"" + reason
					+ "\", but a browser ignores it for another reason: " + strip(actualReason) + sent());
		}
		return this;
	}

	/**
	 * Verifies that the response has no {@code Strict-Transport-Security} header.
	 * @return {@code this}
	 */
	public HstsAssert isAbsent() {
		if (this.actual.isPresent()) {
			throw failure("%s",
					"Expecting no " + HEADER + on() + ", but there is one (" + this.actual.summary() + ")" + sent());
		}
		return this;
	}

	/**
	 * Verifies that the policy is effective and browsers keep exactly this max-age.
	 * @param maxAge the max-age
	 * @return {@code this}
	 */
	public HstsAssert hasMaxAge(Duration maxAge) {
		isEffective();
		long kept = keptMaxAge();
		if (kept != maxAge.getSeconds()) {
			throw failure("%s", "Expecting " + HEADER + on() + " to have max-age=" + maxAge.getSeconds() + " ("
					+ human(maxAge.getSeconds()) + "), but browsers keep " + keptDescription() + sent());
		}
		return this;
	}

	/**
	 * Verifies that the policy is effective and every browser keeps at least this
	 * max-age.
	 * @param maxAge the least max-age
	 * @return {@code this}
	 */
	public HstsAssert hasMaxAgeAtLeast(Duration maxAge) {
		isEffective();
		if (keptMaxAge() < maxAge.getSeconds()) {
			throw failure("%s", "Expecting " + HEADER + on() + " to have a max-age of at least " + maxAge.getSeconds()
					+ " (" + human(maxAge.getSeconds()) + "), but browsers keep " + keptDescription() + sent());
		}
		return this;
	}

	/**
	 * Verifies that the policy is effective and no browser keeps more than this max-age.
	 * @param maxAge the largest max-age
	 * @return {@code this}
	 */
	public HstsAssert hasMaxAgeAtMost(Duration maxAge) {
		isEffective();
		long most = 0;
		for (HstsBrowserReading reading : this.actual.readings()) {
			most = Math.max(most, reading.maxAgeSeconds());
		}
		if (most > maxAge.getSeconds()) {
			throw failure("%s", "Expecting " + HEADER + on() + " to have a max-age of at most " + maxAge.getSeconds()
					+ " (" + human(maxAge.getSeconds()) + "), but browsers keep " + keptDescription() + sent());
		}
		return this;
	}

	/** The max-age every engine keeps at least. */
	private long keptMaxAge() {
		long least = Long.MAX_VALUE;
		for (HstsBrowserReading reading : this.actual.readings()) {
			least = Math.min(least, reading.maxAgeSeconds());
		}
		return least;
	}

	private String keptDescription() {
		StringBuilder description = new StringBuilder();
		List<HstsBrowserReading> readings = this.actual.readings();
		boolean same = true;
		for (HstsBrowserReading reading : readings) {
			same &= reading.maxAgeSeconds() == readings.get(0).maxAgeSeconds();
		}
		if (same) {
			long seconds = readings.get(0).maxAgeSeconds();
			return "max-age=" + seconds + " (" + human(seconds) + ")";
		}
		for (HstsBrowserReading reading : readings) {
			if (description.length() > 0) {
				description.append(", ");
			}
			description.append(reading.engine().displayName())
				.append(" max-age=")
				.append(reading.maxAgeSeconds())
				.append(" (")
				.append(human(reading.maxAgeSeconds()))
				.append(")");
		}
		return description.toString();
	}

	static String human(long seconds) {
		if (seconds >= 86_400 && seconds % 86_400 == 0) {
			long days = seconds / 86_400;
			return days + ((days == 1) ? " day" : " days");
		}
		if (seconds >= 3_600 && seconds % 3_600 == 0) {
			long hours = seconds / 3_600;
			return hours + ((hours == 1) ? " hour" : " hours");
		}
		if (seconds >= 60 && seconds % 60 == 0) {
			long minutes = seconds / 60;
			return minutes + ((minutes == 1) ? " minute" : " minutes");
		}
		return seconds + ((seconds == 1) ? " second" : " seconds");
	}

	/**
	 * Verifies that the policy is effective and covers subdomains in every browser.
	 * @return {@code this}
	 */
	public HstsAssert includesSubDomains() {
		isEffective();
		for (HstsBrowserReading reading : this.actual.readings()) {
			if (!reading.includeSubDomains()) {
				throw failure("%s",
						"Expecting " + HEADER + on() + " to include subdomains, but " + reading.engine().displayName()
								+ " applies it to this host only: " + "there is no includeSubDomains directive"
								+ sent());
			}
		}
		return this;
	}

	/**
	 * Verifies that the policy is effective and covers this host only, in every browser.
	 * @return {@code this}
	 */
	public HstsAssert doesNotIncludeSubDomains() {
		isEffective();
		for (HstsBrowserReading reading : this.actual.readings()) {
			if (reading.includeSubDomains()) {
				throw failure("%s",
						"Expecting " + HEADER + on() + " not to include subdomains, but "
								+ reading.engine().displayName()
								+ " applies it to every subdomain as well: includeSubDomains is set" + sent());
			}
		}
		return this;
	}

	/**
	 * Verifies that the header carries {@code preload} (which no browser reads, and the
	 * hstspreload.org checker requires).
	 * @return {@code this}
	 */
	public HstsAssert hasPreload() {
		isEffective();
		if (!this.actual.preload()) {
			throw failure("%s", "Expecting " + HEADER + on()
					+ " to carry preload, but it does not, so hstspreload.org refuses the domain" + sent());
		}
		return this;
	}

	/**
	 * Verifies that the header does not carry {@code preload}.
	 * @return {@code this}
	 */
	public HstsAssert doesNotHavePreload() {
		if (this.actual.preload()) {
			throw failure("%s", "Expecting " + HEADER + on() + " not to carry preload, but it does" + sent());
		}
		return this;
	}

	/**
	 * Verifies that the policy is effective and is exactly what stage {@code n} of the
	 * application's own rollout plan sends (max-age, includeSubDomains, preload). The
	 * plan is the one of the {@code @SpringBootTest}'s application, of the application
	 * MockMvc runs, or of {@link SecurityHeadersAssert#withPolicyOf}.
	 * @param stage the stage, counted from 1
	 * @return {@code this}
	 */
	public HstsAssert isStage(int stage) {
		ApplicationPolicy policy = ApplicationPolicy.find(this.response.explicitApplication(), this.response.headers());
		if (policy == null) {
			throw failure("%s", "isStage(" + stage + ") compares with the application's rollout plan, but no"
					+ " application is known: " + ApplicationPolicy.HOW_TO_GIVE_IT);
		}
		HstsPolicy hsts = policy.hsts();
		if (hsts == null) {
			throw failure("%s", "isStage(" + stage + ") compares with the application's rollout plan, but "
					+ policy.describe() + " has no HSTS policy (is hsts-spring-boot-starter on its class path?)");
		}
		List<HstsStage> stages = hsts.stages();
		if (stage < 1 || stage > stages.size()) {
			throw failure("%s", "isStage(" + stage + "): the rollout plan of " + policy.describe() + " has "
					+ stages.size() + " stages: " + describe(stages));
		}
		HstsStage expected = stages.get(stage - 1);
		if (!this.actual.isPresent() || !this.actual.isEffective()) {
			throw failure("%s", "Expecting " + HEADER + on() + " to be stage " + stage + " of " + stages.size() + " ("
					+ expected.headerValue() + "), but "
					+ (this.actual.isPresent() ? browsersIgnoreIt() : "the response has no " + HEADER + " header")
					+ sent());
		}
		if (!matches(expected)) {
			String actualStage = "";
			for (HstsStage other : stages) {
				if (matches(other)) {
					actualStage = " (stage " + other.number() + ")";
				}
			}
			throw failure("%s",
					"Expecting " + HEADER + on() + " to be stage " + stage + " of " + stages.size() + " ("
							+ expected.headerValue() + "), but browsers record " + recorded() + actualStage
							+ "\n  the plan: " + describe(stages) + sent());
		}
		return this;
	}

	private boolean matches(HstsStage stage) {
		return this.actual.maxAgeSeconds() == stage.maxAgeSeconds()
				&& this.actual.includeSubDomains() == stage.includeSubDomains()
				&& this.actual.preload() == stage.preload();
	}

	private String recorded() {
		return HstsStage.render(this.actual.maxAgeSeconds(), this.actual.includeSubDomains(), this.actual.preload());
	}

	private static String describe(List<HstsStage> stages) {
		StringBuilder description = new StringBuilder();
		for (HstsStage stage : stages) {
			if (description.length() > 0) {
				description.append(" → ");
			}
			description.append(stage.number()).append(": ").append(stage.headerValue());
		}
		return description.toString();
	}

	/**
	 * What one browser engine does with the header, for assertions of your own.
	 * @param engine the engine
	 * @return its reading
	 */
	public HstsBrowserReading reading(BrowserEngine engine) {
		return this.actual.reading(engine);
	}

}
