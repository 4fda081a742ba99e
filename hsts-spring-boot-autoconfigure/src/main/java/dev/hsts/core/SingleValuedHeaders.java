package dev.hsts.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The security headers a response may carry only once: a second copy makes the whole
 * policy invalid to scanners (and browsers use only one of them), so a second value
 * replaces the first instead of joining it.
 */
public final class SingleValuedHeaders {

	/**
	 * The names, indexed by length, so that the look-up for any other header (every
	 * header an application sets goes through it) is one array access and most often
	 * nothing more.
	 */
	private static final String[][] BY_LENGTH = byLength("Strict-Transport-Security", "X-Content-Type-Options",
			"X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Content-Security-Policy",
			"Content-Security-Policy-Report-Only", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy",
			"Cross-Origin-Embedder-Policy", "X-Permitted-Cross-Domain-Policies", "Origin-Agent-Cluster",
			"X-DNS-Prefetch-Control", "X-XSS-Protection");

	/** Every name, in the usual spelling. */
	public static final List<String> NAMES = names();

	private SingleValuedHeaders() {
	}

	private static List<String> names() {
		List<String> names = new ArrayList<>();
		for (String[] sameLength : BY_LENGTH) {
			if (sameLength != null) {
				names.addAll(List.of(sameLength));
			}
		}
		return List.copyOf(names);
	}

	private static String[][] byLength(String... names) {
		int longest = 0;
		for (String name : names) {
			longest = Math.max(longest, name.length());
		}
		String[][] byLength = new String[longest + 1][];
		for (String name : names) {
			String[] sameLength = byLength[name.length()];
			sameLength = (sameLength != null) ? Arrays.copyOf(sameLength, sameLength.length + 1) : new String[1];
			sameLength[sameLength.length - 1] = name;
			byLength[name.length()] = sameLength;
		}
		return byLength;
	}

	/**
	 * Whether a response may carry a header only once.
	 * @param name a header name
	 * @return whether it is one of the single-valued security headers (compared ignoring
	 * case)
	 */
	public static boolean contains(String name) {
		if (name == null || name.length() >= BY_LENGTH.length) {
			return false;
		}
		String[] sameLength = BY_LENGTH[name.length()];
		if (sameLength != null) {
			for (String candidate : sameLength) {
				if (candidate.equalsIgnoreCase(name)) {
					return true;
				}
			}
		}
		return false;
	}

}
