package dev.hsts.testkit;

import java.util.ArrayList;
import java.util.List;

import dev.hsts.core.PreloadIssue;

import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link PreloadCheck}, with the preload list checker's messages. */
public class PreloadCheckAssert extends AbstractAssert<PreloadCheckAssert, PreloadCheck> {

	PreloadCheckAssert(PreloadCheck actual) {
		super(actual, PreloadCheckAssert.class);
	}

	private static String lines(List<PreloadIssue> issues) {
		List<String> lines = new ArrayList<>();
		for (PreloadIssue issue : issues) {
			lines.add(issue.toString());
		}
		return String.join("\n  ", lines);
	}

	/**
	 * Verifies that hstspreload.org would find no error in what the site shows.
	 * @return {@code this}
	 */
	public PreloadCheckAssert isReady() {
		isNotNull();
		if (!this.actual.isReady()) {
			throw failure("%s",
					"Expecting " + this.actual.domain()
							+ " to be ready for the HSTS preload list, but hstspreload.org would refuse it:\n  "
							+ lines(this.actual.errors()));
		}
		return this;
	}

	/**
	 * Verifies that hstspreload.org would refuse the domain.
	 * @return {@code this}
	 */
	public PreloadCheckAssert isNotReady() {
		isNotNull();
		if (this.actual.isReady()) {
			throw failure("%s", "Expecting " + this.actual.domain()
					+ " not to be ready for the HSTS preload list, but hstspreload.org would find no error"
					+ (this.actual.issues().isEmpty() ? "" : " (warnings:\n  " + lines(this.actual.issues()) + ")"));
		}
		return this;
	}

	/**
	 * Verifies that neither an error nor a warning remains.
	 * @return {@code this}
	 */
	public PreloadCheckAssert hasNoIssues() {
		isNotNull();
		if (!this.actual.issues().isEmpty()) {
			throw failure("%s", "Expecting no preload issue for " + this.actual.domain() + ", but:\n  "
					+ lines(this.actual.issues()));
		}
		return this;
	}

	/**
	 * Verifies that the checker reports an issue with this code.
	 * @param code the checker's issue code, e.g.
	 * {@code header.preloadable.include_sub_domains.missing}
	 * @return {@code this}
	 */
	public PreloadCheckAssert hasIssue(String code) {
		isNotNull();
		for (PreloadIssue issue : this.actual.issues()) {
			if (issue.code().equals(code)) {
				return this;
			}
		}
		throw failure("%s",
				"Expecting the preload issue " + code + " for " + this.actual.domain() + ", but "
						+ (this.actual.issues().isEmpty() ? "there is none"
								: "there are only:\n  " + lines(this.actual.issues())));
	}

}
