package dev.hsts.core;

import java.util.List;

/**
 * Reads {@code Strict-Transport-Security} the way browsers do (RFC 6797 section 6.1 as
 * Chromium and Firefox implement it), so a test or a check sees what a browser does with
 * a header rather than whether its text looks right. Stateless and thread-safe.
 * <p>
 * The rules, each with its source:
 * <ul>
 * <li>Several header fields: both browsers process only the first (RFC 6797 section 8.1;
 * Chromium lists the header as non-coalescing in {@code HttpUtil::IsNonCoalescingHeader}
 * and reads it with {@code EnumerateHeader(nullptr, ...)}; Firefox's
 * {@code nsHttpHeaderArray::IsIgnoreMultipleHeader}). A proxy that merges them into one
 * line with a comma makes the header invalid in both.</li>
 * <li>Directive names are case-insensitive; order does not matter; unknown directives are
 * ignored, {@code preload} included (no browser reads it, the preload list's checker
 * does).</li>
 * <li>A directive that appears twice ({@code max-age}, {@code includeSubDomains})
 * invalidates the whole header in both.</li>
 * <li>{@code max-age} is required, digits only ({@code +1}, {@code -1}, {@code 1.5} are
 * refused), may be quoted ({@code max-age="100"}); leading zeros are accepted. A value
 * too large: Chromium clamps it to one year ({@code kMaxHSTSAgeSecs}); Firefox clamps to
 * 100 years, but refuses a value that does not fit 64 bits.</li>
 * <li>{@code includeSubDomains} must have no value.</li>
 * <li>Empty directives ({@code ;;}) and whitespace around names, {@code =} and values are
 * accepted. A directive without a name but with a value ({@code =2}) is refused by
 * Chromium and ignored by Firefox; an unknown directive with an empty value
 * ({@code foo=}) likewise.</li>
 * </ul>
 */
public final class HstsHeaderParser {

	private HstsHeaderParser() {
	}

	/**
	 * Reads one header field value.
	 * @param fieldValue the value, or {@code null} for no header
	 * @return what browsers do with it
	 */
	public static ParsedHstsHeader parse(String fieldValue) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Reads the values of every {@code Strict-Transport-Security} field of one response,
	 * in the order received.
	 * @param fieldValues the values (empty for no header)
	 * @return what browsers do with them
	 */
	public static ParsedHstsHeader parse(List<String> fieldValues) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * What one engine does with one field value.
	 * @param engine the engine
	 * @param fieldValue the value
	 * @return the reading
	 */
	public static HstsBrowserReading read(BrowserEngine engine, String fieldValue) {
		throw new UnsupportedOperationException("not yet");
	}

}
