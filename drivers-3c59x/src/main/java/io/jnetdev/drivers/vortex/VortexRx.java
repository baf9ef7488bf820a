package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.MemoryBuffer;
import java.lang.foreign.MemorySegment;

/**
 * PIO receive ({@code vortex_rx}): while RxStatus shows a complete frame, read it out of the
 * receive FIFO a doubleword at a time, discard it from the card (RxDiscard), and hand it to
 * {@code netif_rx}; errored frames are counted and discarded. The FIFO is read into a staging
 * buffer of the driver's (kmalloc'd at open) and copied into a right-sized skb, so that no view
 * of the skb is made per frame.
 */
final class VortexRx {
    private final VortexPrivate vp;
    private MemoryBuffer staging;
    private MemorySegment buf;

    VortexRx(VortexPrivate vp) {
        this.vp = vp;
    }

    /** At open: the staging buffer, room for the largest frame the FIFO can hold, rounded to doublewords. */
    void allocate() throws ErrnoException {
        if (staging == null) {
            staging = vp.kernel.kmalloc(UP_PKT_LEN_MASK + 4);
            buf = staging.segment();
        }
    }

    void release() {
        if (staging != null) {
            vp.kernel.kfree(staging);
            staging = null;
            buf = null;
        }
    }

    /**
     * At down, with the receiver already disabled: the frames still waiting in the receive FIFO
     * are discarded one by one and counted — errored ones under their cause, good ones as
     * {@code rx_dropped}. Linux leaves them for the RxReset of the next open, which empties the
     * FIFO without any counter seeing them; here every frame the card took stays accounted for.
     * Bounded by what the FIFO can hold, so a status register that never empties cannot hold
     * the close. Returns the frames discarded.
     */
    int discardPending() {
        VortexIo io = vp.io;
        int n = 0;
        int rxStatus;
        while (n < MAX_FIFO_FRAMES && (rxStatus = (short) io.ioaddr.read16(RX_STATUS)) > 0) {
            if ((rxStatus & RX_STATUS_ERROR) != 0) {
                vp.stats.rxError(vp.dev, io.ioaddr.read8(RX_ERRORS));
            } else {
                vp.stats.rxDropped++;
                vp.dev.countRxDrop("rx_dropped", 1);
            }
            io.issueAndWaitQuiet(RX_DISCARD);
            n++;
        }
        return n;
    }

    /** More frames than the 3c59x's receive FIFO (at most 64 KiB, 64-byte frames plus status) can hold. */
    static final int MAX_FIFO_FRAMES = 1024;

    /**
     * {@code vortex_rx}. RxStatus is negative (bit 15) while the top frame is incomplete. Linux
     * reads until the FIFO is empty; here at most {@link VortexRegs#RX_RING_SIZE} frames per call
     * (what {@code boomerang_rx} allows itself), so that a status register that never empties
     * cannot hold the handler: what is left keeps RxComplete set and counts as another pass of
     * the handler's work limit.
     */
    void rx() {
        VortexIo io = vp.io;
        int rxStatus;
        int limit = RX_RING_SIZE;
        while (--limit >= 0 && (rxStatus = (short) io.ioaddr.read16(RX_STATUS)) > 0) {
            if ((rxStatus & RX_STATUS_ERROR) != 0) {
                int rxError = io.ioaddr.read8(RX_ERRORS);
                vp.stats.rxError(vp.dev, rxError);
            } else {
                int pktLen = rxStatus & UP_PKT_LEN_MASK;
                Skb skb = pktLen >= 14 ? vp.dev.allocSkb(pktLen + 2) : null;
                if (skb != null) {
                    io.ioaddr.ioread32Rep(RX_FIFO, buf, 0, (pktLen + 3) >> 2);
                    skb.putData(buf, 0, pktLen);
                    io.command(RX_DISCARD); // pop the top frame
                    vp.dev.ethTypeTrans(skb);
                    vp.dev.netifRx(skb);
                    vp.stats.rxPackets++;
                    // a short wait for the discard before looking at the next frame
                    for (int i = VortexInterrupt.RX_DISCARD_POLLS; i >= 0; i--) {
                        if ((io.status() & CMD_IN_PROGRESS) == 0) {
                            break;
                        }
                    }
                    continue;
                }
                vp.stats.rxDropped++;
                vp.dev.countRxDrop("rx_dropped", 1);
            }
            io.issueAndWaitQuiet(RX_DISCARD);
        }
    }
}
