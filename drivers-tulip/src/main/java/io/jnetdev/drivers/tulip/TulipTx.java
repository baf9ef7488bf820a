package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipRegs.*;

import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.Skb;

/**
 * The transmit ring: {@code tulip_start_xmit} and {@code tulip_clean_tx_ring} from Linux's
 * {@code tulip_core.c}, and the reclaim loop of {@code tulip_interrupt}.
 *
 * <p>Each frame is copied into its descriptor's buffer and the skb consumed at once. A completion
 * interrupt is asked for (IC) only when 16 frames are in flight, when the ring is nearly full and
 * on the ring's last descriptor; at 30 in flight the queue stops, leaving two descriptors for
 * {@code set_rx_mode}'s setup frame (and its dummy). Reclaim wakes it below 30.
 */
final class TulipTx {
    private final TulipPrivate tp;

    TulipTx(TulipPrivate tp) {
        this.tp = tp;
    }

    /** {@code tulip_start_xmit}. */
    NetdevTx startXmit(Skb skb, NetDevice dev) {
        int len = skb.len();
        if (!tp.running || len <= 0 || len > PKT_BUF_SZ - 4) {
            tp.txDropped++;
            dev.kfreeSkb(skb);
            return NetdevTx.OK;
        }
        long flags = tp.lock.lockIrqSave();
        try {
            int entry = TulipPrivate.txEntry(tp.curTx);
            skb.copyBits(0, tp.txBufs, tp.txBufOffset(entry), len);
            tp.txKind[entry] = TulipPrivate.TX_FRAME;
            tp.txLen[entry] = len;
            tp.setTxDesc(entry, DESC_BUFFER1, tp.txBufDma(entry));
            int inFlight = tp.curTx - tp.dirtyTx;
            int flag;
            if (inFlight < TX_RING_SIZE / 2) {
                flag = DescWholePkt; // the typical path: no interrupt
            } else if (inFlight == TX_RING_SIZE / 2) {
                flag = DescWholePkt | DescIntr;
            } else if (inFlight < TX_RING_SIZE - 2) {
                flag = DescWholePkt;
            } else {
                flag = DescWholePkt | DescIntr; // leave room for set_rx_mode's entries
                dev.stopQueue();
            }
            if (entry == TX_RING_SIZE - 1) {
                flag = DescWholePkt | DescIntr | DESC_RING_WRAP;
            }
            tp.setTxDesc(entry, DESC_LENGTH, len | flag);
            tp.setTxDesc(entry, DESC_STATUS, DescOwned);
            tp.curTx++;
            dev.consumeSkb(skb);
            dev.transUpdate();
            tp.iowrite32(0, CSR1); // transmit poll demand
        } finally {
            tp.lock.unlockIrqRestore(flags);
        }
        return NetdevTx.OK;
    }

    /**
     * The handler's transmit reclaim: every descriptor the chip gave back, setup frames and dummies
     * skipped, frames counted as sent or as errors; restarts the transmitter if it died.
     *
     * @return frames reclaimed (the handler's {@code tx} for "too much work")
     */
    int reclaim(int csr5) {
        int done = 0;
        tp.lock.lock();
        try {
            int dirty = tp.dirtyTx;
            for (; tp.curTx - dirty > 0; dirty++) {
                int entry = TulipPrivate.txEntry(dirty);
                int status = tp.txDesc(entry, DESC_STATUS);
                if (status < 0) {
                    break; // still the chip's
                }
                if (tp.txKind[entry] != TulipPrivate.TX_FRAME) {
                    continue; // setup frame or dummy: no skb
                }
                if ((status & TxDescErrorSummary) != 0) {
                    tp.txErrors++;
                    if ((status & TxDescAborted) != 0) {
                        tp.txAbortedErrors++;
                    }
                    if ((status & TxDescCarrier) != 0) {
                        tp.txCarrierErrors++;
                    }
                    if ((status & TxDescWindow) != 0) {
                        tp.txWindowErrors++;
                    }
                    if ((status & TxDescFifo) != 0) {
                        tp.txFifoErrors++;
                    }
                    if ((status & TxDescHeartbeat) != 0 && (tp.csr6 & FullDuplex) == 0) {
                        tp.txHeartbeatErrors++;
                    }
                } else {
                    tp.txBytes += tp.txLen[entry];
                    tp.collisions += (status >>> 3) & 15;
                    tp.txPackets++;
                }
                done++;
            }
            if (tp.curTx - dirty < TX_RING_SIZE - 2 && tp.netdev.queueStopped() && tp.running) {
                tp.netdev.wakeQueue();
            }
            tp.dirtyTx = dirty;
            if ((csr5 & TxDied) != 0) {
                tp.restartRxtx();
            }
        } finally {
            tp.lock.unlock();
        }
        return done;
    }

    /** {@code tulip_clean_tx_ring}: frames the chip never sent are counted as errors and dropped. */
    void cleanTxRing() {
        for (int dirty = tp.dirtyTx; tp.curTx - dirty > 0; dirty++) {
            int entry = TulipPrivate.txEntry(dirty);
            int status = tp.txDesc(entry, DESC_STATUS);
            if (status < 0) {
                tp.setTxDesc(entry, DESC_STATUS, 0);
                if (tp.txKind[entry] == TulipPrivate.TX_FRAME) {
                    tp.txErrors++; // it was not sent
                }
            }
        }
        tp.dirtyTx = tp.curTx;
    }
}
