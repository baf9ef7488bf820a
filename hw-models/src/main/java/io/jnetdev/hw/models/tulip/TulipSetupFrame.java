package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.zip.CRC32;

/**
 * The address filter a setup frame programs, and the receive-side decision it makes (C.5, C.9;
 * Linux's {@code build_setup_frame_perfect}/{@code build_setup_frame_hash} show what the driver
 * writes).
 *
 * <h2>Loading</h2>
 * A setup frame is a 192-byte buffer queued on the transmit list with TDES1.SET; its filtering
 * type is TDES1 FT1:FT0 — 00 perfect (16 addresses), 01 hash (512-bit table plus one perfect
 * address), 10 inverse perfect, 11 hash only — and shows in CSR6's read-only HP, HO and IF bits.
 * Perfect entries are 12 bytes each, the address's three 16-bit pieces in the low halves of three
 * longwords (bytes n·12 + {0,1,4,5,8,9}). The hash table is 32 longwords whose low 16 bits hold
 * 16 table bits each (bit i of the table is bit i % 16 of longword i / 16); in hash mode the
 * perfect address sits in longwords 39–41.
 *
 * <h2>Filtering</h2>
 * A frame passes when CSR6.PR or RA is set (promiscuous; RDES0.FF tells the driver when it would
 * not have passed otherwise), when CSR6.PM is set and its destination is a group address, or when
 * the table says so: perfect mode compares with all 16 entries (inverse perfect takes the
 * complement), hash mode looks group addresses up in the table by the low 9 bits of the
 * little-endian CRC-32 of the address (see {@link #hashIndex}) and compares individual addresses with the one perfect
 * entry, hash-only looks every address up in the table. Broadcast is an address like any other:
 * it passes only when the table holds it — as Linux's setup frames always do (unused perfect
 * entries are broadcast; hash bit 255 is set), "21140 needs broadcast". Until the first setup
 * frame the table is empty (no address matches).
 */
final class TulipSetupFrame {
    /** Filtering types (TDES1 FT1:FT0). */
    static final int PERFECT = 0;
    static final int HASH = 1;
    static final int INVERSE = 2;
    static final int HASH_ONLY = 3;

    /** What {@link #filter} decided. */
    static final int REJECT = 0;
    static final int ACCEPT = 1;
    /** Accepted only because CSR6.PR/RA is set: RDES0.FF. */
    static final int ACCEPT_PROMISCUOUS = 2;

    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long NONE = -1L;

    private final long[] perfect = new long[PERFECT_ENTRIES];
    private final int[] hash = new int[16];
    private final byte[] addressBytes = new byte[6];
    private final CRC32 crc = new CRC32();
    private int mode;

    TulipSetupFrame() {
        clear();
    }

    /** Reset: no address matches, perfect mode. */
    void clear() {
        java.util.Arrays.fill(perfect, NONE);
        java.util.Arrays.fill(hash, 0);
        mode = PERFECT;
    }

    /** Programs the filter from a 192-byte setup frame with TDES1 {@code control}. */
    void load(MemorySegment frame, int control) {
        mode = ((control & TDES1_FT1) != 0 ? 2 : 0) | ((control & TDES1_FT0) != 0 ? 1 : 0);
        java.util.Arrays.fill(perfect, NONE);
        java.util.Arrays.fill(hash, 0);
        if (mode == PERFECT || mode == INVERSE) {
            for (int n = 0; n < PERFECT_ENTRIES; n++) {
                perfect[n] = entry(frame, n * 12);
            }
        } else {
            for (int i = 0; i < 32; i++) {
                int bits16 = frame.get(LE_INT, i * 4L) & 0xFFFF;
                hash[i >>> 1] |= bits16 << (16 * (i & 1));
            }
            if (mode == HASH) {
                perfect[0] = entry(frame, 39 * 4);
            }
        }
    }

    private static long entry(MemorySegment frame, int offset) {
        long a = 0;
        for (int k = 0; k < 3; k++) {
            int piece = frame.get(LE_INT, offset + 4L * k);
            a = a << 16 | (piece & 0xFF) << 8 | (piece >>> 8 & 0xFF);
        }
        return a;
    }

    /** CSR6's read-only filter bits for the loaded type: HP for hash, HO for hash-only, IF for inverse. */
    int csr6Bits() {
        return switch (mode) {
            case HASH -> CSR6_HP;
            case INVERSE -> CSR6_IF;
            case HASH_ONLY -> CSR6_HP | CSR6_HO;
            default -> 0;
        };
    }

    /** The filter's decision on a frame to {@code dst} (48 bits, first octet most significant) under {@code csr6}. */
    int filter(long dst, int csr6) {
        boolean group = (dst >>> 40 & 1) != 0;
        boolean match = switch (mode) {
            case PERFECT -> inPerfect(dst);
            case INVERSE -> !inPerfect(dst);
            case HASH -> group ? inHash(dst) : perfect[0] == dst;
            default -> inHash(dst);
        };
        if (match || (group && (csr6 & AcceptAllMulticast) != 0)) {
            return ACCEPT;
        }
        return (csr6 & (AcceptAllPhys | CSR6_RA)) != 0 ? ACCEPT_PROMISCUOUS : REJECT;
    }

    private boolean inPerfect(long dst) {
        for (long a : perfect) {
            if (a == dst) {
                return true;
            }
        }
        return false;
    }

    private boolean inHash(long dst) {
        int bit = hashIndex(dst);
        return (hash[bit >>> 5] & (1 << (bit & 31))) != 0;
    }

    /**
     * The table bit an address hashes to: the low 9 bits of its little-endian CRC-32 as Linux's
     * {@code ether_crc_le} leaves it (preset all ones, no final inversion) — 255 for broadcast.
     */
    int hashIndex(long dst) {
        for (int i = 0; i < 6; i++) {
            addressBytes[i] = (byte) (dst >>> (40 - 8 * i));
        }
        crc.reset();
        crc.update(addressBytes, 0, 6);
        return (int) ~crc.getValue() & 0x1FF;
    }

    int mode() {
        return mode;
    }
}
