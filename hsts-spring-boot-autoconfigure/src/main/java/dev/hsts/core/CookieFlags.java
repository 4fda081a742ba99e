package dev.hsts.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The flags added to the cookies an application sets: {@code Secure} (on secure requests
 * only), {@code HttpOnly} and {@code SameSite}, each only where the cookie lacks it, with
 * per-cookie-name exceptions. A flag the cookie has is never changed or removed.
 *
 * <p>
 * {@code SameSite=None} is never added to a cookie that will not carry {@code Secure}
 * (browsers reject such a cookie, so the application would lose it): on a plain request
 * such a cookie keeps no {@code SameSite} attribute, and the browser applies its default.
 * A configuration that would add {@code SameSite=None} but never {@code Secure} is
 * refused.
 *
 * <p>
 * {@link #amend(String, boolean)} reads a {@code Set-Cookie} value the way browsers do
 * (RFC 6265: attributes split at {@code ;}, names case-insensitive, surrounding
 * whitespace ignored); it never throws and never changes what is already there, it only
 * appends.
 */
public final class CookieFlags {

	/** {@link #missing} bit: {@code Secure} is to be added. */
	public static final int SECURE = 1;

	/** {@link #missing} bit: {@code HttpOnly} is to be added. */
	public static final int HTTP_ONLY = 2;

	/**
	 * {@link #missing} bit: {@code SameSite} ({@link #sameSite(String)}) is to be added.
	 */
	public static final int SAME_SITE = 4;

	/** The {@code SameSite} value that adds no attribute. */
	public static final String DISABLED = "disabled";

	private static final String NONE = "None";

	private final Rule defaults;

	private final Map<String, Rule> exceptions;

	private CookieFlags(Rule defaults, Map<String, Rule> exceptions) {
		this.defaults = defaults;
		this.exceptions = Collections.unmodifiableMap(exceptions);
	}

	/**
	 * Starts a policy from its defaults.
	 * @param path where the settings sit, relative to the configuration
	 * ({@code cookies}), for the messages
	 * @param secure whether to add {@code Secure} on secure requests
	 * @param httpOnly whether to add {@code HttpOnly}
	 * @param sameSite {@code Strict}, {@code Lax}, {@code None} (any letter case) or
	 * {@code disabled}
	 * @return the builder
	 * @throws InvalidPolicyException for a value no browser takes, or {@code None}
	 * without {@code secure}
	 */
	public static Builder builder(String path, boolean secure, boolean httpOnly, String sameSite) {
		return new Builder(path, secure, httpOnly, sameSite);
	}

	/**
	 * The rule for a cookie: its exception, or the defaults.
	 * @param name the cookie's name (exact, case-sensitive)
	 * @return the rule
	 */
	public Rule rule(String name) {
		if (!this.exceptions.isEmpty() && name != null) {
			Rule exception = this.exceptions.get(name);
			if (exception != null) {
				return exception;
			}
		}
		return this.defaults;
	}

	/** The rule for cookies without an exception. */
	public Rule defaults() {
		return this.defaults;
	}

	/** The exceptions, by exact cookie name, in configuration order. */
	public Map<String, Rule> exceptions() {
		return this.exceptions;
	}

	/**
	 * Which flags a cookie is to get.
	 * @param name the cookie's name
	 * @param hasSecure whether it has {@code Secure}
	 * @param hasHttpOnly whether it has {@code HttpOnly}
	 * @param hasSameSite whether it has a {@code SameSite} attribute (any value)
	 * @param secureRequest whether the request is secure as the application sees it
	 * @return {@link #SECURE}, {@link #HTTP_ONLY} and {@link #SAME_SITE} bits, 0 for none
	 */
	public int missing(String name, boolean hasSecure, boolean hasHttpOnly, boolean hasSameSite,
			boolean secureRequest) {
		Rule rule = rule(name);
		int missing = 0;
		if (rule.secure && secureRequest && !hasSecure) {
			missing |= SECURE;
		}
		if (rule.httpOnly && !hasHttpOnly) {
			missing |= HTTP_ONLY;
		}
		if (rule.sameSite != null && !hasSameSite
				&& (!NONE.equals(rule.sameSite) || hasSecure || (missing & SECURE) != 0)) {
			missing |= SAME_SITE;
		}
		return missing;
	}

	/**
	 * The {@code SameSite} value a cookie gets when {@link #missing} says
	 * {@link #SAME_SITE}.
	 * @param name the cookie's name
	 * @return {@code Strict}, {@code Lax}, {@code None}, or {@code null}
	 */
	public String sameSite(String name) {
		return rule(name).sameSite;
	}

	/**
	 * A {@code Set-Cookie} value with the flags it lacks appended. What is there is kept
	 * as it is, character for character.
	 * @param setCookie the value (one cookie), may be {@code null}
	 * @param secureRequest whether the request is secure as the application sees it
	 * @return the value with the flags appended, or {@code setCookie} itself when it
	 * needs none (or is {@code null}, empty or blank)
	 */
	public String amend(String setCookie, boolean secureRequest) {
		if (setCookie == null) {
			return null;
		}
		int length = setCookie.length();
		int end = setCookie.indexOf(';');
		int nameValueEnd = (end < 0) ? length : end;
		int equals = setCookie.indexOf('=');
		String name = setCookie.substring(0, (equals >= 0 && equals < nameValueEnd) ? equals : 0).trim();
		if (name.isEmpty() && setCookie.isBlank()) {
			return setCookie;
		}
		boolean hasSecure = false;
		boolean hasHttpOnly = false;
		boolean hasSameSite = false;
		while (end >= 0) {
			int start = end + 1;
			end = setCookie.indexOf(';', start);
			int attributeEnd = (end < 0) ? length : end;
			int nameEnd = setCookie.indexOf('=', start);
			if (nameEnd < 0 || nameEnd > attributeEnd) {
				nameEnd = attributeEnd;
			}
			if (is(setCookie, start, nameEnd, "Secure")) {
				hasSecure = true;
			}
			else if (is(setCookie, start, nameEnd, "HttpOnly")) {
				hasHttpOnly = true;
			}
			else if (is(setCookie, start, nameEnd, "SameSite")) {
				hasSameSite = true;
			}
		}
		int missing = missing(name, hasSecure, hasHttpOnly, hasSameSite, secureRequest);
		if (missing == 0) {
			return setCookie;
		}
		// Appended after the last attribute; a trailing ';' (and the blanks after it)
		// is reused instead of leaving an empty attribute.
		int last = length;
		while (last > 0 && isBlank(setCookie.charAt(last - 1))) {
			last--;
		}
		StringBuilder amended = new StringBuilder(length + 32);
		boolean separated = last > 0 && setCookie.charAt(last - 1) == ';';
		amended.append(setCookie, 0, separated ? last : length);
		if ((missing & SECURE) != 0) {
			separated = append(amended, separated, "Secure");
		}
		if ((missing & HTTP_ONLY) != 0) {
			separated = append(amended, separated, "HttpOnly");
		}
		if ((missing & SAME_SITE) != 0) {
			append(amended, separated, "SameSite=" + sameSite(name));
		}
		return amended.toString();
	}

	private static boolean append(StringBuilder amended, boolean separated, String flag) {
		amended.append(separated ? " " : "; ").append(flag);
		return false;
	}

	/** Whether {@code text[start, end)}, blanks around it ignored, is {@code name}. */
	private static boolean is(String text, int start, int end, String name) {
		while (start < end && isBlank(text.charAt(start))) {
			start++;
		}
		while (end > start && isBlank(text.charAt(end - 1))) {
			end--;
		}
		return end - start == name.length() && text.regionMatches(true, start, name, 0, name.length());
	}

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}

	/** The flags for one cookie name, or for every cookie without an exception. */
	public static final class Rule {

		private final boolean secure;

		private final boolean httpOnly;

		private final String sameSite;

		Rule(boolean secure, boolean httpOnly, String sameSite) {
			this.secure = secure;
			this.httpOnly = httpOnly;
			this.sameSite = sameSite;
		}

		/** Whether {@code Secure} is added (on secure requests). */
		public boolean secure() {
			return this.secure;
		}

		/** Whether {@code HttpOnly} is added. */
		public boolean httpOnly() {
			return this.httpOnly;
		}

		/** The {@code SameSite} value added, or {@code null} for none. */
		public String sameSite() {
			return this.sameSite;
		}

		@Override
		public String toString() {
			return "secure=" + this.secure + ", http-only=" + this.httpOnly + ", same-site="
					+ ((this.sameSite != null) ? this.sameSite : DISABLED);
		}

	}

	/** Builds a policy, checking each value as it is added. */
	public static final class Builder {

		private final String path;

		private final Rule defaults;

		private final Map<String, Rule> exceptions = new LinkedHashMap<>();

		private Builder(String path, boolean secure, boolean httpOnly, String sameSite) {
			this.path = path;
			this.defaults = rule(secure, httpOnly, sameSite(path + ".same-site", sameSite), path + ".same-site",
					sameSite, path + ".secure");
		}

		/**
		 * Adds an exception: the flags of one cookie name, each unset one taken from the
		 * defaults.
		 * @param index its place in the list of exceptions, for the messages
		 * @param name the exact cookie name
		 * @param secure whether to add {@code Secure}, or {@code null} for the default
		 * @param httpOnly whether to add {@code HttpOnly}, or {@code null} for the
		 * default
		 * @param sameSite the {@code SameSite} value or {@code disabled}, or {@code null}
		 * for the default
		 * @return this builder
		 * @throws InvalidPolicyException for a missing, malformed or repeated name, a
		 * value no browser takes, or {@code None} without {@code secure}
		 */
		public Builder exception(int index, String name, Boolean secure, Boolean httpOnly, String sameSite) {
			String at = this.path + ".exceptions[" + index + "]";
			if (name == null || name.isBlank()) {
				throw new InvalidPolicyException(at + ".name", name, "an exception needs the name of its cookie.",
						"Set ${" + at + ".name} to the exact cookie name, e.g. XSRF-TOKEN.");
			}
			if (!isToken(name)) {
				throw new InvalidPolicyException(at + ".name", name,
						"a cookie name is a token: no spaces, control characters or separators such as ; , = \" ( ).",
						"Write the exact cookie name, e.g. XSRF-TOKEN.");
			}
			if (this.exceptions.containsKey(name)) {
				throw new InvalidPolicyException(at + ".name", name, "the cookie is listed twice.",
						"Merge the two entries for " + name + " into one.");
			}
			String chosen = (sameSite != null) ? sameSite(at + ".same-site", sameSite) : this.defaults.sameSite;
			boolean chosenSecure = (secure != null) ? secure : this.defaults.secure;
			boolean chosenHttpOnly = (httpOnly != null) ? httpOnly : this.defaults.httpOnly;
			String refused = (sameSite != null) ? at + ".same-site" : at + ".secure";
			this.exceptions.put(name, rule(chosenSecure, chosenHttpOnly, chosen, refused,
					(sameSite != null) ? sameSite : secure, (secure != null) ? at + ".secure" : this.path + ".secure"));
			return this;
		}

		/**
		 * Keeps a cookie without flags the server was configured to leave out (Spring
		 * Boot's session cookie settings): an exception made from the defaults, unless
		 * one for that name is configured already, which wins.
		 * @param name the cookie's name
		 * @param withoutSecure whether to leave {@code Secure} out
		 * @param withoutHttpOnly whether to leave {@code HttpOnly} out
		 * @param withoutSameSite whether to leave {@code SameSite} out
		 * @return this builder
		 */
		public Builder keep(String name, boolean withoutSecure, boolean withoutHttpOnly, boolean withoutSameSite) {
			if (name == null || !isToken(name) || this.exceptions.containsKey(name)
					|| !(withoutSecure || withoutHttpOnly || withoutSameSite)) {
				return this;
			}
			boolean secure = this.defaults.secure && !withoutSecure;
			String sameSite = withoutSameSite ? null : this.defaults.sameSite;
			if (NONE.equals(sameSite) && !secure) {
				sameSite = null;
			}
			this.exceptions.put(name, new Rule(secure, this.defaults.httpOnly && !withoutHttpOnly, sameSite));
			return this;
		}

		/** The policy. */
		public CookieFlags build() {
			return new CookieFlags(this.defaults, new LinkedHashMap<>(this.exceptions));
		}

		private static Rule rule(boolean secure, boolean httpOnly, String sameSite, String refused, Object value,
				String securePath) {
			if (NONE.equals(sameSite) && !secure) {
				throw new InvalidPolicyException(refused, value,
						"SameSite=None would go on cookies that never get Secure, and browsers reject a SameSite=None "
								+ "cookie without Secure: the application would lose it.",
						"Set ${" + securePath
								+ "}=true (Secure is added on secure requests; on plain ones SameSite=None "
								+ "is left out), or choose Lax or Strict.");
			}
			return new Rule(secure, httpOnly, sameSite);
		}

		/**
		 * @return {@code Strict}, {@code Lax}, {@code None} (that instance), or
		 * {@code null} for {@code disabled}
		 */
		private static String sameSite(String path, String value) {
			String trimmed = (value != null) ? value.trim().toLowerCase(Locale.ROOT) : "";
			if (trimmed.equals("strict")) {
				return "Strict";
			}
			if (trimmed.equals("lax")) {
				return "Lax";
			}
			if (trimmed.equals("none")) {
				return NONE;
			}
			if (trimmed.equals(DISABLED)) {
				return null;
			}
			throw new InvalidPolicyException(path, value, "SameSite is Strict, Lax or None.",
					"Set it to Strict, Lax, None, or disabled to add no SameSite attribute.");
		}

		/**
		 * Whether a name is an RFC 9110 token (what RFC 6265 allows as a cookie name).
		 */
		private static boolean isToken(String name) {
			for (int i = 0; i < name.length(); i++) {
				char c = name.charAt(i);
				if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
					return false;
				}
			}
			return true;
		}

	}

}
