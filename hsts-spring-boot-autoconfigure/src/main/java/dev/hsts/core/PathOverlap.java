package dev.hsts.core;

import java.util.regex.Pattern;

/**
 * Whether two path patterns ({@link PathPatterns} syntax) can match the same path:
 * segment by segment, {@code **} and <code>{*name}</code> standing for any number of
 * segments. Errs towards "they can": two segments with wildcards on both sides are taken
 * to overlap unless their literal starts or ends differ, so that a startup check built on
 * it asks for an {@code order} rather than let a path's policy depend on chance.
 */
final class PathOverlap {

	private PathOverlap() {
	}

	static boolean mayOverlap(String first, String second) {
		return overlap(first.split("/", -1), 0, second.split("/", -1), 0);
	}

	private static boolean overlap(String[] a, int i, String[] b, int j) {
		if (i == a.length && j == b.length) {
			return true;
		}
		if (i < a.length && isAnySegments(a[i])) {
			return overlap(a, i + 1, b, j) || (j < b.length && overlap(a, i, b, j + 1));
		}
		if (j < b.length && isAnySegments(b[j])) {
			return overlap(a, i, b, j + 1) || (i < a.length && overlap(a, i + 1, b, j));
		}
		if (i == a.length || j == b.length) {
			return false;
		}
		return segmentsOverlap(a[i], b[j]) && overlap(a, i + 1, b, j + 1);
	}

	private static boolean isAnySegments(String segment) {
		return segment.equals("**") || (segment.startsWith("{*") && segment.endsWith("}"));
	}

	private static boolean hasWildcard(String segment) {
		return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0 || segment.indexOf('{') >= 0;
	}

	private static boolean segmentsOverlap(String x, String y) {
		boolean wildX = hasWildcard(x);
		boolean wildY = hasWildcard(y);
		if (!wildX && !wildY) {
			return x.equals(y);
		}
		if (!wildX) {
			return regex(y).matcher(x).matches();
		}
		if (!wildY) {
			return regex(x).matcher(y).matches();
		}
		String startX = literalStart(x);
		String startY = literalStart(y);
		String endX = literalEnd(x);
		String endY = literalEnd(y);
		return (startX.startsWith(startY) || startY.startsWith(startX)) && (endX.endsWith(endY) || endY.endsWith(endX));
	}

	private static String literalStart(String segment) {
		int i = 0;
		while (i < segment.length() && "*?{".indexOf(segment.charAt(i)) < 0) {
			i++;
		}
		return segment.substring(0, i);
	}

	private static String literalEnd(String segment) {
		int i = segment.length();
		while (i > 0 && "*?}".indexOf(segment.charAt(i - 1)) < 0) {
			i--;
		}
		return segment.substring(i);
	}

	/** A segment with wildcards as a regular expression over one segment. */
	private static Pattern regex(String segment) {
		StringBuilder regex = new StringBuilder();
		StringBuilder literal = new StringBuilder();
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '*' || c == '?' || c == '{') {
				if (literal.length() > 0) {
					regex.append(Pattern.quote(literal.toString()));
					literal.setLength(0);
				}
				if (c == '*') {
					regex.append(".*");
				}
				else if (c == '?') {
					regex.append('.');
				}
				else {
					int close = segment.indexOf('}', i);
					i = (close >= 0) ? close : segment.length();
					regex.append(".+");
				}
			}
			else {
				literal.append(c);
			}
		}
		if (literal.length() > 0) {
			regex.append(Pattern.quote(literal.toString()));
		}
		return Pattern.compile(regex.toString());
	}

}
