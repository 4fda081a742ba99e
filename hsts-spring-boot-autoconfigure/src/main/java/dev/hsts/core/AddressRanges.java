package dev.hsts.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A set of IPv4 and IPv6 addresses and CIDR ranges, looked up without scanning them. A
 * single address is a /32 or a /128 range.
 * <p>
 * Per address family, ranges inside another are dropped (they change no answer), so the
 * ranges left are disjoint; they are kept, with their network values (the address with
 * the bits beyond the prefix cleared) in one hash table keyed by network value and prefix
 * length. A look-up is a binary search over the distinct prefix lengths of its family
 * (Waldvogel et al., "Scalable High Speed IP Routing Lookups", 1997): it masks the
 * address to the middle length and probes the table; a range there is the answer, a
 * <em>marker</em> (the network value, at that length, of a longer range, put on the
 * search path to it when building) sends the search to the longer lengths, nothing to the
 * shorter ones. As the ranges are disjoint, a marker never hides a shorter range that
 * contains the address, so there is no backtracking: a look-up costs at most
 * {@code ceil(log2(n + 1))} probes for n distinct prefix lengths (6 for all 33 IPv4
 * lengths, 8 for all 129 IPv6 ones), however many ranges there are, and allocates
 * nothing, the literal included
 * ({@link InetAddresses#parse(String, InetAddresses.Sink)}).
 * <p>
 * The families never cross: {@code 10.0.0.0/8} matches no IPv6 address and
 * {@code fd00::/8} no IPv4 address, even where their leading bits agree ({@code aaa::4},
 * {@code 253.1.2.3}). An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) is the IPv4
 * address, on either side, as {@link InetAddresses} parses it.
 */
final class AddressRanges implements InetAddresses.Sink {

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
		return !isEmpty() && InetAddresses.parse(literal, this);
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
	 * Whether an IPv4 address is in one of the ranges.
	 * @param address the address, the first byte in the top bits
	 * @return whether it is
	 */
	@Override
	public boolean ipv4(int address) {
		return this.ipv4 != null && this.ipv4.contains((long) address << 32, 0);
	}

	/**
	 * Whether an IPv6 address is in one of the ranges.
	 * @param high the first eight bytes, the first in the top bits
	 * @param low the last eight bytes
	 * @return whether it is
	 */
	@Override
	public boolean ipv6(long high, long low) {
		return this.ipv6 != null && this.ipv6.contains(high, low);
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

		/** Per family, the network values by prefix length, shortest first. */
		private final Map<Integer, Set<Network>> ipv4 = new TreeMap<>();

		private final Map<Integer, Set<Network>> ipv6 = new TreeMap<>();

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
			networksOf(family, prefixLength).add(new Network(high, low));
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

		// Written out: a record's own equals and hashCode are bootstrapped through
		// method handles the first time they run, while the application starts.
		@Override
		public boolean equals(Object other) {
			return other instanceof Network network && network.high == this.high && network.low == this.low;
		}

		@Override
		public int hashCode() {
			return 31 * Long.hashCode(this.high) + Long.hashCode(this.low);
		}

	}

	/**
	 * The networks of one prefix length, added when missing (no lambda: this runs while
	 * the application starts).
	 */
	private static Set<Network> networksOf(Map<Integer, Set<Network>> byPrefixLength, int prefixLength) {
		Set<Network> networks = byPrefixLength.get(prefixLength);
		if (networks == null) {
			networks = new HashSet<>();
			byPrefixLength.put(prefixLength, networks);
		}
		return networks;
	}

	/**
	 * The disjoint networks of one family, for a binary search over their prefix lengths.
	 */
	private static final class Networks {

		/** The distinct prefix lengths, shortest first. */
		private final int[] lengths;

		/** The masks of {@link #lengths}. */
		private final long[] highMasks;

		private final long[] lowMasks;

		private final NetworkTable table;

		private Networks(int[] lengths, NetworkTable table) {
			this.lengths = lengths;
			this.highMasks = new long[lengths.length];
			this.lowMasks = new long[lengths.length];
			for (int i = 0; i < lengths.length; i++) {
				this.highMasks[i] = HIGH_MASKS[lengths[i]];
				this.lowMasks[i] = LOW_MASKS[lengths[i]];
			}
			this.table = table;
		}

		/**
		 * The networks by prefix length, with those inside a shorter one dropped, and the
		 * markers on the search path to each.
		 */
		static Networks of(Map<Integer, Set<Network>> byPrefixLength) {
			if (byPrefixLength.isEmpty()) {
				return null;
			}
			Map<Integer, Set<Network>> disjoint = new TreeMap<>();
			for (Map.Entry<Integer, Set<Network>> entry : byPrefixLength.entrySet()) {
				for (Network network : entry.getValue()) {
					if (!isInside(network, disjoint)) {
						networksOf(disjoint, entry.getKey()).add(network);
					}
				}
			}
			int[] lengths = new int[disjoint.size()];
			int next = 0;
			for (Integer length : disjoint.keySet()) {
				lengths[next++] = length;
			}
			Map<Key, Boolean> entries = new HashMap<>();
			for (int index = 0; index < lengths.length; index++) {
				for (Network network : disjoint.get(lengths[index])) {
					entries.put(new Key(network.high(), network.low(), index), Boolean.TRUE);
					int low = 0;
					int high = lengths.length - 1;
					int middle;
					while ((middle = (low + high) >>> 1) != index) {
						if (middle < index) {
							Key marker = new Key(network.high() & HIGH_MASKS[lengths[middle]],
									network.low() & LOW_MASKS[lengths[middle]], middle);
							entries.putIfAbsent(marker, Boolean.FALSE);
							low = middle + 1;
						}
						else {
							high = middle - 1;
						}
					}
				}
			}
			return new Networks(lengths, new NetworkTable(entries));
		}

		/**
		 * Whether a network is inside one of shorter prefix length (the map holds only
		 * shorter ones, the lengths being taken shortest first).
		 */
		private static boolean isInside(Network network, Map<Integer, Set<Network>> shorter) {
			for (Map.Entry<Integer, Set<Network>> entry : shorter.entrySet()) {
				int length = entry.getKey();
				if (entry.getValue()
					.contains(new Network(network.high() & HIGH_MASKS[length], network.low() & LOW_MASKS[length]))) {
					return true;
				}
			}
			return false;
		}

		boolean contains(long high, long low) {
			int from = 0;
			int to = this.lengths.length - 1;
			while (from <= to) {
				int middle = (from + to) >>> 1;
				int found = this.table.find(high & this.highMasks[middle], low & this.lowMasks[middle], middle);
				if (found == NetworkTable.NETWORK) {
					return true;
				}
				if (found == NetworkTable.MARKER) {
					from = middle + 1;
				}
				else {
					to = middle - 1;
				}
			}
			return false;
		}

	}

	/** A network value at the prefix length of an index into {@link Networks#lengths}. */
	private record Key(long high, long low, int index) {

		// Written out, as Network's.
		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.high == this.high && key.low == this.low && key.index == this.index;
		}

		@Override
		public int hashCode() {
			return 31 * (31 * Long.hashCode(this.high) + Long.hashCode(this.low)) + this.index;
		}

	}

	/**
	 * The networks and markers of one family in an open-addressing table with linear
	 * probing, at most half full, each slot three consecutive longs (network value and
	 * the prefix length's index with what the entry is), so that a probe reads one or two
	 * cache lines and allocates nothing.
	 */
	private static final class NetworkTable {

		static final int ABSENT = 0;

		static final int MARKER = 1;

		static final int NETWORK = 2;

		/**
		 * Per slot: the high and low halves of the value, then {@code (index + 1) << 2 |}
		 * {@link #MARKER} or {@link #NETWORK}; 0 for an empty slot.
		 */
		private final long[] slots;

		private final int mask;

		/** 64 minus the number of bits of a slot number. */
		private final int shift;

		NetworkTable(Map<Key, Boolean> entries) {
			// A power of two of at least twice the number of entries, and at least 2.
			int capacity = Integer.highestOneBit(Math.max(entries.size(), 1) * 4 - 1);
			this.slots = new long[capacity * 3];
			this.mask = capacity - 1;
			this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
			for (Map.Entry<Key, Boolean> entry : entries.entrySet()) {
				Key key = entry.getKey();
				int slot = hash(key.high(), key.low(), key.index());
				while (this.slots[slot * 3 + 2] != 0) {
					slot = (slot + 1) & this.mask;
				}
				this.slots[slot * 3] = key.high();
				this.slots[slot * 3 + 1] = key.low();
				this.slots[slot * 3 + 2] = ((long) (key.index() + 1) << 2) | (entry.getValue() ? NETWORK : MARKER);
			}
		}

		/**
		 * What the value is at the prefix length of an index.
		 * @return {@link #NETWORK}, {@link #MARKER} or {@link #ABSENT}
		 */
		int find(long high, long low, int index) {
			long[] slots = this.slots;
			long tag = (long) (index + 1) << 2;
			for (int slot = hash(high, low, index);; slot = (slot + 1) & this.mask) {
				int at = slot * 3;
				long stored = slots[at + 2];
				if (stored == 0) {
					return ABSENT;
				}
				if ((stored & ~3L) == tag && slots[at] == high && slots[at + 1] == low) {
					return (int) (stored & 3);
				}
			}
		}

		/**
		 * Fibonacci hashing of the value and the index: the top bits of a product depend
		 * on all bits of the factor, so network values ending in zeros spread as well.
		 * Two multiplications, as a look-up is a chain of probes that each wait for this.
		 */
		private int hash(long high, long low, int index) {
			return (int) ((((high + index) * 0x9E3779B97F4A7C15L) ^ low) * 0xC2B2AE3D27D4EB4FL >>> this.shift);
		}

	}

}
