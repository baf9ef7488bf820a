package io.jnetdev.api.net;

import java.util.HexFormat;

/**
 * A 48-bit Ethernet address, held in the low 48 bits of a long (first octet most significant).
 *
 * @param bits the address
 */
public record MacAddress(long bits) {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits: 0x" + Long.toHexString(bits));
        }
    }

    /** From six octets, first octet first. */
    public static MacAddress of(byte[] octets) {
        if (octets.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 octets, not " + octets.length);
        }
        long v = 0;
        for (byte b : octets) {
            v = (v << 8) | (b & 0xFF);
        }
        return new MacAddress(v);
    }

    /** Parses {@code 52:54:00:12:34:56} (or with '-'). */
    public static MacAddress parse(String text) {
        String[] parts = text.strip().split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address like 52:54:00:12:34:56");
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (parts[i].length() != 2) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address like 52:54:00:12:34:56");
            }
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return of(b);
    }

    public byte[] octets() {
        byte[] b = new byte[6];
        for (int i = 5, shift = 0; i >= 0; i--, shift += 8) {
            b[i] = (byte) (bits >>> shift);
        }
        return b;
    }

    /** Group (multicast or broadcast) bit: the low bit of the first octet. */
    public boolean isMulticast() {
        return (bits & 0x0100_0000_0000L) != 0;
    }

    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    /** {@code is_valid_ether_addr}: not multicast and not all zeros. */
    public boolean isValidEther() {
        return !isMulticast() && bits != 0;
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(octets());
    }
}
