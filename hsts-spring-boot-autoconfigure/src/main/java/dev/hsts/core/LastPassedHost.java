package dev.hsts.core;

import java.util.Objects;

/**
 * The host of the last request that passed a host check (the {@code Host} header and the
 * server name, as they came), so that the next request with the same ones (nearly every
 * request: an application serves few hosts) passes without its host being parsed and
 * matched again. Only a pass is kept, and only the last one, so there is nothing to grow
 * and nothing to poison: a kept pass lets through only the identical arguments, which
 * would pass anyway. Compared exactly, case included. The value flips harmlessly between
 * threads.
 */
final class LastPassedHost {

	private volatile Entry last;

	/**
	 * Whether this is the host of the last request that passed.
	 * @param host the host (the {@code Host} header, or the server name alone), not
	 * {@code null}
	 * @param serverName the server name, may be {@code null}
	 * @return whether it is, compared exactly
	 */
	boolean is(String host, String serverName) {
		Entry entry = this.last;
		return entry != null && entry.host.equals(host) && Objects.equals(entry.serverName, serverName);
	}

	/**
	 * Remembers the host of a request that passed.
	 * @param host the host (the {@code Host} header, or the server name alone), not
	 * {@code null}
	 * @param serverName the server name, may be {@code null}
	 */
	void remember(String host, String serverName) {
		this.last = new Entry(host, serverName);
	}

	private record Entry(String host, String serverName) {
	}

}
