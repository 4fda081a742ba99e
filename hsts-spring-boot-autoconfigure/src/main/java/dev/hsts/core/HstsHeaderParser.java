package dev.hsts.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code Strict-Transport-Security} the way browsers do (RFC 6797 section 6.1 as
 * Chromium and Firefox implement it), so a test or a check sees what a browser does with
 * a header rather than whether its text looks right. Stateless and thread-safe.
 * <p>
 * The rules, each with its source:
 * <ul>
 * <li>Several header fields: both browsers process only the first (RFC 6797 section 8.1;
 * Chromium lists the header as non-coalescing in {@code HttpUtil::IsNonCoalescingHeader}
 * and reads it with {@code EnumerateHeader(nullptr, ...)} in
 * {@code URLRequestHttpJob::ProcessStrictTransportSecurityHeader}; Firefox's
 * {@code nsHttpHeaderArray::IsIgnoreMultipleHeader}). A proxy that merges them into one
 * line with a comma makes the header invalid in both.</li>
 * <li>Directive names are case-insensitive; order does not matter; unknown directives are
 * ignored, {@code preload} included (no browser reads it, the preload list's checker
 * does).</li>
 * <li>A directive that appears twice ({@code max-age}, {@code includeSubDomains})
 * invalidates the whole header in both.</li>
 * <li>{@code max-age} is required, digits only ({@code +1}, {@code -1}, {@code 1.5} are
 * refused), may be quoted ({@code max-age="100"}); leading zeros are accepted. A value
 * too large: Chromium clamps it to one year ({@code kMaxHSTSAgeSecs}, also on overflow);
 * Firefox clamps to 100 years ({@code sMaxMaxAgeInSeconds}), but refuses a value that
 * does not fit 64 bits ({@code Tokenizer::ReadInteger}).</li>
 * <li>{@code includeSubDomains} must have no value.</li>
 * <li>Empty directives ({@code ;;}) and spaces or tabs around names, {@code =} and values
 * are accepted. A directive without a name but with a value ({@code =2}), and an unknown
 * directive with an empty value ({@code foo=}), are refused by Chromium and ignored by
 * Firefox. A character outside the token grammar in an unknown directive refuses the
 * header in both.</li>
 * </ul>
 */
public final class HstsHeaderParser {

	/** Chromium's cap, {@code kMaxHSTSAgeSecs} (net/http/http_security_headers.h). */
	public static final long CHROMIUM_MAX_AGE_CAP = 86_400L * 365;

	/**
	 * Firefox's cap, {@code sMaxMaxAgeInSeconds}
	 * (security/manager/ssl/nsSiteSecurityService.cpp).
	 */
	public static final long FIREFOX_MAX_AGE_CAP = 60L * 60 * 24 * 365 * 100;

	static final String NO_HEADER = "no Strict-Transport-Security header";

	private HstsHeaderParser() {
	}

	/**
	 * Reads one header field value.
	 * @param fieldValue the value, or {@code null} for no header
	 * @return what browsers do with it
	 */
	public static ParsedHstsHeader parse(String fieldValue) {
		return parse((fieldValue != null) ? List.of(fieldValue) : List.of());
	}

	/**
	 * Reads the values of every {@code Strict-Transport-Security} field of one response,
	 * in the order received.
	 * @param fieldValues the values (empty for no header)
	 * @return what browsers do with them
	 */
	public static ParsedHstsHeader parse(List<String> fieldValues) {
		List<String> values = new ArrayList<>();
		if (fieldValues != null) {
			for (String value : fieldValues) {
				if (value != null) {
					values.add(value);
				}
			}
		}
		List<HstsBrowserReading> readings = new ArrayList<>();
		for (BrowserEngine engine : BrowserEngine.values()) {
			readings.add(values.isEmpty() ? ignored(engine, NO_HEADER) : read(engine, values.get(0)));
		}
		return new ParsedHstsHeader(values, readings);
	}

	/**
	 * What one engine does with one field value.
	 * @param engine the engine
	 * @param fieldValue the value
	 * @return the reading
	 */
	public static HstsBrowserReading read(BrowserEngine engine, String fieldValue) {
		if (fieldValue == null) {
			return ignored(engine, NO_HEADER);
		}
		return (engine == BrowserEngine.CHROMIUM) ? new ChromiumReader(fieldValue).read()
				: new FirefoxReader(fieldValue).read();
	}

	/**
	 * The directives of a value read leniently, for notes and for what was sent: split on
	 * {@code ;} outside quotes, trimmed, empty ones as {@code null}.
	 * @param value the field value
	 * @return each directive as {name, value or null (no '='), or null for an empty one}
	 */
	static List<String[]> lenientDirectives(String value) {
		List<String[]> directives = new ArrayList<>();
		for (String token : ChromiumReader.splitOutsideQuotes(value)) {
			String item = ChromiumReader.trimLws(token);
			if (item.isEmpty()) {
				directives.add(null);
				continue;
			}
			int equals = item.indexOf('=');
			if (equals < 0) {
				directives.add(new String[] { item, null });
				continue;
			}
			String directiveValue = ChromiumReader.trimLws(item.substring(equals + 1));
			String unquoted = ChromiumReader.strictUnquote(directiveValue);
			directives.add(new String[] { ChromiumReader.trimLws(item.substring(0, equals)),
					(unquoted != null) ? unquoted : directiveValue });
		}
		return directives;
	}

	static HstsBrowserReading ignored(BrowserEngine engine, String reason) {
		return new HstsBrowserReading(engine, false, -1, false, reason);
	}

	static boolean isTokenChar(char c) {
		if (c <= 32 || c >= 127) {
			return false;
		}
		return "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
	}

	static boolean isToken(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (!isTokenChar(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	static boolean isDigits(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Parses digits into a long, saturating at {@link Long#MAX_VALUE}.
	 * @param digits only ASCII digits
	 * @return the value
	 */
	static long saturatedValue(String digits) {
		long value = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(i) - '0';
			if (value > (Long.MAX_VALUE - digit) / 10) {
				return Long.MAX_VALUE;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	/** Whether digits fit an unsigned 64-bit integer. */
	static boolean fitsUnsigned64(String digits) {
		String trimmed = stripLeadingZeros(digits);
		if (trimmed.length() != 20) {
			return trimmed.length() < 20;
		}
		return trimmed.compareTo("18446744073709551615") <= 0;
	}

	private static String stripLeadingZeros(String digits) {
		int i = 0;
		while (i < digits.length() - 1 && digits.charAt(i) == '0') {
			i++;
		}
		return digits.substring(i);
	}

	static String quote(String text) {
		return "\"" + text + "\"";
	}

	/**
	 * Chromium: {@code ParseHSTSHeader} over {@code HttpUtil::NameValuePairsIterator}
	 * (delimiter {@code ;}, values optional, strict quotes).
	 */
	private static final class ChromiumReader {

		private final String value;

		ChromiumReader(String value) {
			this.value = value;
		}

		HstsBrowserReading read() {
			long maxAge = 0;
			boolean maxAgeSeen = false;
			boolean includeSubDomains = false;
			for (String token : splitOutsideQuotes(this.value)) {
				String item = trimLws(token);
				if (item.isEmpty()) {
					continue;
				}
				int equals = item.indexOf('=');
				if (equals == 0) {
					return reject("a directive has no name: " + quote(item));
				}
				String name;
				String directiveValue;
				if (equals > 0) {
					if (item.substring(0, equals).indexOf('"') >= 0) {
						return reject("a quote before '=' in " + quote(item));
					}
					name = trimLws(item.substring(0, equals));
					directiveValue = trimLws(item.substring(equals + 1));
					if (directiveValue.isEmpty()) {
						return reject(name.equalsIgnoreCase("max-age") ? "max-age has no value"
								: name.equalsIgnoreCase("includeSubDomains") ? "includeSubDomains must not have a value"
										: name + " has an empty value");
					}
				}
				else {
					name = item;
					directiveValue = "";
				}
				boolean quoted = false;
				if (!directiveValue.isEmpty() && directiveValue.charAt(0) == '"') {
					quoted = true;
					String unquoted = strictUnquote(directiveValue);
					if (unquoted == null) {
						return reject("the value of " + name + " is not a valid quoted string: " + directiveValue);
					}
					directiveValue = unquoted;
				}
				if (name.equalsIgnoreCase("max-age")) {
					if (maxAgeSeen) {
						return reject("max-age appears twice");
					}
					maxAgeSeen = true;
					if (!isDigits(directiveValue)) {
						return reject(directiveValue.isEmpty() && !quoted ? "max-age has no value"
								: "max-age is not a whole number of seconds: " + quote(directiveValue));
					}
					maxAge = Math.min(saturatedValue(directiveValue), CHROMIUM_MAX_AGE_CAP);
				}
				else if (name.equalsIgnoreCase("includeSubDomains")) {
					if (includeSubDomains) {
						return reject("includeSubDomains appears twice");
					}
					if (!directiveValue.isEmpty() || quoted) {
						return reject("includeSubDomains must not have a value");
					}
					includeSubDomains = true;
				}
				else {
					if (!isToken(name)) {
						return reject("a directive name is not a token: " + quote(name));
					}
					if (!directiveValue.isEmpty() && !quoted && !isToken(directiveValue)) {
						return reject(
								"the value of " + name + " is not a token or quoted string: " + quote(directiveValue));
					}
				}
			}
			if (!maxAgeSeen) {
				return reject("max-age is missing");
			}
			return new HstsBrowserReading(BrowserEngine.CHROMIUM, true, maxAge, includeSubDomains, null);
		}

		private static HstsBrowserReading reject(String reason) {
			return ignored(BrowserEngine.CHROMIUM, reason);
		}

		/** base::StringTokenizer with delimiter ';' and quote char '"'. */
		static List<String> splitOutsideQuotes(String text) {
			List<String> tokens = new ArrayList<>();
			StringBuilder current = new StringBuilder();
			boolean inQuote = false;
			boolean inEscape = false;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (inQuote) {
					if (inEscape) {
						inEscape = false;
					}
					else if (c == '\\') {
						inEscape = true;
					}
					else if (c == '"') {
						inQuote = false;
					}
					current.append(c);
				}
				else if (c == ';') {
					tokens.add(current.toString());
					current.setLength(0);
				}
				else {
					if (c == '"') {
						inQuote = true;
					}
					current.append(c);
				}
			}
			tokens.add(current.toString());
			return tokens;
		}

		/** HttpUtil::StrictUnquote. */
		static String strictUnquote(String text) {
			if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
				return null;
			}
			StringBuilder out = new StringBuilder();
			boolean escape = false;
			for (int i = 1; i < text.length() - 1; i++) {
				char c = text.charAt(i);
				if (c == '\\' && !escape) {
					escape = true;
					continue;
				}
				if (!escape && c == '"') {
					return null;
				}
				escape = false;
				out.append(c);
			}
			return escape ? null : out.toString();
		}

		static String trimLws(String text) {
			int begin = 0;
			int end = text.length();
			while (begin < end && isLws(text.charAt(begin))) {
				begin++;
			}
			while (end > begin && isLws(text.charAt(end - 1))) {
				end--;
			}
			return text.substring(begin, end);
		}

		private static boolean isLws(char c) {
			return c == ' ' || c == '\t';
		}

	}

	/**
	 * Firefox: {@code nsSecurityHeaderParser} (the grammar) and
	 * {@code ParseSSSHeaders}/{@code ProcessSTSHeader} (the directives).
	 */
	private static final class FirefoxReader {

		private final String text;

		private int cursor;

		private boolean error;

		private int errorAt;

		private final List<String[]> directives = new ArrayList<>();

		FirefoxReader(String text) {
			this.text = text;
		}

		HstsBrowserReading read() {
			header();
			if (this.error || this.cursor < this.text.length()) {
				int at = this.error ? this.errorAt : this.cursor;
				String rest = this.text.substring(Math.min(at, this.text.length()));
				return reject(rest.isEmpty() ? "the header does not parse: it ends inside a quoted string"
						: "the header does not parse at " + quote(rest));
			}
			boolean maxAgeSeen = false;
			long maxAge = 0;
			boolean includeSubDomains = false;
			for (String[] directive : this.directives) {
				String name = directive[0];
				String value = directive[1];
				if (name.toLowerCase(Locale.ROOT).equals("max-age")) {
					if (maxAgeSeen) {
						return reject("max-age appears twice");
					}
					maxAgeSeen = true;
					if (value == null || value.isEmpty()) {
						return reject("max-age has no value");
					}
					if (!isDigits(value)) {
						return reject("max-age is not a whole number of seconds: " + quote(value));
					}
					if (!fitsUnsigned64(value)) {
						return reject("max-age does not fit 64 bits: " + value);
					}
					maxAge = Math.min(saturatedValue(value), FIREFOX_MAX_AGE_CAP);
				}
				else if (name.toLowerCase(Locale.ROOT).equals("includesubdomains")) {
					if (includeSubDomains) {
						return reject("includeSubDomains appears twice");
					}
					if (value != null) {
						return reject("includeSubDomains must not have a value");
					}
					includeSubDomains = true;
				}
			}
			if (!maxAgeSeen) {
				return reject("max-age is missing");
			}
			return new HstsBrowserReading(BrowserEngine.FIREFOX, true, maxAge, includeSubDomains, null);
		}

		private static HstsBrowserReading reject(String reason) {
			return ignored(BrowserEngine.FIREFOX, reason);
		}

		private char current() {
			return (this.cursor < this.text.length()) ? this.text.charAt(this.cursor) : '\0';
		}

		private boolean accept(char c) {
			if (this.cursor < this.text.length() && this.text.charAt(this.cursor) == c) {
				this.cursor++;
				return true;
			}
			return false;
		}

		private void expect(char c) {
			if (!accept(c)) {
				fail();
			}
		}

		private void fail() {
			if (!this.error) {
				this.error = true;
				this.errorAt = this.cursor;
			}
		}

		private void header() {
			directive();
			while (!this.error && accept(';')) {
				directive();
			}
		}

		private void directive() {
			lwsMultiple();
			String name = token();
			String value = null;
			lwsMultiple();
			if (accept('=')) {
				lwsMultiple();
				value = directiveValue();
				lwsMultiple();
			}
			this.directives.add(new String[] { name, value });
		}

		private String directiveValue() {
			if (this.cursor < this.text.length() && isTokenChar(current())) {
				return token();
			}
			if (accept('"')) {
				StringBuilder out = new StringBuilder();
				while (this.cursor < this.text.length()) {
					char c = current();
					if (isQuotedTextChar(c)) {
						out.append(c);
						this.cursor++;
					}
					else if (c == '\\') {
						out.append(c);
						this.cursor++;
						if (this.cursor >= this.text.length()) {
							fail();
							break;
						}
						if (current() < 128) {
							out.append(current());
							this.cursor++;
						}
					}
					else {
						break;
					}
				}
				expect('"');
				return out.toString();
			}
			return "";
		}

		private String token() {
			int start = this.cursor;
			while (this.cursor < this.text.length() && isTokenChar(current())) {
				this.cursor++;
			}
			return this.text.substring(start, this.cursor);
		}

		private static boolean isQuotedTextChar(char c) {
			return (c >= 32 && c != '"' && c != '\\' && c < 127) || c == '\t' || c == '\n' || c == '\r';
		}

		private void lwsMultiple() {
			while (!this.error) {
				if (accept('\r')) {
					expect('\n');
					if (!(accept(' ') || accept('\t'))) {
						fail();
					}
					lws();
				}
				else if (accept(' ') || accept('\t')) {
					lws();
				}
				else {
					break;
				}
			}
		}

		private void lws() {
			while (accept(' ') || accept('\t')) {
				// skip
			}
		}

	}

}
