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

	private RequestPathPatterns(List<PathPattern> patterns, List<String> sources) {
		this.patterns = patterns;
		this.sources = sources;
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
		return !this.patterns.isEmpty() && matches(requestPath(request));
	}

	/**
	 * The path the client asked for, within the application, parsed once for several {@link #matches(PathContainer)}
	 * checks.
	 * @param request the request
	 * @return the parsed path, or {@code null} if it cannot be decoded (it is rejected elsewhere and matches no
	 * pattern here)
	 */
	public static PathContainer requestPath(HttpServletRequest request) {
		try {
			return PathContainer.parsePath(pathWithinApplication(request));
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

	static String pathWithinApplication(HttpServletRequest request) {
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
