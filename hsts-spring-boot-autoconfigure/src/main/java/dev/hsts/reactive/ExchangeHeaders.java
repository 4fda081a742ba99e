package dev.hsts.reactive;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;

/**
 * The reads of {@link HttpHeaders} whose signature changed between Spring Framework 6.2
 * ({@code HttpHeaders} is a {@code MultiValueMap}: {@code get(Object)}) and 7
 * ({@code get(String)}), so that the same jar runs on Spring Boot 3.5 and 4: the public
 * method of the running version, looked up once.
 */
final class ExchangeHeaders {

	private static final MethodHandle GET = get();

	/** {@code remove}, looked up on first use (only policies remove headers). */
	private static volatile MethodHandle remove;

	private ExchangeHeaders() {
	}

	private static MethodHandle get() {
		return find("get");
	}

	/** {@code List<String> name(String)}, else {@code List<String> name(Object)}. */
	private static MethodHandle find(String name) {
		MethodHandles.Lookup lookup = MethodHandles.publicLookup();
		try {
			return lookup.findVirtual(HttpHeaders.class, name, MethodType.methodType(List.class, String.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			try {
				return lookup.findVirtual(HttpHeaders.class, name, MethodType.methodType(List.class, Object.class));
			}
			catch (NoSuchMethodException | IllegalAccessException notThereEither) {
				IllegalStateException failure = new IllegalStateException("HttpHeaders has no " + name + " method", ex);
				failure.addSuppressed(notThereEither);
				throw failure;
			}
		}
	}

	/**
	 * The key to look a header up by: its name in lower case. Header maps compare names
	 * ignoring case, and Spring's own ({@code LinkedCaseInsensitiveMap}, behind the
	 * headers of most requests and responses but Reactor Netty's) lower-cases every key
	 * it is given, allocating a new string unless the key is lower case already; a
	 * look-up by this key allocates nothing. Write with the usual spelling, which is what
	 * the client sees.
	 * @param name a header name
	 * @return the name in lower case
	 */
	static String lookupKey(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * Removes a header, by {@code HttpHeaders.remove} of the running version
	 * ({@code remove(Object)} in 6.2, {@code remove(String)} in 7).
	 * @param headers the headers
	 * @param name the header name, in any case
	 */
	static void remove(HttpHeaders headers, String name) {
		MethodHandle handle = remove;
		if (handle == null) {
			handle = find("remove");
			remove = handle;
		}
		try {
			handle.invoke(headers, name);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every line of a header, each value as sent (not split at commas, unlike
	 * {@link HttpHeaders#getValuesAsList(String)}).
	 * @param headers the headers
	 * @param name the header name, in any case
	 * @return the values, empty when the header is absent
	 */
	@SuppressWarnings("unchecked")
	static List<String> lines(HttpHeaders headers, String name) {
		try {
			List<String> values = (List<String>) GET.invoke(headers, name);
			return (values != null) ? values : List.of();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

}
