package dev.hsts.core;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Path patterns in Spring's {@link PathPattern} syntax ({@code /docs/**}, {@code /v1/*}),
 * validated once and matched against a path within the application (without the context
 * path). The one way the starter matches paths: CSP path policies, Cache-Control
 * exclusions, trusted-host and HTTPS-redirect exemptions.
 *
 * <p>
 * A pattern must start with {@code /} and contain no spaces, control characters, query or
 * fragment.
 */
public final class PathPatterns {

	private static final PathPatterns NONE = new PathPatterns(List.of(), List.of());

	private final PathPattern[] patterns;

	private final List<String> sources;

	/**
	 * Per pattern, the text every path it matches starts with (see
	 * {@link #mayMatch(String)}): the whole pattern when it is literal, otherwise its
	 * literal start up to the last {@code /} before the first wildcard or variable.
	 */
	private final String[] literalStarts;

	/**
	 * Per pattern, its {@link #literalStarts literal start}'s length (from bit 17),
	 * whether the pattern is literal ({@link #LITERAL}: it then matches its own text
	 * only, with a trailing {@code /} at most) and the start's second character (bits 0
	 * to 15; 0 for a start shorter than 2): one array read for most paths.
	 */
	private final long[] startShapes;

	private static final long LITERAL = 1L << 16;

	private PathPatterns(List<PathPattern> patterns, List<String> sources) {
		this.patterns = patterns.toArray(new PathPattern[0]);
		this.sources = List.copyOf(sources);
		this.literalStarts = new String[this.patterns.length];
		this.startShapes = new long[this.patterns.length];
		for (int i = 0; i < this.patterns.length; i++) {
			String pattern = this.patterns[i].getPatternString();
			int wildcard = firstWildcard(pattern);
			String start = (wildcard < 0) ? pattern
					: pattern.substring(0, Math.max(0, pattern.lastIndexOf('/', wildcard)));
			this.literalStarts[i] = start;
			this.startShapes[i] = ((long) start.length() << 17) | ((wildcard < 0) ? LITERAL : 0)
					| ((start.length() >= 2) ? start.charAt(1) : 0);
		}
	}

	private static int firstWildcard(String pattern) {
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '*' || c == '?' || c == '{') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Patterns that match no path.
	 * @return the empty patterns
	 */
	public static PathPatterns none() {
		return NONE;
	}

	/**
	 * Validates and parses patterns.
	 * @param path where the patterns are configured, for the error message (e.g.
	 * {@code cache-control.excluded-paths})
	 * @param patterns the patterns, may be {@code null}
	 * @return the parsed patterns
	 * @throws InvalidPolicyException naming {@code path[i]} for the first pattern that is
	 * not valid
	 */
	public static PathPatterns parse(String path, List<String> patterns) {
		if (patterns == null || patterns.isEmpty()) {
			return NONE;
		}
		List<PathPattern> parsed = new ArrayList<>(patterns.size());
		for (int i = 0; i < patterns.size(); i++) {
			parsed.add(parsePattern(path + "[" + i + "]", patterns.get(i)));
		}
		return new PathPatterns(parsed, patterns);
	}

	private static PathPattern parsePattern(String path, String pattern) {
		String action = "Write a pattern that starts with '/', such as /docs/**, /actuator/health/** or /ping.";
		if (pattern == null || pattern.isEmpty() || pattern.charAt(0) != '/') {
			throw new InvalidPolicyException(path, pattern, "a path pattern must start with '/'.", action);
		}
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c <= ' ' || c == 0x7f || c == '?' || c == '#') {
				throw new InvalidPolicyException(path, pattern,
						"a path pattern cannot contain spaces, control characters, a query or a fragment.", action);
			}
		}
		try {
			return PathPatternParser.defaultInstance.parse(pattern);
		}
		catch (PatternParseException ex) {
			throw new InvalidPolicyException(path, pattern,
					"it is not a valid path pattern: " + UntrustedText.escape(ex.getMessage()) + ".",
					"Write a pattern that starts with '/' in Spring's path pattern syntax, e.g. /docs/** (everything "
							+ "under /docs) or /v1/*.");
		}
	}

	/**
	 * Whether a path, as the client sent it, matches one of the patterns.
	 * @param encodedPath the path within the application, still percent-encoded (the
	 * request URI without the context path)
	 * @return whether it matches; a path that cannot be decoded matches nothing
	 */
	public boolean matchesPath(String encodedPath) {
		return encodedPath != null && mayMatch(encodedPath) && matches(parse(encodedPath));
	}

	/**
	 * Whether a path that is already decoded matches one of the patterns.
	 * @param decodedPath the path within the application, decoded and normalised (as a
	 * servlet container dispatches it)
	 * @return whether it matches
	 */
	public boolean matchesDecodedPath(String decodedPath) {
		if (this.patterns.length == 0 || decodedPath == null) {
			return false;
		}
		// Escape what parsing would decode or split again.
		String escaped = (decodedPath.indexOf('%') >= 0 || decodedPath.indexOf(';') >= 0)
				? decodedPath.replace("%", "%25").replace(";", "%3B") : decodedPath;
		return matches(parse(escaped));
	}

	/**
	 * A check that costs no parsing, for the common case of a path that no pattern can
	 * match: {@code false} only when none can. A path without {@code %} and {@code ;} is
	 * its own decoded form (nothing to decode, no matrix parameters), and patterns are
	 * matched case-sensitively, so a pattern can match it only if it starts with the
	 * pattern's literal start (or, for a literal pattern, is that pattern, with a
	 * trailing {@code /} at most). Any other path may match, and is parsed and matched in
	 * full.
	 * @param encodedPath the path within the application, still percent-encoded
	 * @return {@code false} if no pattern can match the path; {@code true} if one may
	 */
	public boolean mayMatch(String encodedPath) {
		long[] shapes = this.startShapes;
		if (shapes.length == 0) {
			return false;
		}
		int length = encodedPath.length();
		for (int i = 0; i < shapes.length; i++) {
			// Told apart by the start's length and second character first, which
			// rules most paths out without reading the start itself.
			long shape = shapes[i];
			int startLength = (int) (shape >>> 17);
			boolean literal = (shape & LITERAL) != 0;
			if (literal ? (length != startLength && length != startLength + 1) : length < startLength) {
				continue;
			}
			if (startLength >= 2 && encodedPath.charAt(1) != (char) shape) {
				continue;
			}
			String start = this.literalStarts[i];
			if (literal
					? encodedPath.startsWith(start) && (length == startLength || encodedPath.charAt(startLength) == '/')
					: encodedPath.startsWith(start)) {
				return true;
			}
		}
		for (int i = 0; i < length; i++) {
			char c = encodedPath.charAt(i);
			if (c == '%' || c == ';') {
				return true;
			}
		}
		return false;
	}

	/**
	 * Parses a path once, for several {@link #matches(PathContainer)} checks.
	 * @param encodedPath the path within the application, still percent-encoded
	 * @return the parsed path, or {@code null} if it cannot be decoded (it matches no
	 * pattern)
	 */
	public static PathContainer parse(String encodedPath) {
		try {
			return PathContainer.parsePath(encodedPath);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Whether a parsed path matches one of the patterns.
	 * @param path the parsed path, or {@code null} for one that cannot be decoded
	 * @return whether it matches
	 */
	public boolean matches(PathContainer path) {
		if (path == null) {
			return false;
		}
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether there are no patterns.
	 * @return whether there are none
	 */
	public boolean isEmpty() {
		return this.patterns.length == 0;
	}

	/**
	 * The patterns as configured.
	 * @return the patterns
	 */
	public List<String> patterns() {
		return this.sources;
	}

	@Override
	public String toString() {
		return this.sources.toString();
	}

}
