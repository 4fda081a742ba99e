package dev.hsts.core;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A set of IPv4 and IPv6 addresses and CIDR ranges, looked up without scanning them. Per
 * address family, the networks of each prefix length are kept in a hash table of their
 * network values (the address with the bits beyond the prefix cleared); a look-up masks
 * the address once per prefix length present in its family and probes that length's
 * table. A look-up therefore costs at most one probe per distinct prefix length
 * configured (33 for IPv4, 129 for IPv6), however many ranges there are. A single address
 * is a /32 or a /128 range.
 * <p>
 * The families never cross: {@code 10.0.0.0/8} matches no IPv6 address and
 * {@code fd00::/8} no IPv4 address, even where their leading bits agree ({@code aaa::4},
 * {@code 253.1.2.3}). An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) is the IPv4
 * address, on either side, as {@link InetAddresses} parses it.
 */
final class AddressRanges {

	private static final AddressRanges NONE = new AddressRanges(null, null);

	/**
	 * {@code HIGH_MASKS[p]} and {@code LOW_MASKS[p]}: the bits of a /p prefix in the two
	 * halves of a 128-bit value.
	 */
	private static final long[] HIGH_MASKS = new long[129];

	private static final long[] LOW_MASKS = new long[129];

	static {
		for (int prefix = 0; prefix <= 128; prefix++) {
			HIGH_MASKS[prefix] = (prefix == 0) ? 0 : (prefix >= 64) ? -1L : -1L << (64 - prefix);
			LOW_MASKS[prefix] = (prefix <= 64) ? 0 : -1L << (128 - prefix);
		}
	}

	/**
	 * The IPv4 networks, in the top 32 bits of the high half; {@code null} when there are
	 * none.
	 */
	private final Networks ipv4;

	/** The IPv6 networks; {@code null} when there are none. */
	private final Networks ipv6;

	private AddressRanges(Networks ipv4, Networks ipv6) {
		this.ipv4 = ipv4;
		this.ipv6 = ipv6;
	}

	/**
	 * No addresses or ranges: contains nothing.
	 * @return the empty set
	 */
	static AddressRanges none() {
		return NONE;
	}

	/**
	 * Starts a set.
	 * @return a builder to add the addresses and ranges to
	 */
	static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether there are no addresses or ranges.
	 * @return whether the set is empty
	 */
	boolean isEmpty() {
		return this.ipv4 == null && this.ipv6 == null;
	}

	/**
	 * Whether a host that may be an IP literal is in one of the ranges.
	 * @param literal a {@link HostNames#normalize(String) normalised} host: a dotted-quad
	 * IPv4 or an IPv6 literal without brackets
	 * @return whether it is an IP literal in one of the ranges; {@code false} for
	 * anything else
	 */
	boolean contains(String literal) {
		if (isEmpty()) {
			return false;
		}
		byte[] address = InetAddresses.tryParse(literal);
		return address != null && contains(address);
	}

	/**
	 * Whether an address is in one of the ranges.
	 * @param address the address in network byte order: 4 bytes for IPv4, 16 for IPv6 (an
	 * IPv4-mapped address of 16 bytes is looked up as IPv6: use {@link InetAddresses} to
	 * bring it to 4)
	 * @return whether it is in one of the ranges; {@code false} for an array of another
	 * length
	 */
	boolean contains(byte[] address) {
		if (address.length == 4) {
			return this.ipv4 != null && this.ipv4.contains(high(address), 0);
		}
		if (address.length == 16) {
			return this.ipv6 != null && this.ipv6.contains(high(address), low(address));
		}
		return false;
	}

	/**
	 * The first eight bytes (IPv6) or the four bytes (IPv4) of the address, at the top of
	 * a long.
	 */
	private static long high(byte[] address) {
		long value = 0;
		int bytes = Math.min(address.length, 8);
		for (int i = 0; i < bytes; i++) {
			value = (value << 8) | (address[i] & 0xff);
		}
		return value << (64 - bytes * 8);
	}

	/** The last eight bytes of an IPv6 address. */
	private static long low(byte[] address) {
		long value = 0;
		for (int i = 8; i < 16; i++) {
			value = (value << 8) | (address[i] & 0xff);
		}
		return value;
	}

	/** Collects addresses and ranges, then builds the {@link AddressRanges}. */
	static final class Builder {

		/** Per family, the network values by prefix length, longest first. */
		private final Map<Integer, Set<Network>> ipv4 = new TreeMap<>((a, b) -> Integer.compare(b, a));

		private final Map<Integer, Set<Network>> ipv6 = new TreeMap<>((a, b) -> Integer.compare(b, a));

		private Builder() {
		}

		/**
		 * Adds an address or a CIDR range. Bits of the address beyond the prefix are
		 * ignored.
		 * @param address the address in network byte order: 4 bytes for IPv4, 16 for IPv6
		 * @param prefixLength the prefix length: 0 to 32 for IPv4, 0 to 128 for IPv6; 32
		 * or 128 for a single address
		 * @return this builder
		 * @throws IllegalArgumentException if the address is not 4 or 16 bytes long, or
		 * the prefix length is out of range for its family
		 */
		Builder add(byte[] address, int prefixLength) {
			if (address.length != 4 && address.length != 16) {
				throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length);
			}
			int bits = address.length * 8;
			if (prefixLength < 0 || prefixLength > bits) {
				throw new IllegalArgumentException("a prefix length is a number from 0 to " + bits);
			}
			long high = high(address) & HIGH_MASKS[prefixLength];
			long low = (bits == 128) ? low(address) & LOW_MASKS[prefixLength] : 0;
			Map<Integer, Set<Network>> family = (bits == 32) ? this.ipv4 : this.ipv6;
			family.computeIfAbsent(prefixLength, (length) -> new HashSet<>()).add(new Network(high, low));
			return this;
		}

		/**
		 * Builds the set.
		 * @return the addresses and ranges added so far
		 */
		AddressRanges build() {
			if (this.ipv4.isEmpty() && this.ipv6.isEmpty()) {
				return NONE;
			}
			return new AddressRanges(Networks.of(this.ipv4), Networks.of(this.ipv6));
		}

	}

	/**
	 * A network value: an address with the bits beyond its prefix cleared, as two halves
	 * of 128 bits.
	 */
	private record Network(long high, long low) {

	}

	/** The networks of one family, a table per prefix length present. */
	private static final class Networks {

		private final long[] highMasks;

		private final long[] lowMasks;

		private final NetworkTable[] tables;

		private Networks(long[] highMasks, long[] lowMasks, NetworkTable[] tables) {
			this.highMasks = highMasks;
			this.lowMasks = lowMasks;
			this.tables = tables;
		}

		static Networks of(Map<Integer, Set<Network>> byPrefixLength) {
			int count = byPrefixLength.size();
			if (count == 0) {
				return null;
			}
			long[] highMasks = new long[count];
			long[] lowMasks = new long[count];
			NetworkTable[] tables = new NetworkTable[count];
			int i = 0;
			for (Map.Entry<Integer, Set<Network>> entry : byPrefixLength.entrySet()) {
				highMasks[i] = HIGH_MASKS[entry.getKey()];
				lowMasks[i] = LOW_MASKS[entry.getKey()];
				tables[i] = new NetworkTable(entry.getValue());
				i++;
			}
			return new Networks(highMasks, lowMasks, tables);
		}

		boolean contains(long high, long low) {
			for (int i = 0; i < this.tables.length; i++) {
				if (this.tables[i].contains(high & this.highMasks[i], low & this.lowMasks[i])) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * The network values of one prefix length in an open-addressing table with linear
	 * probing, at most half full, so that a probe allocates nothing.
	 */
	private static final class NetworkTable {

		private final long[] highs;

		private final long[] lows;

		private final boolean[] used;

		private final int mask;

		NetworkTable(Set<Network> networks) {
			int capacity = Integer.highestOneBit(Math.max(networks.size(), 1) * 4 - 1);
			this.highs = new long[capacity];
			this.lows = new long[capacity];
			this.used = new boolean[capacity];
			this.mask = capacity - 1;
			for (Network network : networks) {
				int slot = hash(network.high(), network.low()) & this.mask;
				while (this.used[slot]) {
					slot = (slot + 1) & this.mask;
				}
				this.highs[slot] = network.high();
				this.lows[slot] = network.low();
				this.used[slot] = true;
			}
		}

		boolean contains(long high, long low) {
			for (int slot = hash(high, low) & this.mask; this.used[slot]; slot = (slot + 1) & this.mask) {
				if (this.highs[slot] == high && this.lows[slot] == low) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Mixes all 128 bits into the low bits (MurmurHash3's finaliser), as network
		 * values often end in zeros.
		 */
		private static int hash(long high, long low) {
			long hash = high * 0x9E3779B97F4A7C15L + low;
			hash = (hash ^ (hash >>> 33)) * 0xFF51AFD7ED558CCDL;
			hash = (hash ^ (hash >>> 33)) * 0xC4CEB9FE1A85EC53L;
			return (int) (hash ^ (hash >>> 33));
		}

	}

}
