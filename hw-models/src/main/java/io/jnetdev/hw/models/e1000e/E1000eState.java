package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;

/**
 * The hardware state of an 82574L, kept apart from its register handlers and its port backend
 * (QEMU's {@code E1000ECore.mac[]} array). {@link #mac} is the BAR0 register file indexed by
 * offset / 4: registers with side effects are handled by the engines, the rest (and the
 * statistics) live here as plain words. Lifetime totals are the model's own bookkeeping, not
 * registers; they survive resets and clear-on-read.
 */
final class E1000eState {
    /** BAR0 register file, one int per 32-bit register (QEMU's {@code mac[]}). */
    final int[] mac = new int[(int) (BAR_REGS_SIZE / 4)];

    /** Receive ring stopped by bad driver input until its base or length is rewritten or the device reset. */
    boolean rxStopped;
    /** Transmit ring stopped likewise. */
    boolean txStopped;

    // ---- lifetime totals (not registers) -------------------------------------------------------
    long offeredTotal;
    /** Frames the transmitter looped back to the receiver (RCTL.LBM = MAC loopback). */
    long loopedTotal;
    long rxFramesTotal;
    long missedTotal;
    long rxErrorsTotal;
    long filteredTotal;
    long txFramesTotal;

    int get(int offset) {
        return mac[offset >>> 2];
    }

    void set(int offset, int value) {
        mac[offset >>> 2] = value;
    }

    /**
     * The A.15 reset values. A software reset (CTRL.RST) keeps PBA, PBS and FLA, as QEMU does;
     * {@code powerOn} clears those too. RAL0/RAH0 are loaded from the NVM by the caller.
     */
    void reset(boolean powerOn) {
        int pba = get(PBA);
        int pbs = get(PBS);
        int fla = get(FLA);
        java.util.Arrays.fill(mac, 0);
        set(CTRL, CTRL_RESET);
        set(EECD, EECD_RESET);
        set(EERD, EERD_DONE);
        set(EEWR, EERD_DONE);
        set(TIPG, TIPG_RESET);
        set(PBA, powerOn ? PBA_RESET : pba);
        set(PBS, powerOn ? PBS_RESET : pbs);
        set(FLA, powerOn ? 0 : fla);
        set(RXDCTL, RXDCTL_RESET);
        set(RXDCTL1, RXDCTL_RESET);
        set(TARC0, TARC_RESET);
        set(TARC1, TARC_RESET);
        set(RXCSUM, RXCSUM_RESET);
        set(ITR, ITR_RESET);
        set(SWSM, 1);
        set(LEDCTL, LEDCTL_RESET);
        set(VET, VET_RESET);
        set(MDIC, MDIC_READY);
        rxStopped = false;
        txStopped = false;
    }

    /** Number of descriptors a ring length register value describes, 0 when the card would not accept it. */
    static int ringCount(int lenBytes) {
        if (lenBytes == 0 || (lenBytes & ~RING_LEN_MASK) != 0) {
            return 0;
        }
        return lenBytes / DESC_SIZE;
    }

    /** The station address in RAL0/RAH0 (first octet most significant), 0 while RAH0.AV is clear. */
    long stationAddress() {
        int rah = get(RAH0);
        if (rah >= 0) {
            return 0;
        }
        return macOf(get(RAL0), rah);
    }

    /** A 48-bit address from a RAL/RAH pair: RAL holds octets 0..3, RAH[15:0] octets 4..5 (A.9). */
    static long macOf(int ral, int rah) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (ral >>> (8 * i) & 0xFF);
        }
        for (int i = 0; i < 2; i++) {
            v = (v << 8) | (rah >>> (8 * i) & 0xFF);
        }
        return v;
    }

    /** RAL value for a 48-bit address. */
    static int ralOf(long mac) {
        return (int) ((mac >>> 40 & 0xFF) | (mac >>> 32 & 0xFF) << 8 | (mac >>> 24 & 0xFF) << 16 | (mac >>> 16 & 0xFF) << 24);
    }

    /** RAH value (without AV) for a 48-bit address. */
    static int rahOf(long mac) {
        return (int) ((mac >>> 8 & 0xFF) | (mac & 0xFF) << 8);
    }
}
