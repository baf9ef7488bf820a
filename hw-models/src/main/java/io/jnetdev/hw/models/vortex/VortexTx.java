package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;

import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.DmaPort;
import io.jnetdev.hw.EthernetPort;
import java.lang.foreign.MemorySegment;

/**
 * The transmit side: the on-board transmit FIFO, the transmitter that empties it onto the wire at the
 * line rate, the TxStatus stack and the TxAvailable threshold (B.4 window 1, B.7; what Linux's
 * {@code vortex_start_xmit} and {@code vortex_error} use). Frames enter the FIFO through the PIO
 * port (Vortex) or from the download engine ({@link BoomerangDma}).
 *
 * <p>PIO: the host writes a preamble dword — length in bits 12:0, bit 15 to ask for a TxComplete
 * when the frame has been sent — then the frame rounded up to dwords, in writes of any width. The
 * preamble reserves {@link PacketFifo#cost} bytes; a frame that does not fit in TxFree is swallowed
 * (its data is ignored), logged and counted in {@link Vortex#txDroppedTotal()}. A frame becomes
 * eligible for the wire once its last byte is in; the model does not model underruns (SetTxStart is
 * kept for window 5 only).
 *
 * <p>The transmitter, while enabled (TxEnable), takes the oldest complete frame and holds the wire
 * for {@link EthernetPort#wireBits} bit times at 100 Mbit/s; when the last bit is out the frame goes
 * to the port (nowhere with the cable out), W6 counts it, its FIFO space is freed, and if it asked
 * for it a TxStatus of 0xC0 (complete, interrupt requested) is pushed. The TxStatus stack holds 31
 * entries (Linux pops up to 31); TxComplete is the condition "the stack is not empty"; writing
 * TxStatus pops it. SetTxThreshold arms a one-shot threshold (its argument in dwords): TxAvailable is
 * raised as soon as TxFree reaches it — at once if it already does — and then disarmed.
 */
final class VortexTx {
    /** Transmit FIFO: the other half of the 16 KiB on-board RAM. */
    static final int FIFO_SIZE = 8 * 1024;
    static final int STATUS_DEPTH = 31;
    private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[ETH_ZLEN]);

    private final Vortex card;
    private final VortexInterrupts irq;
    private final VortexStats stats;
    final PacketFifo fifo = new PacketFifo(FIFO_SIZE);
    private final MemorySegment staging = MemorySegment.ofArray(new byte[FIFO_SIZE]);
    private final MemorySegment[] stagingSlices = new MemorySegment[FIFO_SIZE + 1];
    private final int[] statusStack = new int[STATUS_DEPTH];
    private int statusCount;
    private DeviceContext ctx;
    private DeviceTimer timer;
    private boolean enabled;
    private boolean inFlight;
    private int availThreshold = -1;
    private int startThreshold;
    private int reclaimThreshold;

    // PIO stream parser: preamble bytes, then data for the open entry, or bytes to swallow.
    private int preamble;
    private int preambleBytes;
    private int openSlot = -1;
    private int openLength;
    private int written;
    private int remaining;
    private boolean swallowing;

    long sent;
    long dropped;

    VortexTx(Vortex card, VortexInterrupts irq, VortexStats stats) {
        this.card = card;
        this.irq = irq;
        this.stats = stats;
    }

    void attach(DeviceContext context) {
        this.ctx = context;
        this.timer = context.newTimer("3c59x tx", this::txEvent);
    }

    /** TxReset / TotalReset: FIFO and status stack emptied, transmitter off, threshold disarmed. */
    void reset() {
        if (timer != null) {
            timer.cancel();
        }
        inFlight = false;
        enabled = false;
        dropped += fifo.clear();
        statusCount = 0;
        availThreshold = -1;
        preambleBytes = 0;
        openSlot = -1;
        remaining = 0;
        swallowing = false;
        irq.clear(TxComplete);
    }

    /** Hot-unplug: the timer stops. */
    void stop() {
        if (timer != null) {
            timer.cancel();
        }
        inFlight = false;
    }

    void enable(boolean on) {
        enabled = on;
        if (on) {
            kick();
        }
    }


    int txFree() {
        return fifo.free();
    }

    // ---- thresholds ---------------------------------------------------------------------------------

    void setAvailThreshold(int dwords) {
        availThreshold = dwords * 4;
        checkAvailable();
    }

    int availThresholdRegister() {
        return availThreshold < 0 ? CMD_ARG_MASK : availThreshold >>> 2;
    }

    void setStartThreshold(int arg) {
        startThreshold = arg;
    }

    int startThreshold() {
        return startThreshold;
    }

    void setReclaimThreshold(int arg) {
        reclaimThreshold = arg & 0xFF;
    }

    int reclaimThreshold() {
        return reclaimThreshold;
    }

    private void checkAvailable() {
        if (availThreshold >= 0 && fifo.free() >= availThreshold) {
            availThreshold = -1;
            irq.raise(TxAvailable);
        }
    }

    // ---- TxStatus stack -----------------------------------------------------------------------------

    int txStatus() {
        return statusCount == 0 ? 0 : statusStack[0];
    }

    void popStatus() {
        if (statusCount == 0) {
            return;
        }
        System.arraycopy(statusStack, 1, statusStack, 0, statusCount - 1);
        statusCount--;
        irq.condition(TxComplete, statusCount > 0);
    }

    private void pushStatus(int status) {
        if (statusCount == STATUS_DEPTH) {
            statusStack[STATUS_DEPTH - 1] |= TX_STATUS_OVERFLOW;
        } else {
            statusStack[statusCount++] = status;
        }
        irq.raise(TxComplete);
    }

    // ---- PIO port --------------------------------------------------------------------------------------

    /** A write of the low {@code size} bytes of {@code value} to the TX FIFO port. */
    void writePort(long value, int size) {
        for (int i = 0; i < size; i++) {
            portByte((int) (value >>> (8 * i)) & 0xFF);
        }
    }

    /** Feeds {@code n} bytes of {@code src} through the port, as the Vortex's single-region download does. */
    void writePort(MemorySegment src, int n) {
        for (int i = 0; i < n; i++) {
            portByte(src.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i) & 0xFF);
        }
    }

    private void portByte(int b) {
        if (remaining > 0) {
            if (!swallowing && written < openLength) {
                fifo.put(openSlot, written, (byte) b);
            }
            written++;
            if (--remaining == 0) {
                if (!swallowing) {
                    fifo.complete(openSlot);
                    openSlot = -1;
                    kick();
                }
                swallowing = false;
            }
            return;
        }
        preamble |= b << (8 * preambleBytes);
        if (++preambleBytes < 4) {
            return;
        }
        int len = preamble & TX_PREAMBLE_LEN_MASK;
        int flags = preamble & TX_PREAMBLE_INTERRUPT;
        preamble = 0;
        preambleBytes = 0;
        written = 0;
        remaining = (len + 3) & ~3;
        openLength = len;
        if (!fifo.fits(len)) {
            swallowing = true;
            dropped++;
            card.log(String.format("3c59x: transmit frame of %d bytes does not fit in TxFree %d: dropped", len, fifo.free()));
        } else {
            openSlot = fifo.reserve(len, flags);
        }
        if (remaining == 0) {
            if (!swallowing) {
                fifo.complete(openSlot);
                openSlot = -1;
                kick();
            }
            swallowing = false;
        }
    }

    // ---- from the download engine ---------------------------------------------------------------------

    /** Whether a frame of {@code len} bytes fits now. */
    boolean fits(int len) {
        return fifo.fits(len);
    }

    /** Reserves an entry for a download; {@code interrupt} asks for a TxStatus when sent. */
    int reserve(int len, boolean interrupt) {
        return fifo.reserve(len, interrupt ? TX_PREAMBLE_INTERRUPT : 0);
    }

    /** Downloads {@code n} bytes from bus address {@code bus} into entry {@code slot} at {@code off}. */
    void download(int slot, int off, DmaPort dma, long bus, int n) {
        MemorySegment dst = slice(n);
        dma.read(bus, dst);
        fifo.copyIn(slot, off, dst, 0, n);
    }

    void completeDownload(int slot) {
        fifo.complete(slot);
        kick();
    }

    /** A download that faulted half way: its entry is dropped. */
    void abandon() {
        fifo.dropNewest();
    }

    private MemorySegment slice(int n) {
        MemorySegment s = stagingSlices[n];
        if (s == null) {
            s = staging.asSlice(0, n);
            stagingSlices[n] = s;
        }
        return s;
    }

    // ---- the transmitter --------------------------------------------------------------------------------

    void kick() {
        if (timer != null && !timer.pending() && !inFlight && enabled && fifo.headReady()) {
            timer.schedule(0);
        }
    }

    private void txEvent() {
        if (inFlight) {
            complete();
        }
        if (!enabled || !fifo.headReady()) {
            return;
        }
        inFlight = true;
        int len = Math.max(fifo.headLength(), ETH_ZLEN);
        long nanos = (EthernetPort.wireBits(len) * 1_000_000_000L + LINE_RATE - 1) / LINE_RATE;
        timer.schedule(nanos);
    }

    private void complete() {
        inFlight = false;
        int len = fifo.headLength();
        boolean interrupt = (fifo.headStatus() & TX_PREAMBLE_INTERRUPT) != 0;
        fifo.copyHeadOut(0, staging, len);
        if (len < ETH_ZLEN) {
            MemorySegment.copy(ZEROS, 0, staging, len, ETH_ZLEN - len); // the MAC pads short frames
            len = ETH_ZLEN;
        }
        fifo.pop();
        if (card.transmit(staging, len)) {
            sent++;
            stats.txFrame(len);
        }
        if (interrupt) {
            pushStatus(TX_STATUS_COMPLETE | TX_STATUS_INTERRUPT_REQUESTED);
        }
        checkAvailable();
        card.txSpaceFreed();
    }
}
