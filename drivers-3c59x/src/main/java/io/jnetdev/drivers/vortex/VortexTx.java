package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.MemoryBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * PIO transmit ({@code vortex_start_xmit}): the length doubleword, then the frame rounded up to
 * doublewords, into the transmit FIFO; the skb is done with at once. When the FIFO has no room
 * left for a full-sized frame the queue stops and the card is asked for TxAvailable at that
 * threshold (the handler wakes the queue). Then the transmit status stack is popped, resetting
 * the transmitter after jabber or underrun. The frame is staged in a kmalloc'd buffer, so that
 * the FIFO words come from one place without a view of the skb per frame.
 */
final class VortexTx implements VortexPrivate.TxPath {
    /** Room the FIFO must keep for the next frame ({@code 1536}). */
    static final int TX_ROOM = 1536;

    private final VortexPrivate vp;
    private MemoryBuffer staging;
    private MemorySegment buf;

    VortexTx(VortexPrivate vp) {
        this.vp = vp;
    }

    void allocate() throws ErrnoException {
        if (staging == null) {
            staging = vp.kernel.kmalloc(UP_PKT_LEN_MASK + 4);
            buf = staging.segment();
        }
    }

    @Override
    public int clean() {
        if (staging != null) {
            vp.kernel.kfree(staging);
            staging = null;
            buf = null;
        }
        return 0;
    }

    @Override
    public NetdevTx startXmit(Skb skb) {
        VortexIo io = vp.io;
        int len = skb.len();
        if (buf == null || len > UP_PKT_LEN_MASK) {
            vp.stats.txDropped++;
            vp.dev.kfreeSkb(skb);
            return NetdevTx.OK;
        }
        io.ioaddr.write32(TX_FIFO, len);
        skb.copyBits(0, buf, 0, len);
        int words = (len + 3) >> 2;
        for (int i = len; i < words << 2; i++) {
            buf.set(ValueLayout.JAVA_BYTE, i, (byte) 0); // the FIFO takes whole doublewords
        }
        io.ioaddr.iowrite32Rep(TX_FIFO, buf, 0, words);
        vp.dev.consumeSkb(skb);
        vp.dev.transUpdate();
        if (io.ioaddr.read16(TX_FREE) > TX_ROOM) {
            vp.dev.startQueue();
        } else {
            vp.dev.stopQueue();
            io.command(SET_TX_THRESHOLD + (TX_ROOM >> 2)); // TxAvailable when a full frame fits again
        }
        popTxStatus();
        return NetdevTx.OK;
    }

    /** Clears the transmit status stack (at most 31 entries), restarting the transmitter after errors. */
    private void popTxStatus() {
        VortexIo io = vp.io;
        int txStatus;
        int i = 32;
        while (--i > 0 && (txStatus = io.ioaddr.read8(TX_STATUS)) > 0) {
            if ((txStatus & 0x3C) != 0) { // a transmit-disabling error
                if ((txStatus & 0x04) != 0) {
                    vp.stats.txFifoErrors++;
                }
                if ((txStatus & 0x38) != 0) {
                    vp.stats.txAbortedErrors++;
                }
                if ((txStatus & TX_STATUS_JABBER_UNDERRUN) != 0) {
                    io.issueAndWaitQuiet(TX_RESET);
                }
                io.command(TX_ENABLE);
            }
            io.ioaddr.write8(TX_STATUS, 0); // pop
        }
    }

    /** {@code vortex_tx_timeout}, PIO half: the frame in the FIFO is lost; wake the queue. */
    @Override
    public void timeout() {
        vp.stats.txDropped++;
        vp.dev.wakeQueue();
    }
}
