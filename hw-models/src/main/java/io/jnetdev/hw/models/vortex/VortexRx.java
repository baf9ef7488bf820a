package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;

import io.jnetdev.hw.FrameError;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The receive side in front of the host: the MAC's address filter and length checks, and the
 * on-board receive FIFO (B.4 window 1, B.7; what Linux's {@code vortex_rx} reads). On the Vortex the
 * host empties the FIFO itself through the PIO registers; on the 3c905C the upload engine
 * ({@link BoomerangDma}) moves each frame into the next UPD.
 *
 * <p>Each frame from the port goes through, in this order:
 * <ol>
 * <li>the gate: cable in and receiver enabled (RxEnable), else it is <em>filtered</em> (the card
 *     keeps no count of it);</li>
 * <li>the filter set by SetRxFilter: promiscuous takes everything; otherwise the station address
 *     of window 2 (bits set in the window-2 station mask are ignored) needs RxStation, broadcast
 *     RxBroadcast, any other group address RxMulticast (the 3c905B hash filter is not modelled:
 *     SetFilterBit is accepted and ignored). Rejected frames are <em>filtered</em>;</li>
 * <li>length and damage: shorter than 60 bytes is a runt (RxErrors 0x02), longer than 1518 bytes
 *     (1514 plus a VLAN tag; on the 3c905C, longer than window 3 MaxPktSize) without the MAC-control
 *     "large packets" bit is oversize (0x10, stored truncated to the limit), a bad FCS is CRC (0x08),
 *     an alignment error 0x04, a symbol error is reported as CRC (the family has no symbol bit). As
 *     the card does — Linux's receive paths count these from RxStatus/RxErrors or the UPD status and
 *     drop them — such a frame is stored with its error bits for the host to see, not silently
 *     discarded: W6 has no CRC or length counters, so this is the only way the host can count it;</li>
 * <li>the FIFO: a frame that does not fit (see {@link PacketFifo#cost}) is an <em>overrun</em>,
 *     counted in W6 RX overruns and {@link Vortex#overrunTotal()}.</li>
 * </ol>
 * A frame leaves the FIFO as <em>received</em> (good) or <em>error</em> when the host discards it
 * (PIO, RxDiscard) or the upload engine stores it in a UPD; a reset (RxReset, TotalReset) flushes
 * what is still in it as <em>flushed</em>.
 *
 * <p>PIO registers (Vortex only; on the 3c905C the data port reads 0, as the B revisions removed
 * the PIO data path): RxStatus reads 0x8000 (incomplete) while no frame is waiting, else the top
 * frame's length with bit 14 on error; RxErrors its error bits; each read of the FIFO port returns
 * the next bytes of the top frame (0 past its end); RxDiscard drops it. RxComplete is the condition
 * "a whole frame waits in the FIFO". Frames arrive whole, so RxEarly is never raised (the threshold
 * is kept for window 5).
 */
final class VortexRx {
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    /** Receive FIFO: half of the 16 KiB the internal-config register reports (RAM split 1:1). */
    static final int FIFO_SIZE = 8 * 1024;

    private final Vortex card;
    private final VortexInterrupts irq;
    private final VortexStats stats;
    final PacketFifo fifo = new PacketFifo(FIFO_SIZE);
    private int filter;
    private boolean enabled;
    private int earlyThreshold;
    /** Bytes of the top frame the host has read through the PIO port. */
    private int pioOffset;

    // ---- lifetime totals (not registers) ----------------------------------------------------------
    long offered;
    long received;
    long overruns;
    long errors;
    long filtered;
    long flushed;

    VortexRx(Vortex card, VortexInterrupts irq, VortexStats stats) {
        this.card = card;
        this.irq = irq;
        this.stats = stats;
    }

    /** RxReset / TotalReset: FIFO flushed, receiver off, filter cleared. */
    void reset() {
        flushed += fifo.clear();
        pioOffset = 0;
        enabled = false;
        filter = 0;
        irq.clear(RxComplete);
    }

    void enable(boolean on) {
        enabled = on;
    }


    void setFilter(int arg) {
        filter = arg & 0x1F;
    }

    int filter() {
        return filter;
    }

    void setEarlyThreshold(int arg) {
        earlyThreshold = arg;
    }

    int earlyThreshold() {
        return earlyThreshold;
    }

    // ---- from the port ---------------------------------------------------------------------------

    void receive(MemorySegment frame, int length) {
        offered++;
        int err = 0;
        int limit = card.maxFrameLength();
        if (length < ETH_ZLEN) {
            err = RX_ERR_RUNT;
        } else if (length > limit) {
            err = RX_ERR_OVERSIZE;
        }
        accept(frame, length, err);
    }

    void receiveErrored(MemorySegment frame, int length, FrameError error) {
        offered++;
        int err = error == FrameError.ALIGNMENT ? RX_ERR_ALIGNMENT : RX_ERR_CRC;
        if (length < ETH_ZLEN) {
            err |= RX_ERR_RUNT;
        } else if (length > card.maxFrameLength()) {
            err |= RX_ERR_OVERSIZE;
        }
        accept(frame, length, err);
    }

    private void accept(MemorySegment frame, int length, int err) {
        if (!enabled || !card.linkUp()) {
            filtered++;
            return;
        }
        length = (int) Math.min(length, frame.byteSize());
        if (length >= 6 && !passes(frame)) {
            filtered++;
            return;
        }
        int stored = Math.min(length, card.maxFrameLength());
        if (!fifo.fits(stored)) {
            overruns++;
            stats.rxOverrun();
            return;
        }
        fifo.push(frame, stored, err);
        if (err == 0) {
            stats.rxFrame(length);
        }
        irq.raise(RxComplete);
        card.frameQueued();
    }

    /** Whether the destination address passes the SetRxFilter filter. */
    boolean passes(MemorySegment frame) {
        if ((filter & RxProm) != 0) {
            return true;
        }
        long dst = (frame.get(BE_INT, 0) & 0xFFFF_FFFFL) << 16 | (frame.get(BE_SHORT, 4) & 0xFFFF);
        if ((dst & 0x0100_0000_0000L) != 0) {
            if (dst == 0xFFFF_FFFF_FFFFL) {
                return (filter & RxBroadcast) != 0;
            }
            return (filter & RxMulticast) != 0;
        }
        return (filter & RxStation) != 0 && ((dst ^ card.stationAddress()) & ~card.stationMask() & 0xFFFF_FFFF_FFFFL) == 0;
    }

    // ---- the host's side of the FIFO ----------------------------------------------------------------

    /** RxStatus (B.7). */
    int rxStatus() {
        if (!fifo.headReady()) {
            return RX_STATUS_INCOMPLETE;
        }
        return (fifo.headStatus() != 0 ? RX_STATUS_ERROR : 0) | (fifo.headLength() & RX_STATUS_LEN_MASK);
    }

    /** RxErrors (B.7): the top frame's error bits. */
    int rxErrors() {
        return fifo.headReady() ? fifo.headStatus() & 0xFF : 0;
    }

    /** A read of {@code size} bytes from the FIFO port: the next bytes of the top frame, little-endian. */
    long readPort(int size) {
        if (!fifo.headReady()) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (long) fifo.headByte(pioOffset + i) << (8 * i);
        }
        pioOffset += size;
        return v;
    }

    /** Bytes of the top frame not yet read through the port (for the Vortex single-region upload). */
    int pioOffset() {
        return pioOffset;
    }

    void advancePio(int n) {
        pioOffset += n;
    }

    /** RxDiscard: the host is done with the top frame. */
    void discard() {
        if (!fifo.headReady()) {
            return;
        }
        leave();
    }

    /** The top frame leaves the FIFO for the host: counted received or error. */
    void leave() {
        if (fifo.headStatus() == 0) {
            received++;
        } else {
            errors++;
        }
        fifo.pop();
        pioOffset = 0;
        irq.condition(RxComplete, fifo.headReady());
    }
}
