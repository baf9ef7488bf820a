package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;

/**
 * The statistics counters of window 6 and the two of window 4 (B.4; what Linux's
 * {@code update_stats} reads).
 *
 * <p>Ten 8-bit counters at W6 0x00..0x08 (carrier lost, SQE errors, multiple/single/late
 * collisions, RX overruns, frames transmitted OK, frames received OK, frames deferred), two 16-bit
 * byte counters at W6 0x0A (received OK) and 0x0C (transmitted OK), the bad-SSD counter at W4 0x0C.
 * The frame counters are 10 bits wide, their bits 9:8 read at W6 0x09 (RX in bits 1:0, TX in bits
 * 5:4); the byte counters are 20 bits wide, their bits 19:16 read at W4 0x0D (RX in the low nibble,
 * TX in the high one). The model always keeps the upper bits (NetDiag 0x0040 is storage).
 *
 * <p>Read-to-clear, byte by byte: reading a register returns the bits it shows and clears exactly
 * those, so reading the low byte then the upper bits (or the other way round) yields the whole count
 * once, as Linux's {@code update_stats} expects. Counters wrap at their width.
 *
 * <p>StatsFull (a condition, B.3) is set while any counter has reached half its range — 128 for the
 * 8-bit counters, 512 frames, 0x80000 bytes (the model's threshold: early enough that a driver that
 * empties the counters on StatsFull never loses a count) — and clears when reads bring every counter
 * below it. Counting happens only between StatsEnable and StatsDisable (off at power-on). On the
 * modelled full-duplex wire there are no collisions, deferrals, carrier or SQE errors, or bad SSDs:
 * those counters stay 0.
 */
final class VortexStats {
    /** Indices of the 8-bit counters: their W6 offsets. */
    private static final int N8 = 9;
    private final int[] small = new int[N8];
    private int rxFrames;
    private int txFrames;
    private int rxBytes;
    private int txBytes;
    private int badSsd;
    private boolean enabled;
    private final VortexInterrupts irq;

    VortexStats(VortexInterrupts irq) {
        this.irq = irq;
    }

    void reset() {
        java.util.Arrays.fill(small, 0);
        rxFrames = txFrames = rxBytes = txBytes = badSsd = 0;
        enabled = false;
        update();
    }

    void enable(boolean on) {
        enabled = on;
    }


    void rxOverrun() {
        if (enabled) {
            small[Wn6_RxOverruns] = (small[Wn6_RxOverruns] + 1) & 0xFF;
            update();
        }
    }

    void rxFrame(int bytes) {
        if (enabled) {
            rxFrames = (rxFrames + 1) & 0x3FF;
            rxBytes = (rxBytes + bytes) & 0xF_FFFF;
            update();
        }
    }

    void txFrame(int bytes) {
        if (enabled) {
            txFrames = (txFrames + 1) & 0x3FF;
            txBytes = (txBytes + bytes) & 0xF_FFFF;
            update();
        }
    }

    /** Reads byte {@code off} (0x00..0x0D) of window 6, clearing the bits it returns. */
    int readW6(int off) {
        int v;
        switch (off) {
            case Wn6_FramesXmittedOk -> {
                v = txFrames & 0xFF;
                txFrames &= ~0xFF;
            }
            case Wn6_FramesRcvdOk -> {
                v = rxFrames & 0xFF;
                rxFrames &= ~0xFF;
            }
            case Wn6_UpperFramesOk -> {
                v = (rxFrames >>> 8) & 3 | ((txFrames >>> 8) & 3) << 4;
                rxFrames &= 0xFF;
                txFrames &= 0xFF;
            }
            case Wn6_BytesRcvdOk, Wn6_BytesRcvdOk + 1 -> {
                int shift = 8 * (off - Wn6_BytesRcvdOk);
                v = (rxBytes >>> shift) & 0xFF;
                rxBytes &= ~(0xFF << shift);
            }
            case Wn6_BytesXmittedOk, Wn6_BytesXmittedOk + 1 -> {
                int shift = 8 * (off - Wn6_BytesXmittedOk);
                v = (txBytes >>> shift) & 0xFF;
                txBytes &= ~(0xFF << shift);
            }
            default -> {
                if (off < 0 || off >= N8) {
                    return 0;
                }
                v = small[off];
                small[off] = 0;
            }
        }
        update();
        return v;
    }

    /** Reads W4 0x0C (bad SSD) or 0x0D (upper bytes OK), clearing what it returns. */
    int readW4(int off) {
        int v;
        if (off == Wn4_BadSSD) {
            v = badSsd;
            badSsd = 0;
        } else if (off == Wn4_UpperBytesOk) {
            v = (rxBytes >>> 16) & 0xF | ((txBytes >>> 16) & 0xF) << 4;
            rxBytes &= 0xFFFF;
            txBytes &= 0xFFFF;
        } else {
            return 0;
        }
        update();
        return v;
    }

    /** Whether any counter has reached its StatsFull threshold. */
    boolean full() {
        for (int c : small) {
            if (c >= 0x80) {
                return true;
            }
        }
        return badSsd >= 0x80 || rxFrames >= 0x200 || txFrames >= 0x200 || rxBytes >= 0x8_0000 || txBytes >= 0x8_0000;
    }

    private void update() {
        irq.condition(StatsFull, full());
    }
}
