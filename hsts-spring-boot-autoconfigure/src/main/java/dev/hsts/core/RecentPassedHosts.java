package dev.hsts.core;

import java.util.Objects;

/**
 * The hosts of recent requests that passed a host check (the {@code Host} header and the
 * server name, as they came), so that the next request with the same ones passes without
 * its host being parsed and matched again. A fixed table of {@value #SLOTS} slots, each
 * holding the last pass whose host falls into it: an application whose traffic comes for
 * up to a few hundred hosts finds nearly every request here, one whose traffic spreads
 * wider checks the rest in full. Only a pass is kept, in a table that never grows, so
 * there is nothing to grow and nothing to poison: a kept pass lets through only the
 * identical arguments, which would pass anyway, and a flood of other hosts only costs the
 * full check. Compared exactly, case included.
 *
 * <p>
 * Slots are read and written without locks: an entry's fields are final, so a thread sees
 * a whole entry (the latest or an earlier one) or none, and a pass it does not see only
 * costs it the full check.
 */
final class RecentPassedHosts {

	/** The number of slots: a power of two. */
	static final int SLOTS = 256;

	private final Entry[] slots = new Entry[SLOTS];

	/**
	 * Whether this host passed recently.
	 * @param host the host (the {@code Host} header, or the server name alone), not
	 * {@code null}
	 * @param serverName the server name, may be {@code null}
	 * @return whether it did, compared exactly
	 */
	boolean contains(String host, String serverName) {
		Entry entry = this.slots[slot(host)];
		return entry != null && entry.host.equals(host) && Objects.equals(entry.serverName, serverName);
	}

	/**
	 * Remembers the host of a request that passed, in place of the pass its slot held.
	 * @param host the host (the {@code Host} header, or the server name alone), not
	 * {@code null}
	 * @param serverName the server name, may be {@code null}
	 */
	void add(String host, String serverName) {
		this.slots[slot(host)] = new Entry(host, serverName);
	}

	private static int slot(String host) {
		int hash = host.hashCode();
		return (hash ^ (hash >>> 16)) & (SLOTS - 1);
	}

	private record Entry(String host, String serverName) {
	}

}
