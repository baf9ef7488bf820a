package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.DmaDirection;
import io.jnetdev.api.pci.DmaMapping;

/**
 * Bus-master receive: the upload ring filled with skbs at open ({@code vortex_open}), its address
 * given to the card ({@code vortex_up}), and {@code boomerang_rx}: for each completed UPD, a
 * frame shorter than {@code rx_copybreak} is copied into a right-sized skb and the ring's buffer
 * stays; a longer one goes up in the ring's own skb, which a freshly mapped skb replaces (when
 * none can be had the frame is dropped and the buffer recycled). Every frame goes to
 * {@code netif_rx}; the UPD is cleared and the upload engine unstalled.
 */
final class BoomerangRx {
    private final VortexPrivate vp;
    private final Skb[] rxSkbuff = new Skb[RX_RING_SIZE];
    private final DmaMapping[] rxMap = new DmaMapping[RX_RING_SIZE];
    /** {@code vp->cur_rx}. */
    private int curRx;
    /** Frames copied (below rx_copybreak) and handed up in place, as Linux's {@code rx_copy} / {@code rx_nocopy}. */
    long rxCopy;
    long rxNocopy;

    BoomerangRx(VortexPrivate vp) {
        this.vp = vp;
    }

    /** {@code vortex_open}'s ring fill: every UPD gets a 1536-byte skb mapped for the card; the last points back to the first. */
    void fill() throws ErrnoException {
        BoomerangRings r = vp.rings;
        for (int i = 0; i < RX_RING_SIZE; i++) {
            long off = r.rxOffset(i);
            r.set(off + DESC_NEXT, r.rxDma((i + 1) % RX_RING_SIZE));
            r.set(off + DESC_STATUS, 0);
            r.set(off + DESC_FRAG_LEN, PKT_BUF_SZ | LAST_FRAG);
            Skb skb = vp.dev.allocSkb(PKT_BUF_SZ);
            if (skb == null) {
                release();
                throw new ErrnoException(Errno.ENOMEM, vp.name() + ": no memory for rx ring (entry " + i + " of " + RX_RING_SIZE + ")");
            }
            DmaMapping map;
            try {
                map = vp.pdev.dmaMapSingle(skb.buffer(), skb.dataOffset(), PKT_BUF_SZ, DmaDirection.FROM_DEVICE);
            } catch (ErrnoException e) {
                vp.dev.kfreeSkb(skb);
                release();
                throw new ErrnoException(Errno.ENOMEM, vp.name() + ": cannot map rx ring entry " + i + ": " + e.getMessage(), e);
            }
            rxSkbuff[i] = skb;
            rxMap[i] = map;
            r.set(off + DESC_FRAG_ADDR, (int) map.dmaAddress());
        }
    }

    /** {@code vortex_up}'s bus-master receive part: early-receive threshold, PktStatus, the list. */
    void start() {
        curRx = 0;
        for (int i = 0; i < RX_RING_SIZE; i++) {
            vp.rings.set(vp.rings.rxOffset(i) + DESC_STATUS, 0);
        }
        vp.io.command(SET_RX_THRESHOLD + (PKT_BUF_SZ >> 2));
        vp.io.ioaddr.write32(PKT_STATUS, 0x20);
        vp.io.ioaddr.write32(UP_LIST_PTR, vp.rings.rxDma(0));
    }

    /**
     * At down, with the receiver already disabled: UPDs the card completed but the handler has
     * not seen yet are counted (errored ones under their cause, good ones as {@code rx_dropped})
     * and given back, and the upload engine unstalled so that it moves what is left in the
     * receive FIFO into them — until a pass finds nothing. Linux frees the ring at close and lets
     * the next RxReset empty the FIFO, and neither is counted anywhere; here every frame the
     * card took stays accounted for. Bounded, so an engine that never stops cannot hold the
     * close. Returns the frames counted.
     */
    int discardPending() {
        BoomerangRings r = vp.rings;
        int n = 0;
        for (int pass = 0; pass < MAX_DRAIN_PASSES; pass++) {
            int found = 0;
            int entry = curRx % RX_RING_SIZE;
            int rxStatus;
            while (found < RX_RING_SIZE && ((rxStatus = r.get(r.rxOffset(entry) + DESC_STATUS)) & RXD_COMPLETE) != 0) {
                if ((rxStatus & RXD_ERROR) != 0) {
                    vp.stats.rxError(vp.dev, (rxStatus >>> 16) & 0xFF);
                } else {
                    vp.stats.rxDropped++;
                    vp.dev.countRxDrop("rx_dropped", 1);
                }
                r.set(r.rxOffset(entry) + DESC_STATUS, 0);
                vp.io.command(UP_UNSTALL);
                entry = (++curRx) % RX_RING_SIZE;
                found++;
            }
            n += found;
            // one status read gives the upload engine the time to fill what was given back
            vp.io.status();
            if (found == 0 && (r.get(r.rxOffset(entry) + DESC_STATUS) & RXD_COMPLETE) == 0) {
                break;
            }
        }
        return n;
    }

    /** Ring passes at down: the 8 KiB FIFO holds at most about 120 minimum-size frames, under four rings' worth. */
    static final int MAX_DRAIN_PASSES = 8;

    /** {@code vortex_close}: the ring's skbs unmapped and freed. */
    void release() {
        for (int i = 0; i < RX_RING_SIZE; i++) {
            if (rxSkbuff[i] != null) {
                vp.pdev.dmaUnmapSingle(rxMap[i]);
                vp.dev.kfreeSkb(rxSkbuff[i]);
                rxSkbuff[i] = null;
                rxMap[i] = null;
            }
        }
    }

    /** {@code boomerang_rx}: at most a ring's worth of UPDs per call. */
    void rx() {
        BoomerangRings r = vp.rings;
        int entry = curRx % RX_RING_SIZE;
        int workLimit = RX_RING_SIZE;
        int rxStatus;
        while (((rxStatus = r.get(r.rxOffset(entry) + DESC_STATUS)) & RXD_COMPLETE) != 0) {
            if (--workLimit < 0) {
                break;
            }
            int pktLen = rxStatus & UP_PKT_LEN_MASK;
            if ((rxStatus & RXD_ERROR) != 0) {
                vp.stats.rxError(vp.dev, (rxStatus >>> 16) & 0xFF);
            } else if (pktLen < 14) {
                vp.stats.rxError(vp.dev, RX_ERR_RUNT); // no Ethernet header: not a frame the stack can take
            } else {
                receive(entry, pktLen);
            }
            r.set(r.rxOffset(entry) + DESC_STATUS, 0); // clear the complete bit
            vp.io.command(UP_UNSTALL);
            entry = (++curRx) % RX_RING_SIZE;
        }
    }

    private void receive(int entry, int pktLen) {
        Skb skb;
        if (pktLen < vp.rxCopybreak && (skb = vp.dev.allocSkb(pktLen)) != null) {
            Skb ring = rxSkbuff[entry];
            skb.putData(ring.buffer().segment(), ring.dataOffset(), pktLen);
            rxCopy++;
        } else {
            // the replacement first: when it cannot be had the ring keeps its buffer and the frame is dropped
            Skb newskb = vp.dev.allocSkb(PKT_BUF_SZ);
            if (newskb == null) {
                drop();
                return;
            }
            DmaMapping newMap;
            try {
                newMap = vp.pdev.dmaMapSingle(newskb.buffer(), newskb.dataOffset(), PKT_BUF_SZ, DmaDirection.FROM_DEVICE);
            } catch (ErrnoException e) {
                vp.dev.consumeSkb(newskb);
                drop();
                return;
            }
            skb = rxSkbuff[entry];
            vp.pdev.dmaUnmapSingle(rxMap[entry]);
            rxSkbuff[entry] = newskb;
            rxMap[entry] = newMap;
            vp.rings.set(vp.rings.rxOffset(entry) + DESC_FRAG_ADDR, (int) newMap.dmaAddress());
            skb.put(pktLen);
            rxNocopy++;
        }
        vp.dev.ethTypeTrans(skb);
        vp.dev.netifRx(skb);
        vp.stats.rxPackets++;
    }

    private void drop() {
        vp.stats.rxDropped++;
        vp.dev.countRxDrop("rx_dropped", 1);
    }
}
