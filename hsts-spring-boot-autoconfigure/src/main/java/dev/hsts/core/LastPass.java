package dev.hsts.core;

import java.util.Objects;

/**
 * The arguments of the last check that passed, so that the next request with the same ones (nearly every request:
 * an application serves few hosts) passes without its host being parsed and matched again. Only a pass is kept,
 * and only the last one, so there is nothing to grow and nothing to poison: a kept pass lets through only the
 * identical arguments, which would pass anyway. Compared exactly, case included. The value flips harmlessly
 * between threads.
 */
final class LastPass {

	private volatile Entry last;

	/**
	 * Whether these are the arguments of the last check that passed.
	 * @param first the first argument, not {@code null}
	 * @param second the second argument, may be {@code null}
	 * @return whether they are
	 */
	boolean is(String first, String second) {
		Entry entry = this.last;
		return entry != null && entry.first.equals(first) && Objects.equals(entry.second, second);
	}

	/**
	 * Remembers the arguments of a check that passed.
	 * @param first the first argument, not {@code null}
	 * @param second the second argument, may be {@code null}
	 */
	void remember(String first, String second) {
		this.last = new Entry(first, second);
	}

	private record Entry(String first, String second) {
	}

}
