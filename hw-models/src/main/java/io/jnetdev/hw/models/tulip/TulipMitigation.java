package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;

import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DeviceTimer;

/**
 * CSR11: the general-purpose timer on both parts, and on the 21143 the receive and transmit
 * interrupt mitigation (C.6, C.7; Linux's {@code mit_table} and the "too much work" path write it).
 *
 * <h2>Time base (chosen: the facts file marks the tick UNVERIFIED)</h2>
 * Everything runs in virtual time at the port's fixed 100 Mb/s:
 * <ul>
 * <li>general-purpose timer: one count = {@value #GP_TICK_NANOS} ns (81.92 µs, 8192 bit times),
 *     on both parts and whatever the cycle-size bit says;</li>
 * <li>mitigation cycle: {@value #CYCLE_SHORT_NANOS} ns (5.12 µs) with CS = 1, {@value #GP_TICK_NANOS} ns
 *     (81.92 µs) with CS = 0; the RX timer counts cycles, the TX timer 16 cycles (C.6).</li>
 * </ul>
 * So Linux's {@code mit_table[15]} (0x80F10000) holds RI for 15 × 5.12 = 76.8 µs, and the 21140's
 * "too much work" timer (CSR11 = 0x12) fires after 18 × 81.92 ≈ 1.47 ms.
 *
 * <h2>General-purpose timer</h2>
 * Writing a non-zero count starts it; writing 0 stops it. At expiry it raises GTE and, with CON
 * (continuous mode), reloads and runs again; without CON it stops. A read of CSR11 shows the
 * count still to run in bits 15:0 (rounded up to whole ticks) and the other bits as written.
 *
 * <h2>Mitigation (21143 only)</h2>
 * With the RX fields zero (packet count NRP and timer RT), RI is raised as each frame completes.
 * Otherwise completed frames are held: RI is raised when NRP frames are held (NRP ≠ 0), or when
 * the RX timer, started by the first held frame, expires (RT ≠ 0) — whichever comes first — and the
 * count and timer start over. TX works the same on TI with NTP and TT. Writing CSR11 so that a
 * direction's fields become zero releases what that direction held at once. On the 21140 CSR11 keeps
 * only bits 16:0: the mitigation fields read as zero and hold nothing.
 */
final class TulipMitigation {
    /** One count of the general-purpose timer, and one mitigation cycle with CS = 0: 81.92 µs. */
    static final long GP_TICK_NANOS = 81_920;
    /** One mitigation cycle with CS = 1: 5.12 µs. */
    static final long CYCLE_SHORT_NANOS = 5_120;

    private final TulipState s;
    private final TulipInterrupts irq;
    private DeviceTimer gpTimer;
    private DeviceTimer rxTimer;
    private DeviceTimer txTimer;
    private DeviceContext ctx;
    /** Virtual time the running general-purpose timer expires. */
    private long gpDeadline;
    private int rxHeld;
    private int txHeld;

    TulipMitigation(TulipState state, TulipInterrupts irq) {
        this.s = state;
        this.irq = irq;
    }

    void attach(DeviceContext context) {
        this.ctx = context;
        gpTimer = context.newTimer("tulip gp timer", this::gpExpired);
        rxTimer = context.newTimer("tulip rx mitigation", this::rxExpired);
        txTimer = context.newTimer("tulip tx mitigation", this::txExpired);
    }

    /** Reset and hot-unplug: every timer stopped, nothing held. */
    void reset() {
        if (gpTimer != null) {
            gpTimer.cancel();
            rxTimer.cancel();
            txTimer.cancel();
        }
        rxHeld = 0;
        txHeld = 0;
    }

    // ---- CSR11 ---------------------------------------------------------------------------------

    void write(int v) {
        int value = s.chip.hasMitigation ? v : v & CSR11_MASK_21140;
        s.csr[11] = value;
        int count = value & CSR11_TIMER_MASK;
        if (gpTimer == null) {
            return;
        }
        if (count == 0) {
            gpTimer.cancel();
        } else {
            startGp(count);
        }
        if (rxHeld > 0 && rxPackets() == 0 && rxTimerNanos() == 0) {
            releaseRx();
        }
        if (txHeld > 0 && txPackets() == 0 && txTimerNanos() == 0) {
            releaseTx();
        }
    }

    int read() {
        int v = s.csr[11] & ~CSR11_TIMER_MASK;
        if (gpTimer != null && gpTimer.pending()) {
            long left = Math.max(0, gpDeadline - ctx.nowNanos());
            v |= (int) Math.min(CSR11_TIMER_MASK, (left + GP_TICK_NANOS - 1) / GP_TICK_NANOS);
        }
        return v;
    }

    private void startGp(int count) {
        long nanos = count * GP_TICK_NANOS;
        gpDeadline = ctx.nowNanos() + nanos;
        gpTimer.schedule(nanos);
    }

    private void gpExpired() {
        int count = s.csr[11] & CSR11_TIMER_MASK;
        if ((s.csr[11] & CSR11_CON) != 0 && count != 0) {
            startGp(count);
        }
        irq.raise(TimerInt);
    }

    // ---- fields --------------------------------------------------------------------------------

    private long cycleNanos() {
        return (s.csr[11] & CSR11_CS) != 0 ? CYCLE_SHORT_NANOS : GP_TICK_NANOS;
    }

    private int rxPackets() {
        return (s.csr[11] >>> CSR11_NRP_SHIFT) & 7;
    }

    private long rxTimerNanos() {
        return ((s.csr[11] >>> CSR11_RT_SHIFT) & 0xF) * cycleNanos();
    }

    private int txPackets() {
        return (s.csr[11] >>> CSR11_NTP_SHIFT) & 7;
    }

    private long txTimerNanos() {
        return ((s.csr[11] >>> CSR11_TT_SHIFT) & 0xF) * 16 * cycleNanos();
    }

    // ---- RI / TI ---------------------------------------------------------------------------------

    /** A frame was stored: RI now, or held by the mitigation fields. */
    void rxDone() {
        int packets = rxPackets();
        long timer = rxTimerNanos();
        if (packets == 0 && timer == 0) {
            irq.raise(RxIntr);
            return;
        }
        rxHeld++;
        if (packets != 0 && rxHeld >= packets) {
            releaseRx();
        } else if (timer != 0 && !rxTimer.pending()) {
            rxTimer.schedule(timer);
        }
    }

    /** A descriptor with IC completed: TI now, or held by the mitigation fields. */
    void txDone() {
        int packets = txPackets();
        long timer = txTimerNanos();
        if (packets == 0 && timer == 0) {
            irq.raise(TxIntr);
            return;
        }
        txHeld++;
        if (packets != 0 && txHeld >= packets) {
            releaseTx();
        } else if (timer != 0 && !txTimer.pending()) {
            txTimer.schedule(timer);
        }
    }

    private void rxExpired() {
        if (rxHeld > 0) {
            releaseRx();
        }
    }

    private void txExpired() {
        if (txHeld > 0) {
            releaseTx();
        }
    }

    private void releaseRx() {
        rxHeld = 0;
        rxTimer.cancel();
        irq.raise(RxIntr);
    }

    private void releaseTx() {
        txHeld = 0;
        txTimer.cancel();
        irq.raise(TxIntr);
    }

    /** Whether the general-purpose timer runs, for tests. */
    boolean gpRunning() {
        return gpTimer != null && gpTimer.pending();
    }

    /** Whether anything is armed, for the hot-unplug check. */
    boolean anyTimerPending() {
        return gpTimer != null && (gpTimer.pending() || rxTimer.pending() || txTimer.pending());
    }
}
