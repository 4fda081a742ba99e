package dev.hsts.reactive;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.ClassUtils;

/**
 * The starter's writes and look-ups of its own headers on Reactor Netty's response
 * headers, by names made once as Netty {@link AsciiString}s.
 *
 * <p>
 * Spring's {@code ReactorServerHttpResponse} keeps its headers in Reactor Netty's
 * response headers ({@code HttpServerResponse.responseHeaders()}, behind Spring's
 * {@code Netty4HeadersAdapter}; so in Spring Framework 6.2 and 7). Netty hashes a header
 * name on every look-up and every {@code set}; a {@code String} name's characters are
 * hashed each time, an {@code AsciiString}'s hash once. Writing and looking up through
 * the native headers is the same operation on the same map, minus those hashes and the
 * adapter's lists; profiled on sample-webflux, the hashing took 0.8 to 1.65 µs per
 * request before, 0.06 after (BENCHMARKS.md).
 *
 * <p>
 * Used only where the exchange's response is Spring's {@code ReactorServerHttpResponse}
 * itself, or the starter's {@link CommitPassResponse} right on it (which has the same
 * headers): another decorated response (a filter's, or Spring's for {@code HEAD}) may
 * change what its headers are, and is written through
 * {@link ServerHttpResponse#getHeaders()}. Instances exist only when Reactor Netty is on
 * the class path ({@link #of(String[])}), and the headers are passed as {@code Object} so
 * that no class outside this one needs Netty's types.
 */
final class ReactorNettyResponseHeaders {

	/** The Spring response class whose headers are Reactor Netty's. */
	private static final String BACKED_RESPONSE = "org.springframework.http.server.reactive.ReactorServerHttpResponse";

	private static final boolean PRESENT = ClassUtils.isPresent("reactor.netty.http.server.HttpServerResponse",
			ReactorNettyResponseHeaders.class.getClassLoader())
			&& ClassUtils.isPresent(BACKED_RESPONSE, ReactorNettyResponseHeaders.class.getClassLoader());

	/** {@link #BACKED_RESPONSE}, once a response of it has been seen. */
	private static volatile Class<?> backedResponse;

	/**
	 * What {@link #firstValues(Object, String[])} gives for a header that has more than
	 * one line (compared by identity).
	 */
	static final String REPEATED = new String("(more than one line)");

	/**
	 * One Netty name per header name (as spelled), shared by every instance: a header one
	 * writer wrote is found by identity in another's walk
	 * ({@link #firstValues(Object, String[])}). Only the names of the starter's writers
	 * go in, when they are built (at start-up and on a runtime refresh), so it stays
	 * small.
	 */
	private static final ConcurrentMap<String, AsciiString> SHARED_NAMES = new ConcurrentHashMap<>();

	private final AsciiString[] names;

	/**
	 * For each {@link #scanned} name, its last character with bit 5 set (lower case for a
	 * letter): a header of the same length whose last character differs in more than case
	 * is told apart without comparing the rest.
	 */
	private final char[] lastChars;

	/**
	 * For each name length, the indexes of the {@link #scanned} names of that length
	 * ({@code null} where none): the walk over a response's headers finds a header's
	 * index by one array access and one or two comparisons.
	 */
	private final int[][] scannedByLength;

	/** How many names, from the first, {@link #firstValues(Object, String[])} reports. */
	private final int scanned;

	private ReactorNettyResponseHeaders(String[] names, int scanned) {
		this.names = new AsciiString[names.length];
		for (int i = 0; i < names.length; i++) {
			this.names[i] = SHARED_NAMES.computeIfAbsent(names[i], AsciiString::cached);
		}
		this.scanned = scanned;
		this.lastChars = new char[scanned];
		for (int i = 0; i < scanned; i++) {
			this.lastChars[i] = lastChar(names[i]);
		}
		int longest = 0;
		for (int i = 0; i < scanned; i++) {
			longest = Math.max(longest, names[i].length());
		}
		this.scannedByLength = new int[longest + 1][];
		for (int i = 0; i < scanned; i++) {
			int[] sameLength = this.scannedByLength[names[i].length()];
			sameLength = (sameLength != null) ? Arrays.copyOf(sameLength, sameLength.length + 1) : new int[1];
			sameLength[sameLength.length - 1] = i;
			this.scannedByLength[names[i].length()] = sameLength;
		}
	}

	/**
	 * Access to these headers, by their index in {@code names}, and a walk that finds the
	 * first {@code scanned} of them.
	 * @param names header names, in their usual spelling (what the client sees), each
	 * once (compared ignoring case) among the first {@code scanned}
	 * @param scanned how many names, from the first,
	 * {@link #firstValues(Object, String[])} reports
	 * @return the access, or {@code null} when Reactor Netty is not on the class path, or
	 * when one of the names is {@code Transfer-Encoding} (which a fresh Reactor Netty
	 * response has already, see {@link #isFresh(Object)}; there is no reason to write it)
	 */
	static ReactorNettyResponseHeaders of(String[] names, int scanned) {
		if (!PRESENT) {
			return null;
		}
		for (String name : names) {
			if (name.equalsIgnoreCase("Transfer-Encoding")) {
				return null;
			}
		}
		return new ReactorNettyResponseHeaders(names, scanned);
	}

	/**
	 * The Reactor Netty headers behind a response's headers.
	 * @param exchangeResponse the exchange's response
	 * @return Netty's {@code HttpHeaders}, or {@code null} when the response is not
	 * Spring's Reactor Netty response itself (or the starter's decorator right on it)
	 */
	Object headersOf(ServerHttpResponse exchangeResponse) {
		ServerHttpResponse response = (exchangeResponse instanceof CommitPassResponse ours) ? ours.getDelegate()
				: exchangeResponse;
		Class<?> type = response.getClass();
		if (type != backedResponse) {
			if (!type.getName().equals(BACKED_RESPONSE)) {
				return null;
			}
			backedResponse = type;
		}
		Object nativeResponse = ((AbstractServerHttpResponse) response).getNativeResponse();
		return (nativeResponse instanceof HttpServerResponse reactorResponse) ? reactorResponse.responseHeaders()
				: null;
	}

	/**
	 * Whether the response has no header yet but the {@code Transfer-Encoding: chunked}
	 * that Reactor Netty puts on every response when it makes it (and replaces with a
	 * {@code Content-Length} where it can), so never empty.
	 * @param headers from {@link #headersOf(ServerHttpResponse)}
	 * @return whether the response is fresh
	 */
	boolean isFresh(Object headers) {
		HttpHeaders netty = (HttpHeaders) headers;
		int size = netty.size();
		return size == 0 || (size == 1 && netty.contains(HttpHeaderNames.TRANSFER_ENCODING));
	}

	/**
	 * Whether a header is there.
	 * @param headers from {@link #headersOf(ServerHttpResponse)}
	 * @param name the index of its name
	 * @return whether the response has at least one line of it
	 */
	boolean contains(Object headers, int name) {
		return ((HttpHeaders) headers).contains(this.names[name]);
	}

	/**
	 * The first line of a header, as Spring's {@code HttpHeaders.getFirst} reads it.
	 * @param headers from {@link #headersOf(ServerHttpResponse)}
	 * @param name the index of its name
	 * @return the value, or {@code null} when the header is absent
	 */
	String first(Object headers, int name) {
		return ((HttpHeaders) headers).get(this.names[name]);
	}

	/**
	 * Sets a header, replacing any value it had.
	 * @param headers from {@link #headersOf(ServerHttpResponse)}
	 * @param name the index of its name
	 * @param value the value
	 */
	void set(Object headers, int name, String value) {
		((HttpHeaders) headers).set(this.names[name], value);
	}

	/**
	 * Every line of a header, as {@code ExchangeHeaders.lines} reads them.
	 * @param headers from {@link #headersOf(ServerHttpResponse)}
	 * @param name the index of its name
	 * @return the values, empty when the header is absent
	 */
	List<String> lines(Object headers, int name) {
		HttpHeaders netty = (HttpHeaders) headers;
		AsciiString key = this.names[name];
		return netty.contains(key) ? netty.getAll(key) : List.of();
	}

	/**
	 * The first line of each scanned header, in one walk over the response's headers
	 * instead of a look-up of each (on sample-webflux's responses, about ten headers
	 * walked against fifteen names looked up, most of them twice: for the header, then
	 * for its lines).
	 * @param headers from {@link #headersOf(ServerHttpResponse)}
	 * @param values where the first line of each scanned header goes, by index;
	 * {@link #REPEATED} where the header has more than one line (then
	 * {@link #lines(Object, int)} has them all), {@code null} where it is absent
	 */
	void firstValues(Object headers, String[] values) {
		Iterator<Map.Entry<CharSequence, CharSequence>> entries = ((HttpHeaders) headers).iteratorCharSequence();
		while (entries.hasNext()) {
			Map.Entry<CharSequence, CharSequence> entry = entries.next();
			int index = scannedIndex(entry.getKey());
			if (index >= 0) {
				values[index] = (values[index] != null) ? REPEATED : String.valueOf(entry.getValue());
			}
		}
	}

	private int scannedIndex(CharSequence name) {
		int length = name.length();
		if (length >= this.scannedByLength.length) {
			return -1;
		}
		int[] sameLength = this.scannedByLength[length];
		if (sameLength != null) {
			char last = (length > 0) ? lastChar(name) : 0;
			for (int index : sameLength) {
				AsciiString candidate = this.names[index];
				// The starter's own writes keep its names: most often the same object.
				if (candidate == name || (this.lastChars[index] == last && candidate.contentEqualsIgnoreCase(name))) {
					return index;
				}
			}
		}
		return -1;
	}

	/**
	 * The last character of a name with bit 5 set: two ASCII characters equal ignoring
	 * case are equal so.
	 */
	private static char lastChar(CharSequence name) {
		return (char) (name.charAt(name.length() - 1) | 0x20);
	}

}
