package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipRegs.*;

import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.kernel.LogLevel;

/**
 * The interrupt handler ({@code tulip_interrupt} in Linux's {@code interrupt.c}, NAPI build) on a
 * shared INTx line. It claims the interrupt only when CSR5 shows a summary bit. Receive is the
 * poll's: on RI or RU the handler masks the receive sources in CSR7 and schedules NAPI, and leaves
 * RI and RU unacknowledged. It reclaims transmit descriptors itself, handles the abnormal
 * sources, and loops while CSR5 shows more, at most {@code max_interrupt_work} times.
 *
 * <p>"Too much work" (more than 128 frames received, 32 transmitted or 32 other events in one
 * invocation; in the NAPI build only the last two can grow): everything is acknowledged and the
 * chip made to interrupt less — the 21143 by CSR11 mitigation 0x8B240000, other chips by masking
 * the sources that were active and arming the one-shot CSR11 timer, whose interrupt re-enables
 * them all.
 *
 * <p>A fatal bus error (SystemError, e.g. a descriptor outside the DMA window) or a stopped receive
 * process (RxDied, e.g. a descriptor without room) leaves the chip stopped; Linux only logs the
 * first and rewrites CSR6 for the second, this driver then also schedules a reset of the chip
 * from process context ({@link TulipCore#resetTask}).
 */
final class TulipInterrupt {
    private final TulipPrivate tp;
    private final TulipTx tx;

    TulipInterrupt(TulipPrivate tp, TulipTx tx) {
        this.tp = tp;
        this.tx = tx;
    }

    /** {@code tulip_interrupt}. */
    IrqReturn tulipInterrupt(int irq) {
        int csr5 = tp.ioread32(CSR5);
        if ((csr5 & (NormalIntr | AbnormalIntr)) == 0 || !tp.running) {
            return IrqReturn.NONE;
        }
        tp.nir++;
        int validIntrs = tp.chip.validIntrs;
        int rx = 0;
        int txDone = 0;
        int oi = 0;
        int maxrx = RX_RING_SIZE;
        int maxtx = TX_RING_SIZE;
        int maxoi = TX_RING_SIZE;
        boolean rxd = false;
        int workCount = tp.maxInterruptWork;
        do {
            if (!rxd && (csr5 & (RxIntr | RxNoBuf)) != 0) {
                rxd = true;
                // mask the receive sources, then hand the ring to the poll
                tp.iowrite32(validIntrs & ~RxPollInt, CSR7);
                if (tp.napi.schedulePrep()) {
                    tp.napi.scheduleNow();
                }
                if ((csr5 & ~(AbnormalIntr | NormalIntr | RxPollInt | TPLnkPass)) == 0) {
                    break;
                }
            }
            // acknowledge what is handled here; RI and RU are the poll's
            tp.iowrite32(csr5 & ACK_NAPI, CSR5);

            if ((csr5 & (TxNoBuf | TxDied | TxIntr | TimerInt)) != 0) {
                txDone += tx.reclaim(csr5);
            }
            if ((csr5 & AbnormalIntr) != 0) {
                if (csr5 == 0xFFFF_FFFF) {
                    break; // the card is gone
                }
                abnormal(csr5);
                oi++;
            }
            if ((csr5 & TimerInt) != 0) {
                // the one-shot timer armed by "too much work": everything back on
                tp.iowrite32(validIntrs, CSR7);
                tp.ttimer = 0;
                oi++;
            }
            if (txDone > maxtx || rx > maxrx || oi > maxoi) {
                tooMuchWork(csr5, txDone, rx, oi);
                break;
            }
            if (--workCount == 0) {
                break;
            }
            csr5 = tp.ioread32(CSR5);
            if (rxd) {
                csr5 &= ~RxPollInt;
            }
        } while ((csr5 & LOOP_SOURCES) != 0);

        tp.harvestMissed();
        return IrqReturn.HANDLED;
    }

    /** The abnormal summary: errors counted, processes restarted, then every error source cleared. */
    private void abnormal(int csr5) {
        if ((csr5 & TxJabber) != 0) {
            tp.txErrors++;
        }
        if ((csr5 & TxFIFOUnderflow) != 0) {
            if ((tp.csr6 & CSR6_THRESHOLD) != CSR6_THRESHOLD) {
                tp.csr6 += CSR6_THRESHOLD_STEP; // raise the transmit threshold
            } else {
                tp.csr6 |= CSR6_STORE_AND_FORWARD;
            }
            tp.restartRxtx();
            tp.iowrite32(0, CSR1);
        }
        if ((csr5 & RxDied) != 0) {
            // the receiver stopped: what it missed is in CSR8
            tp.harvestMissed();
            tp.rxErrors++;
            tp.startRxtx();
            // a receiver that stopped on a descriptor it refused does not restart on the same
            // CSR6 value, and would meet the same descriptor again: reset the chip
            tp.kernel.scheduleWork(tp.resetTask);
        }
        if ((csr5 & SystemError) != 0) {
            int error = (csr5 >>> CSR5_EB_SHIFT) & 7;
            tp.systemErrors++;
            tp.kernel.printk(LogLevel.ERR, String.format("%s: (%d) System Error occurred (%d)", tp.netdev.name(), tp.nir,
                    error));
            // the chip stopped its DMA engines; a software reset in process context restarts it
            tp.kernel.scheduleWork(tp.resetTask);
        }
        tp.iowrite32(ACK_ERRORS, CSR5);
    }

    /** The "too much work" exit of {@code tulip_interrupt}. */
    private void tooMuchWork(int csr5, int txDone, int rx, int oi) {
        tp.tooMuchWork++;
        tp.kernel.printk(LogLevel.WARNING, String.format(
                "%s: Too much work during an interrupt, csr5=0x%08x. (%d) (%d,%d,%d)", tp.netdev.name(), csr5, tp.nir, txDone,
                rx, oi));
        tp.iowrite32(ACK_ALL, CSR5);
        if (tp.chip.hasIntrMitigation) {
            tp.iowrite32(MIT_TOO_MUCH_WORK, CSR11);
        } else {
            // mask what was active; the timer's interrupt (through AbnormalIntr) re-enables it
            tp.iowrite32((~csr5 & MASKABLE_21140) | AbnormalIntr | TimerInt, CSR7);
            tp.iowrite32(TIMER_REENABLE, CSR11);
        }
    }
}
