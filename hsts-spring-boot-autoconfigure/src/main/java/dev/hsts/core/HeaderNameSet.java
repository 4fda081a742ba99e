package dev.hsts.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A fixed set of header names, compared ignoring case, looked up on every request: the
 * names are kept by length, so that the look-up of a name of another length (most
 * headers) is one array access, and of a name of a listed length a comparison with the
 * few names of that length. No {@code TreeSet} walk with a case-insensitive comparator,
 * no lower-case copy of the name.
 */
public final class HeaderNameSet {

	private final String[][] byLength;

	private final List<String> names;

	private HeaderNameSet(Collection<String> names) {
		List<String> distinct = new ArrayList<>();
		int longest = 0;
		for (String name : names) {
			if (!containsIgnoringCase(distinct, name)) {
				distinct.add(name);
				longest = Math.max(longest, name.length());
			}
		}
		this.names = List.copyOf(distinct);
		this.byLength = new String[longest + 1][];
		for (String name : distinct) {
			String[] sameLength = this.byLength[name.length()];
			sameLength = (sameLength != null) ? Arrays.copyOf(sameLength, sameLength.length + 1) : new String[1];
			sameLength[sameLength.length - 1] = name;
			this.byLength[name.length()] = sameLength;
		}
	}

	private static boolean containsIgnoringCase(List<String> names, String name) {
		for (String candidate : names) {
			if (candidate.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A set of these names.
	 * @param names header names, each not {@code null}; one that differs from an earlier
	 * one only in case is left out
	 * @return the set
	 */
	public static HeaderNameSet of(Collection<String> names) {
		return new HeaderNameSet(names);
	}

	/**
	 * Whether a name is in the set.
	 * @param name a header name, or {@code null}
	 * @return whether it is one of the names, compared ignoring case
	 */
	public boolean contains(String name) {
		if (name == null || name.length() >= this.byLength.length) {
			return false;
		}
		String[] sameLength = this.byLength[name.length()];
		if (sameLength != null) {
			for (String candidate : sameLength) {
				if (candidate.equalsIgnoreCase(name)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * The names, each once, in the order given.
	 * @return the names
	 */
	public List<String> names() {
		return this.names;
	}

	@Override
	public String toString() {
		return this.names.toString();
	}

}
