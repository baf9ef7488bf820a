package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;

/**
 * The statistics registers (A.4): 32-bit counters at 0x4000..0x4124 that saturate instead of
 * wrapping ("increment if not full") and clear when read. The octet counters GORC, GOTC, TOR and
 * TOT are 64-bit low/high pairs: reading the low half has no side effect, reading the high half
 * returns it and clears both halves (so a driver reads low, then high). Octet counts include the
 * 4-byte FCS, from destination address to CRC (QEMU's {@code e1000x_update_rx_total_stats}).
 */
final class E1000eStats {
    private static final int FIRST = CRCERRS;
    private static final int LAST = ICRXOC;
    private static final boolean[] KNOWN = new boolean[(LAST - FIRST) / 4 + 1];

    static {
        int[] regs = {CRCERRS, ALGNERRC, SYMERRS, RXERRC, MPC, SCC, ECOL, MCC, LATECOL, COLC, DC, TNCRS, SEC,
            CEXTERR, RLEC, XONRXC, XONTXC, XOFFRXC, XOFFTXC, FCRUC, PRC64, PRC127, PRC255, PRC511, PRC1023,
            PRC1522, GPRC, BPRC, MPRC, GPTC, GORCL, GORCH, GOTCL, GOTCH, RNBC, RUC, RFC, ROC, RJC, MGTPRC,
            MGTPDC, MGTPTC, TORL, TORH, TOTL, TOTH, TPR, TPT, PTC64, PTC127, PTC255, PTC511, PTC1023, PTC1522,
            MPTC, BPTC, TSCTC, TSCTFC, IAC, ICRXPTC, ICRXATC, ICTXPTC, ICTXATC, ICTXQEC, ICTXQMTC, ICRXDMTC,
            ICRXOC};
        for (int r : regs) {
            KNOWN[(r - FIRST) / 4] = true;
        }
    }

    private E1000eStats() {}

    /** Whether {@code offset} is one of the statistics registers. */
    static boolean isStatistic(int offset) {
        return offset >= FIRST && offset <= LAST && (offset & 3) == 0 && KNOWN[(offset - FIRST) / 4];
    }

    /** A read of statistics register {@code offset}, with the clear-on-read rules. */
    static int read(int[] mac, int offset) {
        int i = offset >>> 2;
        int v = mac[i];
        switch (offset) {
            case GORCL, GOTCL, TORL, TOTL -> { } // low half: no side effect
            case GORCH, GOTCH, TORH, TOTH -> {
                mac[i] = 0;
                mac[i - 1] = 0;
            }
            default -> mac[i] = 0;
        }
        return v;
    }

    /** Increments a 32-bit counter unless it is full. */
    static void inc(int[] mac, int reg) {
        int i = reg >>> 2;
        if (mac[i] != -1) {
            mac[i]++;
        }
    }

    /** Adds {@code n} to a 64-bit pair (low register {@code lowReg}), saturating at 2^64 - 1. */
    static void add64(int[] mac, int lowReg, long n) {
        int i = lowReg >>> 2;
        long v = (mac[i] & 0xFFFF_FFFFL) | (long) mac[i + 1] << 32;
        long sum = v + n;
        if (Long.compareUnsigned(sum, v) < 0) {
            sum = -1L;
        }
        mac[i] = (int) sum;
        mac[i + 1] = (int) (sum >>> 32);
    }

    /** The size-bucket register for a frame of {@code sizeWithFcs} bytes: {@code base} is PRC64 or PTC64. */
    static int sizeBucket(int base, int sizeWithFcs) {
        int step;
        if (sizeWithFcs > 1023) {
            step = 5;
        } else if (sizeWithFcs > 511) {
            step = 4;
        } else if (sizeWithFcs > 255) {
            step = 3;
        } else if (sizeWithFcs > 127) {
            step = 2;
        } else if (sizeWithFcs > 64) {
            step = 1;
        } else {
            step = 0;
        }
        return base + 4 * step;
    }
}
