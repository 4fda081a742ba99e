package dev.hsts.core;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) for untrusted bodies such as CSP violation
 * reports: the input is a bounded byte array, decoded as strict UTF-8; nesting deeper
 * than a limit, more values than a limit, a key given twice in one object, a control
 * character or a lone surrogate escape in a string, trailing data and every other
 * deviation from the grammar are refused with a {@link MalformedJsonException}. Objects
 * are read as {@link LinkedHashMap}, arrays as {@link ArrayList}, strings as
 * {@link String}, integers as {@link Long}, other numbers as {@link Double}, booleans as
 * {@link Boolean} and {@code null} as {@link #NULL}. Not thread-safe; one instance per
 * body.
 */
final class BoundedJsonReader {

	/** The value read for JSON {@code null}. */
	static final Object NULL = new Object() {
		@Override
		public String toString() {
			return "null";
		}
	};

	private static final int MAX_NUMBER_LENGTH = 32;

	private final String text;

	private final int maxDepth;

	private final int maxValues;

	private int at;

	private int values;

	private BoundedJsonReader(String text, int maxDepth, int maxValues) {
		this.text = text;
		this.maxDepth = maxDepth;
		this.maxValues = maxValues;
	}

	/**
	 * Reads one JSON document.
	 * @param body the bytes
	 * @param length how many of them to read
	 * @param maxDepth the deepest nesting of arrays and objects allowed (1: a flat
	 * object)
	 * @param maxValues the most values (of any kind, keys excluded) allowed
	 * @return the value
	 * @throws MalformedJsonException if the body is not one JSON value within the limits
	 */
	static Object read(byte[] body, int length, int maxDepth, int maxValues) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		CharBuffer chars;
		try {
			chars = decoder.decode(ByteBuffer.wrap(body, 0, length));
		}
		catch (CharacterCodingException ex) {
			throw new MalformedJsonException("the body is not UTF-8");
		}
		String text = chars.toString();
		BoundedJsonReader reader = new BoundedJsonReader(text, maxDepth, maxValues);
		if (text.startsWith("\uFEFF")) {
			throw new MalformedJsonException("the body starts with a byte order mark");
		}
		reader.skipWhitespace();
		Object value = reader.value(0);
		reader.skipWhitespace();
		if (reader.at != text.length()) {
			throw reader.error("data after the JSON value");
		}
		return value;
	}

	private Object value(int depth) {
		if (++this.values > this.maxValues) {
			throw error("more than " + this.maxValues + " values");
		}
		if (this.at >= this.text.length()) {
			throw error("the body ends where a value was expected");
		}
		char c = this.text.charAt(this.at);
		switch (c) {
			case '{':
				return object(depth + 1);
			case '[':
				return array(depth + 1);
			case '"':
				return string();
			case 't':
				literal("true");
				return Boolean.TRUE;
			case 'f':
				literal("false");
				return Boolean.FALSE;
			case 'n':
				literal("null");
				return NULL;
			default:
				if (c == '-' || (c >= '0' && c <= '9')) {
					return number();
				}
				throw error("unexpected character");
		}
	}

	private Map<String, Object> object(int depth) {
		if (depth > this.maxDepth) {
			throw error("nested deeper than " + this.maxDepth);
		}
		this.at++;
		Map<String, Object> members = new LinkedHashMap<>();
		skipWhitespace();
		if (peek() == '}') {
			this.at++;
			return members;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw error("a key was expected");
			}
			String key = string();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			Object value = value(depth);
			if (members.putIfAbsent(key, value) != null) {
				throw error("the key \"" + UntrustedText.escape(key) + "\" appears twice");
			}
			skipWhitespace();
			char c = peek();
			this.at++;
			if (c == '}') {
				return members;
			}
			if (c != ',') {
				this.at--;
				throw error("',' or '}' was expected");
			}
		}
	}

	private List<Object> array(int depth) {
		if (depth > this.maxDepth) {
			throw error("nested deeper than " + this.maxDepth);
		}
		this.at++;
		List<Object> elements = new ArrayList<>();
		skipWhitespace();
		if (peek() == ']') {
			this.at++;
			return elements;
		}
		while (true) {
			skipWhitespace();
			elements.add(value(depth));
			skipWhitespace();
			char c = peek();
			this.at++;
			if (c == ']') {
				return elements;
			}
			if (c != ',') {
				this.at--;
				throw error("',' or ']' was expected");
			}
		}
	}

	private String string() {
		this.at++;
		StringBuilder result = null;
		int start = this.at;
		while (true) {
			if (this.at >= this.text.length()) {
				throw error("a string is not closed");
			}
			char c = this.text.charAt(this.at);
			if (c == '"') {
				String tail = this.text.substring(start, this.at);
				this.at++;
				return (result != null) ? result.append(tail).toString() : tail;
			}
			if (c < 0x20) {
				throw error("a control character in a string");
			}
			if (c == '\\') {
				if (result == null) {
					result = new StringBuilder();
				}
				result.append(this.text, start, this.at);
				this.at++;
				escape(result);
				start = this.at;
				continue;
			}
			this.at++;
		}
	}

	private void escape(StringBuilder result) {
		if (this.at >= this.text.length()) {
			throw error("a string is not closed");
		}
		char c = this.text.charAt(this.at++);
		switch (c) {
			case '"', '\\', '/' -> result.append(c);
			case 'b' -> result.append('\b');
			case 'f' -> result.append('\f');
			case 'n' -> result.append('\n');
			case 'r' -> result.append('\r');
			case 't' -> result.append('\t');
			case 'u' -> {
				char unit = hex4();
				if (Character.isHighSurrogate(unit)) {
					if (!this.text.startsWith("\\u", this.at)) {
						throw error("a lone surrogate escape");
					}
					this.at += 2;
					char low = hex4();
					if (!Character.isLowSurrogate(low)) {
						throw error("a lone surrogate escape");
					}
					result.append(unit).append(low);
				}
				else if (Character.isLowSurrogate(unit)) {
					throw error("a lone surrogate escape");
				}
				else {
					result.append(unit);
				}
			}
			default -> throw error("an unknown escape");
		}
	}

	private char hex4() {
		if (this.at + 4 > this.text.length()) {
			throw error("a \\u escape is cut short");
		}
		int unit = 0;
		for (int i = 0; i < 4; i++) {
			int digit = Character.digit(this.text.charAt(this.at++), 16);
			if (digit < 0) {
				throw error("a \\u escape with a non-hex digit");
			}
			unit = (unit << 4) | digit;
		}
		return (char) unit;
	}

	private Object number() {
		int start = this.at;
		if (peek() == '-') {
			this.at++;
		}
		if (peek() == '0') {
			this.at++;
		}
		else if (isDigit(peek())) {
			digits();
		}
		else {
			throw error("a number without digits");
		}
		boolean integral = true;
		if (peek() == '.') {
			integral = false;
			this.at++;
			if (!isDigit(peek())) {
				throw error("a number without digits after '.'");
			}
			digits();
		}
		if (peek() == 'e' || peek() == 'E') {
			integral = false;
			this.at++;
			if (peek() == '+' || peek() == '-') {
				this.at++;
			}
			if (!isDigit(peek())) {
				throw error("a number without digits in its exponent");
			}
			digits();
		}
		if (this.at - start > MAX_NUMBER_LENGTH) {
			throw error("a number longer than " + MAX_NUMBER_LENGTH + " characters");
		}
		String number = this.text.substring(start, this.at);
		if (integral) {
			try {
				return Long.valueOf(number);
			}
			catch (NumberFormatException ex) {
				// Out of range for a long.
			}
		}
		return Double.valueOf(number);
	}

	private void digits() {
		while (isDigit(peek())) {
			this.at++;
		}
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private void literal(String literal) {
		if (!this.text.startsWith(literal, this.at)) {
			throw error("unexpected character");
		}
		this.at += literal.length();
	}

	private void expect(char c) {
		if (peek() != c) {
			throw error("'" + c + "' was expected");
		}
		this.at++;
	}

	/** The next character, or NUL at the end (NUL is never valid outside strings). */
	private char peek() {
		return (this.at < this.text.length()) ? this.text.charAt(this.at) : '\0';
	}

	private void skipWhitespace() {
		while (this.at < this.text.length()) {
			char c = this.text.charAt(this.at);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			this.at++;
		}
	}

	private MalformedJsonException error(String reason) {
		return new MalformedJsonException(reason + " at character " + this.at);
	}

	/** The body is not JSON, or not within the limits. */
	static final class MalformedJsonException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MalformedJsonException(String message) {
			super(message, null, false, false);
		}

	}

}
