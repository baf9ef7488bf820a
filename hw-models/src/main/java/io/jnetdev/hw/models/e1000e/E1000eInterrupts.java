package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;

import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DeviceTimer;

/**
 * The 82574L's interrupt block (A.3, A.5, A.8, A.12): ICR/ICS/IMS/IMC/IAM/EIAC/IVAR with
 * CTRL_EXT.IAME and EIAME, interrupt throttling and the receive/transmit delay timers
 * (QEMU's {@code e1000e_set_interrupt_cause}, {@code e1000e_update_interrupt_state},
 * {@code e1000e_msix_notify_one} and the {@code e1000e_intrmgr_*} timers; the semantics here are
 * restated from the facts table, not copied).
 *
 * <h2>Signalling</h2>
 * A cause is <em>pending</em> while it is set in both ICR and IMS. INTx: the pin is asserted while
 * something is pending, deasserted as soon as nothing is. MSI: one message each time a cause
 * becomes pending that was not pending before. MSI-X: each newly pending RXQ0/RXQ1/TXQ0/TXQ1/OTHER
 * cause sends the vector its IVAR entry names (an entry without the valid bit, or naming a vector
 * of 5 or more, sends nothing and is logged once); then the cause is auto-cleared from ICR if it
 * is in EIAC — and from IMS too unless CTRL_EXT.IAME — and, with CTRL_EXT.EIAME, removed from IAM.
 * In MSI-X mode any of the "other" causes (LSC, RXO, MDAC, SRPD, ACK, MNG) also sets ICR.OTHER.
 *
 * <h2>Throttling</h2>
 * ITR (INTx and MSI) and EITR(0..4) (one per MSI-X vector) hold the minimum interval between two
 * interrupts on that vector in 256 ns units: after an interrupt is sent the vector's throttle
 * timer runs for the programmed interval, an interrupt due while it runs is held and sent when
 * it expires (if, for INTx and MSI, a cause is still pending then), which re-arms the timer.
 * 0 means no throttling. Unlike QEMU there is no 500-unit floor: that is the emulator's guard
 * against guest interrupt storms, not a property of the card.
 *
 * <h2>Delay timers (INTx and MSI only)</h2>
 * With RDTR ≠ 0 the receive write-back causes (RXT0, RXQ0/1, and ACK unless RFCTL.ACK_DIS) are
 * held: RDTR is re-armed on every frame and RADV, when non-zero, started once (an absolute bound);
 * with a descriptor's IDE bit the transmit causes (TXDW, TXQE, TXQ0/1) are held by TIDV (re-armed)
 * and TADV (once). Units are 1.024 µs. When a delay timer expires — or any other cause is raised,
 * or RDTR/TIDV is written with FPD — every held cause is raised at once.
 */
final class E1000eInterrupts {
    /** Index of the ITR throttle (INTx and MSI) after the five MSI-X vectors. */
    static final int LEGACY = MSIX_VECTORS;
    private static final int TX_DELAYABLE = ICR_TXQ0 | ICR_TXQ1 | ICR_TXQE | ICR_TXDW;
    private static final int[] MSIX_CAUSES = {ICR_RXQ0, ICR_RXQ1, ICR_TXQ0, ICR_TXQ1, ICR_OTHER};
    private static final int[] IVAR_SHIFTS = {IVAR_RXQ0_SHIFT, IVAR_RXQ1_SHIFT, IVAR_TXQ0_SHIFT, IVAR_TXQ1_SHIFT,
        IVAR_OTHER_SHIFT};
    private static final String[] CAUSE_NAMES = {"RXQ0", "RXQ1", "TXQ0", "TXQ1", "OTHER"};

    private final int[] mac;
    private DeviceContext ctx;
    private final DeviceTimer[] throttle = new DeviceTimer[MSIX_VECTORS + 1];
    private final boolean[] held = new boolean[MSIX_VECTORS + 1];
    /** Interrupts sent per vector (0..4 MSI-X, {@link #LEGACY} INTx assertions and MSI messages), for tests. */
    final long[] sent = new long[MSIX_VECTORS + 1];
    private final boolean[] ivarWarned = new boolean[MSIX_CAUSES.length];
    private DeviceTimer rdtrTimer;
    private DeviceTimer radvTimer;
    private DeviceTimer tidvTimer;
    private DeviceTimer tadvTimer;
    /** Causes held back by the delay timers. */
    private int delayed;
    /** Pending causes an interrupt has already been generated for (QEMU's {@code msi_causes_pending}). */
    private int signalled;
    private boolean intxLevel;
    /**
     * Whether the last {@link #update} ran in MSI-X mode, sent nothing, and nothing has reset the block since:
     * with {@link #settledIcr} and {@link #settledIms} (ICR and IMS as it left them) it lets
     * {@link #raise} skip an update that could find nothing new — every frame of a burst after the
     * first raises RXQ0 again while it is still set and masked.
     */
    private boolean settledMsix;
    private int settledIcr;
    private int settledIms;

    E1000eInterrupts(E1000eState state) {
        this.mac = state.mac;
    }

    void attach(DeviceContext context) {
        this.ctx = context;
        for (int v = 0; v <= MSIX_VECTORS; v++) {
            int vector = v;
            throttle[v] = context.newTimer(v == LEGACY ? "e1000e itr" : "e1000e eitr" + v, () -> throttleExpired(vector));
        }
        rdtrTimer = context.newTimer("e1000e rdtr", this::delayExpired);
        radvTimer = context.newTimer("e1000e radv", this::delayExpired);
        tidvTimer = context.newTimer("e1000e tidv", this::delayExpired);
        tadvTimer = context.newTimer("e1000e tadv", this::delayExpired);
    }

    /** Device reset: timers stopped, nothing held or signalled, INTx deasserted. */
    void reset() {
        if (ctx == null) {
            return;
        }
        for (int v = 0; v <= MSIX_VECTORS; v++) {
            throttle[v].cancel();
            held[v] = false;
        }
        stopDelayTimers();
        delayed = 0;
        signalled = 0;
        settledMsix = false;
        setIntx(false);
    }

    boolean msix() {
        return ctx != null && ctx.msixEnabled();
    }

    // ---- causes ------------------------------------------------------------------------------

    /** Raises {@code causes} now, together with any held by the delay timers ({@code e1000e_set_interrupt_cause}). */
    void raise(int causes) {
        if (settledWith(causes) && msix()) {
            return; // ICR, IMS, mode and what was signalled are as update() left them: it would change nothing
        }
        setCause(causes);
    }

    /**
     * A received frame's RXQ0 in MSI-X mode, which the caller has just checked ({@link #msix}):
     * {@link #raiseRx} and {@link #raise} without asking the PCI function for the mode twice more
     * per frame. RDTR/RADV hold causes only in INTx/MSI mode (see {@link #raiseRx}), so nothing is delayed here.
     */
    void raiseRxMsix(int causes) {
        if (settledWith(causes)) {
            return; // as in raise(): update() would change nothing
        }
        setCause(causes);
    }

    /**
     * Whether the last {@link #update} settled in MSI-X mode with nothing held by the delay timers,
     * and ICR (already holding {@code causes}) and IMS are as it left them; the caller still has to
     * know the function is in MSI-X mode now.
     */
    private boolean settledWith(int causes) {
        if (!settledMsix || delayed != 0) {
            return false;
        }
        int icr = mac[ICR >>> 2];
        return (icr & causes) == causes && icr == settledIcr && mac[IMS >>> 2] == settledIms;
    }

    /** {@code e1000e_set_interrupt_cause}: the causes and any held by the delay timers into ICR, then the interrupt logic. */
    private void setCause(int causes) {
        int all = causes | collectDelayed();
        mac[ICR >>> 2] |= all & ~ICR_INT_ASSERTED;
        update();
    }

    /** Receive write-back causes: held by RDTR/RADV in INTx/MSI mode when RDTR ≠ 0. */
    void raiseRx(int causes) {
        if (!msix()) {
            int delayable = ICR_RXQ0 | ICR_RXQ1 | ICR_RXT0 | ((mac[RFCTL >>> 2] & RFCTL_ACK_DIS) == 0 ? ICR_ACK : 0);
            int rdtr = mac[RDTR >>> 2] & 0xFFFF;
            if (rdtr != 0 && (causes & ~delayable) == 0) {
                delayed |= causes;
                rdtrTimer.schedule(rdtr * DELAY_UNIT_NANOS);
                int radv = mac[RADV >>> 2] & 0xFFFF;
                if (radv != 0 && !radvTimer.pending()) {
                    radvTimer.schedule(radv * DELAY_UNIT_NANOS);
                }
                return;
            }
        }
        raise(causes);
    }

    /** Transmit write-back causes: held by TIDV/TADV in INTx/MSI mode when the descriptors asked for it (IDE). */
    void raiseTx(int causes, boolean ide) {
        if (ide && !msix() && (causes & ~TX_DELAYABLE) == 0) {
            delayed |= causes;
            tidvTimer.schedule((mac[TIDV >>> 2] & 0xFFFF) * DELAY_UNIT_NANOS);
            int tadv = mac[TADV >>> 2] & 0xFFFF;
            if (tadv != 0 && !tadvTimer.pending()) {
                tadvTimer.schedule(tadv * DELAY_UNIT_NANOS);
            }
            return;
        }
        raise(causes);
    }

    private int collectDelayed() {
        int res = delayed;
        if (res != 0) {
            delayed = 0;
            stopDelayTimers();
        }
        return res;
    }

    private void stopDelayTimers() {
        if (rdtrTimer != null) {
            rdtrTimer.cancel();
            radvTimer.cancel();
            tidvTimer.cancel();
            tadvTimer.cancel();
        }
    }

    private void delayExpired() {
        raise(0);
    }

    // ---- register handlers ----------------------------------------------------------------------

    /** ICR read: returns the causes, then applies the clear-on-read rules of A.5. */
    int readIcr() {
        int ret = mac[ICR >>> 2];
        int i = ICR >>> 2;
        if (mac[IMS >>> 2] == 0 || !msix()) {
            mac[i] = 0;
        }
        if ((ret & ICR_INT_ASSERTED) != 0) {
            if ((mac[CTRL_EXT >>> 2] & CTRL_EXT_IAME) != 0) {
                mac[i] = 0;
                mac[IMS >>> 2] &= ~mac[IAM >>> 2];
            }
            if ((mac[i] & mac[IMS >>> 2]) != 0) {
                mac[i] = 0;
            }
        }
        if (mac[i] != ret) {
            update();
        }
        return ret;
    }

    /** ICR write: write-1-to-clear; OTHER clears every other cause; INT_ASSERTED with IAME auto-masks by IAM. */
    void writeIcr(int v) {
        int i = ICR >>> 2;
        if ((mac[i] & ICR_INT_ASSERTED) != 0 && (mac[CTRL_EXT >>> 2] & CTRL_EXT_IAME) != 0) {
            mac[IMS >>> 2] &= ~mac[IAM >>> 2];
        }
        int icr = mac[i] & ~v;
        if ((v & ICR_OTHER) != 0) {
            icr &= ~ICR_OTHER_CAUSES;
        }
        mac[i] = icr;
        update();
    }

    void writeIcs(int v) {
        raise(v & ~ICR_INT_ASSERTED);
    }

    /**
     * IMS write: sets the valid mask bits; with CTRL_EXT.INT_TIMERS_CLEAR_ENA a write of every valid
     * bit fires the delay timers. (QEMU also clears MSI-X pending bits when CTRL_EXT.PBA_CLR is set;
     * the PBA belongs to the runtime's PCI core here, so that is not modelled.)
     */
    void writeIms(int v) {
        int valid = v & IMS_VALID;
        if (valid == IMS_VALID && (mac[CTRL_EXT >>> 2] & CTRL_EXT_INT_TIMERS_CLEAR_ENA) != 0) {
            mac[ICR >>> 2] |= collectDelayed();
        }
        mac[IMS >>> 2] |= valid;
        update();
    }

    void writeImc(int v) {
        mac[IMS >>> 2] &= ~v;
        update();
    }

    /** RDTR or TIDV: the delay, with FPD (self-clearing) raising what the timers hold now. */
    void writeDelay(int offset, int v) {
        mac[offset >>> 2] = v & ~RDTR_FPD;
        if ((v & RDTR_FPD) != 0 && delayed != 0) {
            raise(0);
        }
    }

    // ---- signalling ----------------------------------------------------------------------------

    /** Re-evaluates the outputs after ICR or IMS changed ({@code e1000e_update_interrupt_state}). */
    void update() {
        int i = ICR >>> 2;
        boolean msix = msix();
        if (msix && (mac[i] & ICR_OTHER_CAUSES) != 0) {
            mac[i] |= ICR_OTHER;
        }
        fixAsserted();
        if (ctx == null) {
            settledMsix = false;
            return;
        }
        int pending = mac[i] & mac[IMS >>> 2] & ~ICR_INT_ASSERTED;
        signalled &= pending;
        int fresh = pending & ~signalled;
        // settled only when nothing was sent: a message may run code that changes ICR and IMS again
        settledMsix = msix && fresh == 0;
        if (msix) {
            setIntx(false);
            if (fresh != 0) {
                signalled |= fresh;
                msixNotify(fresh);
            }
            settledIcr = mac[i];
            settledIms = mac[IMS >>> 2];
        } else if (ctx.msiEnabled()) {
            setIntx(false);
            if (fresh != 0) {
                signalled |= fresh;
                fire(LEGACY);
            }
        } else if (pending == 0) {
            setIntx(false);
        } else if (!intxLevel) {
            fire(LEGACY);
        }
    }

    private void fixAsserted() {
        int i = ICR >>> 2;
        if ((mac[i] & ~ICR_INT_ASSERTED) != 0) {
            mac[i] |= ICR_INT_ASSERTED;
        } else {
            mac[i] = 0;
        }
        mac[ICS >>> 2] = mac[i]; // ICS reads as a mirror of ICR without the read side effects
    }

    private void msixNotify(int fresh) {
        int ivar = mac[IVAR >>> 2];
        int ctrlExt = mac[CTRL_EXT >>> 2];
        boolean cleared = false;
        for (int c = 0; c < MSIX_CAUSES.length; c++) {
            int cause = MSIX_CAUSES[c];
            if ((fresh & cause) == 0) {
                continue;
            }
            int entry = (ivar >>> IVAR_SHIFTS[c]) & 0xF;
            int vector = entry & 0x7;
            if ((entry & IVAR_VALID) != 0 && vector < MSIX_VECTORS) {
                fire(vector);
            } else if (!ivarWarned[c]) {
                ivarWarned[c] = true;
                ctx.log(String.format("e1000e: IVAR 0x%08x: %s entry 0x%x is %s: cause raises no MSI-X vector",
                        ivar, CAUSE_NAMES[c], entry, (entry & IVAR_VALID) == 0 ? "not valid" : "beyond the 5 vectors"));
            }
            if ((ctrlExt & CTRL_EXT_EIAME) != 0) {
                mac[IAM >>> 2] &= ~cause;
            }
            int autoClear = mac[EIAC_82574 >>> 2] & cause;
            if (autoClear != 0) {
                mac[ICR >>> 2] &= ~autoClear;
                if ((ctrlExt & CTRL_EXT_IAME) == 0) {
                    mac[IMS >>> 2] &= ~autoClear;
                }
                signalled &= ~autoClear;
                cleared = true;
            }
        }
        if (cleared) {
            fixAsserted();
        }
    }

    /** An interrupt is due on {@code vector}: sent now, or held until its throttle interval ends. */
    private void fire(int vector) {
        if (throttle[vector].pending()) {
            held[vector] = true;
            return;
        }
        send(vector);
    }

    private void send(int vector) {
        sent[vector]++;
        if (vector != LEGACY) {
            ctx.msixNotify(vector);
        } else if (ctx.msiEnabled()) {
            ctx.msiNotify(0);
        } else {
            setIntx(true);
        }
        long interval = (mac[(vector == LEGACY ? ITR : eitr(vector)) >>> 2] & 0xFFFF) * ITR_UNIT_NANOS;
        if (interval > 0) {
            throttle[vector].schedule(interval);
        }
    }

    private void throttleExpired(int vector) {
        if (!held[vector]) {
            return;
        }
        held[vector] = false;
        if (vector != LEGACY) {
            if (msix()) {
                send(vector);
            }
            return;
        }
        if (msix()) {
            return;
        }
        int pending = mac[ICR >>> 2] & mac[IMS >>> 2] & ~ICR_INT_ASSERTED;
        if (pending != 0 && (ctx.msiEnabled() || !intxLevel)) {
            send(LEGACY);
        }
    }

    private void setIntx(boolean level) {
        if (level != intxLevel) {
            intxLevel = level;
            ctx.setIntx(level);
        }
    }

    boolean intxLevel() {
        return intxLevel;
    }
}
