package dev.hsts.core;

import java.util.List;
import java.util.Objects;

/**
 * A pair of Content-Security-Policy values for the paths that match: the first path
 * policy whose patterns match a request's path replaces both default policies on it (a
 * policy it leaves unset is not sent there).
 *
 * @param paths the paths
 * @param policy the enforced policy on those paths, or {@code null} for none
 * @param reportOnlyPolicy the reported-only policy on those paths, or {@code null} for
 * none
 */
public record CspPathPolicy(PathPatterns paths, ContentSecurityPolicy policy, ContentSecurityPolicy reportOnlyPolicy) {

	/**
	 * Checks the paths.
	 * @param paths the paths
	 * @param policy the enforced policy on those paths, or {@code null} for none
	 * @param reportOnlyPolicy the reported-only policy on those paths, or {@code null}
	 * for none
	 */
	public CspPathPolicy {
		Objects.requireNonNull(paths, "paths");
	}

	/**
	 * Validates the configured entry
	 * {@code content-security-policy.path-policies[index]}.
	 * @param index the entry's index
	 * @param paths its path patterns
	 * @param policy its enforced policy, may be {@code null}
	 * @param reportOnlyPolicy its reported-only policy, may be {@code null}
	 * @return the path policy
	 * @throws InvalidPolicyException naming the setting of the first value that is
	 * refused
	 */
	public static CspPathPolicy parse(int index, List<String> paths, String policy, String reportOnlyPolicy) {
		String entry = "content-security-policy.path-policies[" + index + "]";
		if (paths == null || paths.isEmpty()) {
			throw new InvalidPolicyException(entry + ".paths", null, "the entry has no paths.",
					"List the path patterns the entry applies to, e.g. /docs/**.");
		}
		ContentSecurityPolicy enforced = ContentSecurityPolicy.parse(entry + ".policy", policy);
		ContentSecurityPolicy reportOnly = ContentSecurityPolicy.parse(entry + ".report-only-policy", reportOnlyPolicy);
		return new CspPathPolicy(PathPatterns.parse(entry + ".paths", paths), enforced, reportOnly);
	}

}
