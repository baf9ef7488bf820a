package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.kernel.LogLevel;

/**
 * The interrupt handler ({@code vortex_boomerang_interrupt} with {@code _vortex_interrupt} for
 * the PIO chips and {@code _boomerang_interrupt} for the bus-master ones) and the uncommon
 * sources ({@code vortex_error}).
 *
 * <p>The skeleton is the one the seed quotes: read the status; not ours (IntLatch clear) → NONE;
 * loop while the card keeps latching, receiving frames into skbs for {@code netif_rx} and
 * reclaiming transmits; after {@code max_interrupt_work} passes stop: the sources still pending
 * are remembered in {@code deferred}, hidden from the status register (SetStatusEnb without
 * them) and acknowledged, and the media timer is re-armed for one second, when its FakeIntr
 * brings them back (the IntReq path of {@link #error}).
 *
 * <p>Two departures from Linux here. StatsFull is never deferred (the statistics are harvested
 * first instead), so that the card's 8-bit overrun counter cannot wrap while the sources are
 * hidden and every dropped frame stays counted. And Linux's hiding loop repeats until IntLatch
 * reads clear; here it is bounded too
 * ({@value #MAX_DEFER_PASSES} passes: each pass can only add sources, and there are eleven), so
 * that no status the card shows can keep the handler looping.
 */
final class VortexInterrupt {
    static final int MAX_DEFER_PASSES = 16;
    /** {@code vortex_rx}'s short wait for RxDiscard between frames. */
    static final int RX_DISCARD_POLLS = 200;

    private final VortexPrivate vp;
    /** {@code DoneDidThat}: StatsFull has been removed from the enables once already. */
    private boolean statsFullDisabled;

    VortexInterrupt(VortexPrivate vp) {
        this.vp = vp;
    }

    /** {@code vortex_boomerang_interrupt}: the registered handler, under {@code vp->lock}. */
    IrqReturn handle(int irq) {
        long flags = vp.lock.lockIrqSave();
        try {
            return vp.fullBusMasterRx != 0 ? boomerangInterrupt() : vortexInterrupt();
        } finally {
            vp.lock.unlockIrqRestore(flags);
        }
    }

    /** {@code _vortex_interrupt}: PIO receive, TxAvailable wakes the queue. */
    private IrqReturn vortexInterrupt() {
        VortexIo io = vp.io;
        int status = io.status();
        if ((status & INT_LATCH) == 0) {
            vp.interruptsNotOurs++;
            return IrqReturn.NONE; // shared line: another device's interrupt
        }
        vp.interrupts++;
        status = mergeDeferred(status);
        if (status == 0xFFFF) {
            return IrqReturn.HANDLED; // the card is gone
        }
        int workDone = vp.maxInterruptWork;
        do {
            if ((status & RX_COMPLETE) != 0) {
                vp.vortexRx.rx();
            }
            if ((status & TX_AVAILABLE) != 0) {
                io.command(ACK_INTR | TX_AVAILABLE); // room for a full-sized frame again
                vp.dev.wakeQueue();
            }
            if ((status & UNCOMMON) != 0) {
                if (status == 0xFFFF) {
                    break;
                }
                if ((status & RX_EARLY) != 0) {
                    vp.vortexRx.rx();
                }
                error(status);
            }
            if (--workDone < 0) {
                tooMuchWork(status);
                break;
            }
            io.command(ACK_INTR | INT_REQ | INT_LATCH);
        } while (((status = io.status()) & (INT_LATCH | RX_COMPLETE)) != 0);
        return IrqReturn.HANDLED;
    }

    /** {@code _boomerang_interrupt}: UpComplete → receive ring, DownComplete → download-list reclaim. */
    private IrqReturn boomerangInterrupt() {
        VortexIo io = vp.io;
        int status = io.status();
        if ((status & INT_LATCH) == 0) {
            vp.interruptsNotOurs++;
            return IrqReturn.NONE;
        }
        vp.interrupts++;
        if (status == 0xFFFF) {
            return IrqReturn.HANDLED;
        }
        status = mergeDeferred(status);
        int workDone = vp.maxInterruptWork;
        do {
            if ((status & UP_COMPLETE) != 0) {
                io.command(ACK_INTR | UP_COMPLETE);
                vp.boomerangRx.rx();
            }
            if ((status & DOWN_COMPLETE) != 0) {
                io.command(ACK_INTR | DOWN_COMPLETE);
                ((BoomerangTx) vp.tx).reclaim();
            }
            if ((status & UNCOMMON) != 0) {
                error(status);
            }
            if (--workDone < 0) {
                tooMuchWork(status);
                break;
            }
            io.command(ACK_INTR | INT_REQ | INT_LATCH);
        } while (((status = io.status()) & INT_LATCH) != 0);
        return IrqReturn.HANDLED;
    }

    /** IntReq (the timer's FakeIntr, or a transmit indication) brings the deferred sources back into this run. */
    private int mergeDeferred(int status) {
        if ((status & INT_REQ) != 0 && vp.deferred != 0) {
            status |= vp.deferred;
            vp.deferred = 0;
            vp.sourcesRestored++;
        }
        return status;
    }

    /**
     * The work limit tripped: hide what is pending, acknowledge it, remember it, and let the
     * media timer restore it in a second.
     */
    private void tooMuchWork(int status) {
        VortexIo io = vp.io;
        vp.workLimitTrips++;
        vp.kernel.printk(LogLevel.WARNING, String.format("%s: Too much work in interrupt, status %04x", vp.name(), status));
        // The counters are emptied now and StatsFull stays visible: hidden for the second, the
        // 8-bit overrun counter would wrap under the very overload that got us here, and the
        // frames it counts would go unaccounted. (Linux hides StatsFull with the rest.)
        vp.stats.update(io, vp.dev);
        int passes = 0;
        do {
            vp.deferred |= status & ~STATS_FULL;
            io.command(SET_STATUS_ENB | (~vp.deferred & vp.statusEnable & ACK_MASK));
            io.command(ACK_INTR | (vp.deferred & ACK_MASK));
            status = io.status();
        } while ((status & INT_LATCH) != 0 && ++passes < MAX_DEFER_PASSES);
        if ((status & INT_LATCH) != 0) {
            vp.kernel.printk(LogLevel.ERR, String.format("%s: interrupt still latched after hiding sources %04x, status %04x",
                    vp.name(), vp.deferred, status));
        }
        vp.mediaTimer.modTimer(vp.kernel.jiffies() + vp.kernel.hz());
    }

    /**
     * {@code vortex_error}: transmit errors (TxComplete), early receive, statistics near overflow,
     * IntReq (restore every source), host errors (reset).
     */
    void error(int status) {
        VortexIo io = vp.io;
        boolean doTxReset = false;
        int resetMask = 0;
        if ((status & TX_COMPLETE) != 0) { // really "transmit error"
            int txStatus = io.ioaddr.read8(TX_STATUS);
            if (txStatus != 0x88) {
                vp.kernel.printk(LogLevel.ERR, String.format("%s: Transmit error, Tx status register %02x.", vp.name(), txStatus));
            }
            if ((txStatus & 0x14) != 0) {
                vp.stats.txFifoErrors++;
            }
            if ((txStatus & 0x38) != 0) {
                vp.stats.txAbortedErrors++;
            }
            if ((txStatus & TX_STATUS_MAX_COLLISIONS) != 0) {
                vp.stats.txMaxCollisions++;
            }
            io.ioaddr.write8(TX_STATUS, 0); // pop the status
            if ((txStatus & TX_STATUS_JABBER_UNDERRUN) != 0) {
                doTxReset = true;
            } else if ((txStatus & TX_STATUS_MAX_COLLISIONS) != 0 && vp.chip.has(VortexChipInfo.MAX_COLLISION_RESET)) {
                doTxReset = true;
                resetMask = 0x0108; // the interface, not the download logic
            } else {
                io.command(TX_ENABLE);
            }
        }
        if ((status & RX_EARLY) != 0) {
            io.command(ACK_INTR | RX_EARLY);
        }
        if ((status & STATS_FULL) != 0) {
            vp.stats.update(io, vp.dev);
            if (!statsFullDisabled && (io.status() & STATS_FULL) != 0) {
                vp.kernel.printk(LogLevel.WARNING, vp.name() + ": Updating statistics failed, disabling stats as an interrupt source");
                io.command(SET_INTR_ENB | (io.windowRead16(5, WN5_INTR_ENABLE) & ~STATS_FULL));
                vp.intrEnable &= ~STATS_FULL;
                statsFullDisabled = true;
            }
        }
        if ((status & INT_REQ) != 0) { // restore every source
            io.command(vp.statusEnable);
            io.command(vp.intrEnable);
        }
        if ((status & HOST_ERROR) != 0) {
            vp.hostErrors++;
            int fifoDiag = io.windowRead16(4, WN4_FIFO_DIAG);
            vp.kernel.printk(LogLevel.ERR, String.format("%s: Host error, FIFO diagnostic register %04x.", vp.name(), fifoDiag));
            if (vp.fullBusMasterTx) {
                int busStatus = io.ioaddr.read32(PKT_STATUS);
                vp.kernel.printk(LogLevel.ERR, String.format("%s: PCI bus error, bus status %08x", vp.name(), busStatus));
                vp.down(true);
                io.issueAndWaitQuiet(TOTAL_RESET | 0xFF);
                io.windowUnknown();
                try {
                    vp.up();
                } catch (ErrnoException e) {
                    vp.kernel.printk(LogLevel.ERR, vp.name() + ": reinitialisation after the host error failed: " + e.getMessage());
                }
            } else if ((fifoDiag & 0x0400) != 0) {
                doTxReset = true;
            }
            if ((fifoDiag & 0x3000) != 0) {
                io.issueAndWaitQuiet(RX_RESET | 0x07); // receive FIFO and upload logic
                vp.setRxMode(vp.dev);
                vp.set8021qMode(true);
                io.command(RX_ENABLE);
                io.command(ACK_INTR | HOST_ERROR);
            }
        }
        if (doTxReset) {
            io.issueAndWaitQuiet(TX_RESET | resetMask);
            io.command(TX_ENABLE);
            if (!vp.fullBusMasterTx) {
                vp.dev.wakeQueue();
            }
        }
    }
}
