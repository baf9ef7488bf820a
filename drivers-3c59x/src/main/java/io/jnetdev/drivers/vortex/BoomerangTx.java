package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.DmaDirection;
import io.jnetdev.api.pci.DmaMapping;

/**
 * Bus-master transmit ({@code boomerang_start_xmit} and the DownComplete half of
 * {@code _boomerang_interrupt}): each frame is mapped and described by one DPD; the download
 * engine is stalled while the previous DPD is linked to it (and DownListPtr loaded when the engine
 * was idle), then unstalled. Every new DPD asks for DownComplete; the previous one's request is
 * withdrawn unless the ring just filled, so that usually only the last frame queued interrupts.
 * Reclaim takes every DPD the engine has moved past (DownListPtr no longer pointing at it).
 */
final class BoomerangTx implements VortexPrivate.TxPath {
    private final VortexPrivate vp;
    private final Skb[] txSkbuff = new Skb[TX_RING_SIZE];
    private final DmaMapping[] txMap = new DmaMapping[TX_RING_SIZE];
    /** {@code vp->cur_tx}, {@code vp->dirty_tx}: free-running counters. */
    private int curTx;
    private int dirtyTx;
    /** {@code vp->queued_packet}: frames that found the download engine idle. */
    long queuedPacket;

    BoomerangTx(VortexPrivate vp) {
        this.vp = vp;
    }

    void allocate() {
        // the DPDs live in the probe-time rings; frames are mapped one by one
    }

    /** {@code vortex_up}'s bus-master transmit part: counters reset, free threshold, an idle engine. */
    void start() {
        vp.stats.txDropped += clean(); // frames a host-error reset left behind
        curTx = 0;
        dirtyTx = 0;
        if (vp.chip.has(VortexChipInfo.IS_BOOMERANG)) {
            vp.io.ioaddr.write8(TX_FREE_THRESHOLD, PKT_BUF_SZ >> 8); // room for a frame
        }
        vp.io.ioaddr.write32(DOWN_LIST_PTR, 0);
    }

    @Override
    public NetdevTx startXmit(Skb skb) {
        if (curTx - dirtyTx >= TX_RING_SIZE) {
            vp.kernel.printk(LogLevel.WARNING, vp.name() + ": BUG! Tx Ring full, refusing to send buffer");
            vp.dev.stopQueue();
            return NetdevTx.BUSY;
        }
        int entry = curTx % TX_RING_SIZE;
        int prev = (curTx - 1) & (TX_RING_SIZE - 1);
        int len = skb.len();
        DmaMapping map;
        try {
            map = vp.pdev.dmaMapSingle(skb.buffer(), skb.dataOffset(), len, DmaDirection.TO_DEVICE);
        } catch (ErrnoException e) {
            vp.pdev.err("Error mapping dma buffer: " + e.getMessage());
            vp.stats.txDropped++;
            vp.dev.kfreeSkb(skb);
            return NetdevTx.OK;
        }
        txSkbuff[entry] = skb;
        txMap[entry] = map;
        BoomerangRings r = vp.rings;
        long off = r.txOffset(entry);
        r.set(off + DESC_NEXT, 0);
        r.set(off + DESC_STATUS, len | TX_INTR_UPLOADED);
        r.set(off + DESC_FRAG_ADDR, (int) map.dmaAddress());
        r.set(off + DESC_FRAG_LEN, len | LAST_FRAG);

        long flags = vp.lock.lockIrqSave();
        try {
            vp.io.issueAndWaitQuiet(DOWN_STALL);
            r.set(r.txOffset(prev) + DESC_NEXT, r.txDma(entry));
            if (vp.io.ioaddr.read32(DOWN_LIST_PTR) == 0) {
                vp.io.ioaddr.write32(DOWN_LIST_PTR, r.txDma(entry));
                queuedPacket++;
            }
            curTx++;
            if (curTx - dirtyTx > TX_RING_SIZE - 1) {
                vp.dev.stopQueue();
            } else {
                long prevStatus = r.txOffset(prev) + DESC_STATUS;
                r.set(prevStatus, r.get(prevStatus) & ~TX_INTR_UPLOADED); // interrupt mitigation
            }
            vp.dev.transUpdate();
            vp.io.command(DOWN_UNSTALL);
        } finally {
            vp.lock.unlockIrqRestore(flags);
        }
        return NetdevTx.OK;
    }

    /** DownComplete: every DPD the engine has left behind is done; the queue wakes when a slot is free. */
    void reclaim() {
        BoomerangRings r = vp.rings;
        int dirty = dirtyTx;
        while (curTx - dirty > 0) {
            int entry = dirty % TX_RING_SIZE;
            if (vp.io.ioaddr.read32(DOWN_LIST_PTR) == r.txDma(entry)) {
                break; // not downloaded yet
            }
            if (txSkbuff[entry] != null) {
                vp.pdev.dmaUnmapSingle(txMap[entry]);
                vp.dev.consumeSkb(txSkbuff[entry]);
                txSkbuff[entry] = null;
                txMap[entry] = null;
            }
            dirty++;
        }
        dirtyTx = dirty;
        if (curTx - dirty <= TX_RING_SIZE - 1) {
            vp.dev.wakeQueue();
        }
    }

    /** Frames still in the ring at close (or a reset) are unmapped and dropped. */
    @Override
    public int clean() {
        int dropped = 0;
        for (int i = 0; i < TX_RING_SIZE; i++) {
            if (txSkbuff[i] != null) {
                vp.pdev.dmaUnmapSingle(txMap[i]);
                vp.dev.kfreeSkb(txSkbuff[i]);
                txSkbuff[i] = null;
                txMap[i] = null;
                dropped++;
            }
        }
        dirtyTx = curTx;
        return dropped;
    }

    /** {@code vortex_tx_timeout}, bus-master half: point the engine at the oldest DPD again, wake, unstall. */
    @Override
    public void timeout() {
        if (curTx - dirtyTx > 0 && vp.io.ioaddr.read32(DOWN_LIST_PTR) == 0) {
            vp.io.ioaddr.write32(DOWN_LIST_PTR, vp.rings.txDma(dirtyTx % TX_RING_SIZE));
        }
        if (curTx - dirtyTx < TX_RING_SIZE) {
            vp.dev.wakeQueue();
        }
        if (vp.chip.has(VortexChipInfo.IS_BOOMERANG)) {
            vp.io.ioaddr.write8(TX_FREE_THRESHOLD, PKT_BUF_SZ >> 8);
        }
        vp.io.command(DOWN_UNSTALL);
    }

    /** Frames queued and not yet reclaimed. */
    int inFlight() {
        return curTx - dirtyTx;
    }
}
