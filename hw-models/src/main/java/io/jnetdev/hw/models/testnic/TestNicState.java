package io.jnetdev.hw.models.testnic;

/**
 * The hardware state of a test NIC, kept apart from its register handlers and from its port
 * backend (as QEMU keeps a card's state struct apart from its {@code NetClientState}). Power-on
 * values are those of {@link #reset}. Lifetime totals are the model's own bookkeeping, for tests
 * and views; they survive resets and reads of the clear-on-read statistics registers.
 */
final class TestNicState {
    int ctrl;
    int icr;
    int ims;
    int ivar;

    long rdba;
    int rdlen;
    /** Descriptors in the receive ring, 0 while {@link #rdlen} is not a valid length. */
    int rxCount;
    int rdh;
    int rdt;

    long tdba;
    int tdlen;
    int txCount;
    int tdh;
    int tdt;

    int ral;
    int rah;

    /** Clear-on-read statistics registers (32 bits, wrap as hardware counters do). */
    int mpc;
    int gprc;
    int gptc;
    int rxerrc;

    // ---- lifetime totals (not registers) -------------------------------------------------------
    long offeredTotal;
    long rxFramesTotal;
    long missedTotal;
    long rxErrorsTotal;
    long txFramesTotal;
    long txDiscardedTotal;

    /** Power-on state; the station address comes from the card's address ROM. */
    void reset(long romMac) {
        ctrl = 0;
        icr = 0;
        ims = 0;
        ivar = 0;
        rdba = 0;
        rdlen = 0;
        rxCount = 0;
        rdh = 0;
        rdt = 0;
        tdba = 0;
        tdlen = 0;
        txCount = 0;
        tdh = 0;
        tdt = 0;
        ral = (int) ((romMac >>> 40 & 0xFF) | (romMac >>> 32 & 0xFF) << 8 | (romMac >>> 24 & 0xFF) << 16
                | (romMac >>> 16 & 0xFF) << 24);
        rah = (int) ((romMac >>> 8 & 0xFF) | (romMac & 0xFF) << 8) | TestNicRegs.RAH_AV;
        mpc = 0;
        gprc = 0;
        gptc = 0;
        rxerrc = 0;
    }

    /** The station address in RAL/RAH as a 48-bit value (first octet most significant); 0 when not valid. */
    long stationAddress() {
        if ((rah & TestNicRegs.RAH_AV) == 0) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (ral >>> (8 * i) & 0xFF);
        }
        for (int i = 0; i < 2; i++) {
            v = (v << 8) | (rah >>> (8 * i) & 0xFF);
        }
        return v;
    }

    /** Descriptor count for a ring length register value, or 0 when the length is not valid. */
    static int ringCount(int lenBytes) {
        if (lenBytes <= 0 || lenBytes > TestNicRegs.RING_MAX_BYTES || lenBytes % TestNicRegs.RING_ALIGN_BYTES != 0) {
            return 0;
        }
        return lenBytes / TestNicRegs.DESC_SIZE;
    }
}
