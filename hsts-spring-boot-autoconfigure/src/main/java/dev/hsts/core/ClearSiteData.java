package dev.hsts.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Clear-Site-Data on logout: which data the browser is told to clear (W3C Clear Site
 * Data), validated once, and the paths whose responses carry it where no logout handler
 * of a security framework sends it. Browsers honour the header only on secure responses,
 * so it is only ever sent there.
 */
public final class ClearSiteData {

	/** The header name. */
	public static final String HEADER_NAME = "Clear-Site-Data";

	/** Every directive the specification and browsers know, in their spelling. */
	public static final List<String> DIRECTIVES = List.of("cache", "cookies", "storage", "executionContexts",
			"clientHints", "prefetchCache", "prerenderCache", "*");

	private final List<String> directives;

	private final String headerValue;

	private final PathPatterns paths;

	private ClearSiteData(List<String> directives, PathPatterns paths) {
		this.directives = List.copyOf(directives);
		this.paths = paths;
		StringBuilder value = new StringBuilder();
		for (String directive : this.directives) {
			if (value.length() > 0) {
				value.append(", ");
			}
			value.append('"').append(directive).append('"');
		}
		this.headerValue = value.toString();
	}

	/**
	 * Validates the directives and paths.
	 * @param directivesPath where the directives are configured, relative to the
	 * configuration
	 * @param directives the directives, each one of {@link #DIRECTIVES} (letter case does
	 * not count, quotes around one are accepted)
	 * @param pathsPath where the paths are configured, relative to the configuration
	 * @param paths the path patterns (Spring's PathPattern syntax), may be empty
	 * @return the validated setting
	 * @throws InvalidPolicyException naming the first value that is not valid
	 */
	public static ClearSiteData parse(String directivesPath, List<String> directives, String pathsPath,
			List<String> paths) {
		if (directives == null || directives.isEmpty()) {
			throw new InvalidPolicyException(directivesPath, null, "the list of directives is empty.",
					"List what to clear, e.g. cache, cookies, storage (the default); or switch Clear-Site-Data off "
							+ "with ${clear-site-data.enabled}=false.");
		}
		List<String> valid = new ArrayList<>();
		for (int i = 0; i < directives.size(); i++) {
			String configured = directives.get(i);
			String directive = canonical(configured);
			if (directive == null) {
				throw new InvalidPolicyException(directivesPath + "[" + i + "]", configured,
						"'" + UntrustedText.escape(String.valueOf(configured))
								+ "' is not a Clear-Site-Data directive.",
						"Use " + String.join(", ", DIRECTIVES) + ".");
			}
			if (valid.contains(directive)) {
				throw new InvalidPolicyException(directivesPath + "[" + i + "]", configured,
						"the directive '" + directive + "' is listed twice.", "List each directive once.");
			}
			valid.add(directive);
		}
		return new ClearSiteData(valid, PathPatterns.parse(pathsPath, paths));
	}

	private static String canonical(String configured) {
		if (configured == null) {
			return null;
		}
		String trimmed = configured.trim();
		if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
			trimmed = trimmed.substring(1, trimmed.length() - 1).trim();
		}
		for (String directive : DIRECTIVES) {
			if (directive.equalsIgnoreCase(trimmed)) {
				return directive;
			}
		}
		return null;
	}

	/**
	 * The directives, in the configured order, unquoted.
	 * @return the directives
	 */
	public List<String> directives() {
		return this.directives;
	}

	/**
	 * The header value: each directive quoted, as the specification wants
	 * ({@code "cache", "cookies", "storage"}).
	 * @return the value
	 */
	public String headerValue() {
		return this.headerValue;
	}

	/**
	 * The paths whose responses carry the header where no logout handler sends it.
	 * @return the paths
	 */
	public PathPatterns paths() {
		return this.paths;
	}

	/**
	 * Whether a response with this status completes a logout: a success or a redirect.
	 * @param status the response status
	 * @return whether the header goes on it
	 */
	public static boolean completesLogout(int status) {
		return status >= 200 && status < 400;
	}

	/**
	 * Whether a secure response to a path gets the header by the path mechanism.
	 * @param path the path within the application
	 * @param status the response status
	 * @return whether it does
	 */
	public boolean appliesTo(String path, int status) {
		return completesLogout(status) && !this.paths.isEmpty() && this.paths.matchesPath(path);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ClearSiteData that && this.directives.equals(that.directives)
				&& this.paths.patterns().equals(that.paths.patterns());
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.directives, this.paths.patterns());
	}

	@Override
	public String toString() {
		return "ClearSiteData[" + this.headerValue + " on " + this.paths.patterns() + "]";
	}

}
