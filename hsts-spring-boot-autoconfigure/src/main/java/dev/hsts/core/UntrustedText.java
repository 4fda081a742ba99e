package dev.hsts.core;

/**
 * Renders untrusted text (a configured value, a request header) safely for messages and
 * logs.
 */
public final class UntrustedText {

	private UntrustedText() {
	}

	/**
	 * Returns {@code text} with control characters, backslashes and non-ASCII characters
	 * written as {@code \\uXXXX} escapes, and cut to 100 characters, so that no value can
	 * forge log lines or carry markup.
	 * @param text the text, may be {@code null}
	 * @return the escaped text, {@code "null"} for {@code null}
	 */
	public static String escape(String text) {
		return escape(text, 100);
	}

	/**
	 * {@link #escape(String)} with another length limit.
	 * @param text the text, may be {@code null}
	 * @param maxLength the number of characters kept
	 * @return the escaped text, {@code "null"} for {@code null}
	 */
	public static String escape(String text, int maxLength) {
		if (text == null) {
			return "null";
		}
		int limit = Math.min(text.length(), maxLength);
		StringBuilder escaped = new StringBuilder(limit + 8);
		for (int i = 0; i < limit; i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c > 0x7e || c == '\\' || c == '<' || c == '>' || c == '"') {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		if (text.length() > limit) {
			escaped.append("...(").append(text.length()).append(" chars)");
		}
		return escaped.toString();
	}

	/**
	 * Whether {@code text} contains a space, a control character or DEL.
	 * @param text the text
	 * @return whether it does
	 */
	public static boolean hasControlOrSpace(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c <= ' ' || c == 0x7f) {
				return true;
			}
		}
		return false;
	}

}
