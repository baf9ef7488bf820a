package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipRegs.*;

import io.jnetdev.api.net.Napi;
import io.jnetdev.api.net.Skb;

/**
 * The NAPI poll ({@code tulip_poll} in Linux's {@code interrupt.c}, built with
 * {@code CONFIG_TULIP_NAPI_HW_MITIGATION}) and its refill.
 *
 * <p>Each pass acknowledges RI and RU, then takes frames while the chip has handed descriptors
 * back, up to the budget, refilling once a quarter of the ring is consumed; passes repeat while
 * CSR5 shows a new RI. When the ring is empty the poll decides the 21143's mitigation from what
 * it received: more than one frame switches mitigation on ({@link TulipRegs#MIT_ON} into CSR11),
 * one frame or none switches it off — so a lightly loaded card interrupts once per frame and a
 * busy one once per mitigation period (with {@code hw_mitigation=0}, a kernel built without the
 * option, it never switches and every frame that finds receive enabled interrupts). The receive sources come back (CSR7 = valid_intrs) only
 * when {@code napi_complete_done} says the driver may re-arm (rule R13); Linux calls
 * {@code napi_complete} and re-enables unconditionally.
 *
 * <p>Linux stops at {@code ++work_done >= budget}, one frame short of the budget; this poll takes
 * the full budget and returns it without completing (rule R9), as it also does when it took exactly
 * the budget (R11, first choice).
 *
 * <p>Every frame is copied into a fresh skb (the {@code rx_copybreak} path, whatever its length),
 * so the descriptor keeps its buffer. Errored frames are counted once each, by their first error,
 * with the core ({@code countRxDrop}) so that frame conservation holds.
 */
final class TulipPoll {
    private final TulipPrivate tp;

    TulipPoll(TulipPrivate tp) {
        this.tp = tp;
    }

    /** {@code tulip_poll}. */
    int tulipPoll(Napi napi, int budget) {
        tp.polls++;
        int entry = TulipPrivate.rxEntry(tp.curRx);
        int workDone = 0;
        int received = 0;
        if (budget >= RX_RING_SIZE) {
            budget--; // HW mitigation needs one buffer spare
        }
        if (budget <= 0) {
            return 0; // netpoll: no receive work with a zero budget (R12)
        }
        do {
            if (tp.ioread32(CSR5) == 0xFFFF_FFFF) {
                break; // the hardware disappeared
            }
            tp.iowrite32(RxIntr | RxNoBuf, CSR5);
            while (tp.rxDesc(entry, DESC_STATUS) >= 0) { // OWN clear: the chip handed it back
                if (tp.dirtyRx + RX_RING_SIZE == tp.curRx) {
                    break;
                }
                if (workDone == budget) {
                    return notDone(budget);
                }
                workDone++;
                receiveOne(entry);
                received++;
                entry = TulipPrivate.rxEntry(++tp.curRx);
                if (tp.curRx - tp.dirtyRx > RX_RING_SIZE / 4) {
                    tp.refillRx();
                }
            }
        } while ((tp.ioread32(CSR5) & RxIntr) != 0);

        if (workDone == budget) {
            return notDone(budget);
        }
        if (tp.chip.hasIntrMitigation && tp.hwMitigation) {
            if (received > 1) {
                if (!tp.mitOn) {
                    tp.mitOn = true;
                    tp.mitigationOn++;
                    tp.iowrite32(MIT_ON, CSR11);
                }
            } else if (tp.mitOn) {
                tp.mitOn = false;
                tp.mitigationOff++;
                tp.iowrite32(MIT_OFF, CSR11);
            }
        }
        tp.refillRx();
        if (napi.completeDone(workDone) && tp.running) {
            tp.iowrite32(tp.chip.validIntrs, CSR7);
        }
        return workDone;
    }

    /** The {@code not_done} exit: more is waiting; refill if half the ring is consumed, keep polling. */
    private int notDone(int budget) {
        if (tp.curRx - tp.dirtyRx > RX_RING_SIZE / 2) {
            tp.refillRx();
        }
        return budget;
    }

    /** One descriptor the chip handed back: a whole good frame goes up, anything else is counted. */
    private void receiveOne(int entry) {
        int status = tp.rxDesc(entry, DESC_STATUS);
        int pktLen = ((status >>> 16) & 0x7FF) - 4; // without the FCS
        if ((status & (RxLengthOver2047 | RxDescCRCError | RxDescCollisionSeen | RxDescRunt | RxDescDescErr
                | RxWholePkt)) != RxWholePkt || pktLen > MAX_FRAME) {
            rxError(status, pktLen);
            return;
        }
        Skb skb = tp.netdev.allocSkb(pktLen);
        if (skb == null) {
            tp.rxDropped++;
            tp.netdev.countRxDrop("rx_dropped", 1);
            return;
        }
        skb.putData(tp.rxBufs, tp.rxBufOffset(entry), pktLen);
        tp.netdev.ethTypeTrans(skb);
        tp.netdev.receiveSkb(skb);
        tp.rxPackets++;
        tp.rxBytes += pktLen;
    }

    /**
     * The error branch of {@code tulip_poll}: a frame spread over several buffers is counted at its
     * last one (its earlier buffers are skipped), anything else with the most specific cause; each
     * frame counts once in {@code rx_errors}, once in one cause and once in the core's drop count.
     */
    private void rxError(int status, int pktLen) {
        if ((status & (RxLengthOver2047 | RxWholePkt)) != RxWholePkt) {
            if ((status & RxDescLastSeg) != 0) {
                tp.rxErrors++;
                tp.rxLengthErrors++;
                tp.netdev.countRxDrop("rx_length_errors", 1);
            }
            return;
        }
        tp.rxErrors++;
        String cause;
        if (pktLen > MAX_FRAME || (status & RxDescRunt) != 0) {
            tp.rxLengthErrors++;
            cause = "rx_length_errors";
        } else if ((status & RxDescCRCError) != 0) {
            tp.rxCrcErrors++;
            cause = "rx_crc_errors";
        } else if ((status & RxDescDribble) != 0) {
            tp.rxFrameErrors++;
            cause = "rx_frame_errors";
        } else if ((status & RxDescOverflow) != 0) {
            tp.rxFifoErrors++;
            cause = "rx_fifo_errors";
        } else {
            cause = "rx_errors";
        }
        tp.netdev.countRxDrop(cause, 1);
    }
}
