package dev.hsts.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import dev.hsts.policy.InvalidPolicyException;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Path patterns in Spring's {@link PathPattern} syntax ({@code /docs/**}, {@code /v1/*}), matched against the
 * path the client asked for, within the application: on an error or forward dispatch, the original request's path
 * (so an error page gets the headers of the path that failed), without the context path.
 */
public final class RequestPathPatterns {

	private static final RequestPathPatterns NONE = new RequestPathPatterns(List.of(), List.of());

	private final List<PathPattern> patterns;

	private final List<String> sources;

	/**
	 * Per pattern, the text every path it matches starts with (see {@link #mayMatch(String)}): the whole pattern
	 * when it is literal, otherwise its literal start up to the last {@code /} before the first wildcard or variable.
	 */
	private final String[] literalStarts;

	/** Per pattern, whether it is literal: it then matches its own text only (with a trailing {@code /} at most). */
	private final boolean[] literal;

	private RequestPathPatterns(List<PathPattern> patterns, List<String> sources) {
		this.patterns = patterns;
		this.sources = sources;
		this.literalStarts = new String[patterns.size()];
		this.literal = new boolean[patterns.size()];
		for (int i = 0; i < this.literalStarts.length; i++) {
			String pattern = patterns.get(i).getPatternString();
			int wildcard = firstWildcard(pattern);
			this.literal[i] = wildcard < 0;
			this.literalStarts[i] = (wildcard < 0) ? pattern
					: pattern.substring(0, Math.max(0, pattern.lastIndexOf('/', wildcard)));
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

	/** Patterns that match no request. */
	public static RequestPathPatterns none() {
		return NONE;
	}

	/**
	 * Parses patterns.
	 * @param property the property that holds them, for the error message
	 * @param patterns the patterns, may be {@code null}
	 * @return the parsed patterns
	 * @throws InvalidPolicyException if a pattern is not valid
	 */
	public static RequestPathPatterns of(String property, List<String> patterns) {
		if (patterns == null || patterns.isEmpty()) {
			return NONE;
		}
		List<PathPattern> parsed = new ArrayList<>();
		List<String> sources = new ArrayList<>();
		for (int i = 0; i < patterns.size(); i++) {
			String pattern = patterns.get(i);
			String name = property + "[" + i + "]";
			if (pattern == null || pattern.isBlank() || !pattern.trim().startsWith("/")) {
				throw new InvalidPolicyException(name, pattern, "a path pattern must start with '/'.",
						"Write a pattern such as /docs/** or /v1/*.");
			}
			try {
				parsed.add(PathPatternParser.defaultInstance.parse(pattern.trim()));
			}
			catch (PatternParseException ex) {
				throw new InvalidPolicyException(name, pattern, "not a valid path pattern: " + ex.getMessage(),
						"Use Spring's path pattern syntax, e.g. /docs/** (everything under /docs) or /v1/*.");
			}
			sources.add(pattern.trim());
		}
		return new RequestPathPatterns(List.copyOf(parsed), List.copyOf(sources));
	}

	/** Whether the path the client asked for matches one of the patterns. */
	public boolean matches(HttpServletRequest request) {
		if (this.patterns.isEmpty()) {
			return false;
		}
		String path = pathWithinApplication(request);
		return mayMatch(path) && matches(parse(path));
	}

	/**
	 * A check that costs no parsing, for the common case of a path that no pattern can match: {@code false} only
	 * when none can. A path without {@code %} and {@code ;} is its own decoded form (nothing to decode, no matrix
	 * parameters), and patterns are matched case-sensitively, so a pattern can match it only if it starts with the
	 * pattern's literal start (or, for a literal pattern, is that pattern, with a trailing {@code /} at most). Any
	 * other path may match, and is parsed and matched in full.
	 * @param path the path within the application, as {@link #pathWithinApplication(HttpServletRequest)} gives it
	 * @return {@code false} if no pattern can match the path; {@code true} if one may
	 */
	public boolean mayMatch(String path) {
		if (this.literalStarts.length == 0) {
			return false;
		}
		if (path.indexOf('%') >= 0 || path.indexOf(';') >= 0) {
			return true;
		}
		for (int i = 0; i < this.literalStarts.length; i++) {
			String start = this.literalStarts[i];
			if (this.literal[i] ? path.equals(start) || (path.length() == start.length() + 1 && path.startsWith(start)
					&& path.charAt(start.length()) == '/') : path.startsWith(start)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The path the client asked for, within the application, parsed once for several {@link #matches(PathContainer)}
	 * checks.
	 * @param request the request
	 * @return the parsed path, or {@code null} if it cannot be decoded (it is rejected elsewhere and matches no
	 * pattern here)
	 */
	public static PathContainer requestPath(HttpServletRequest request) {
		return parse(pathWithinApplication(request));
	}

	/**
	 * Parses a path from {@link #pathWithinApplication(HttpServletRequest)}.
	 * @param path the path within the application
	 * @return the parsed path, or {@code null} if it cannot be decoded (it is rejected elsewhere and matches no
	 * pattern here)
	 */
	public static PathContainer parse(String path) {
		try {
			return PathContainer.parsePath(path);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Whether a path from {@link #requestPath(HttpServletRequest)} matches one of the patterns.
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

	/** Whether there are no patterns. */
	public boolean isEmpty() {
		return this.patterns.isEmpty();
	}

	/** The patterns as configured. */
	public List<String> getPatterns() {
		return this.sources;
	}

	/**
	 * The path the client asked for, within the application, unparsed: on an error or forward dispatch, the original
	 * request's path; without the context path.
	 * @param request the request
	 * @return the path, {@code /} at least
	 */
	public static String pathWithinApplication(HttpServletRequest request) {
		Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (original == null) {
			original = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
		}
		String uri = (original instanceof String text) ? text : request.getRequestURI();
		if (uri == null || uri.isEmpty()) {
			return "/";
		}
		String contextPath = request.getContextPath();
		if (contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)) {
			uri = uri.substring(contextPath.length());
		}
		return uri.isEmpty() ? "/" : uri;
	}

	@Override
	public String toString() {
		return this.sources.toString();
	}

}
