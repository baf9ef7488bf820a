package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;

import io.jnetdev.hw.DeviceContext;

/**
 * The interrupt block of the family (B.3; what Linux's {@code _vortex_interrupt},
 * {@code _boomerang_interrupt} and {@code vortex_error} read and acknowledge).
 *
 * <h2>Causes</h2>
 * Bits 1..10 of EL3_STATUS are causes. Some are events, latched until acknowledged with AckIntr:
 * HostError, TxAvailable, RxEarly, IntReq (FakeIntr, or a transmit-indicate), DMADone, DownComplete,
 * UpComplete. Others follow a condition of the card and clear only when it goes away, whatever
 * AckIntr says: TxComplete (the TxStatus stack is not empty: pop it), RxComplete (a whole frame waits
 * at the top of the receive FIFO: RxDiscard it, or let the upload engine take it), StatsFull (a
 * statistics counter is past its threshold: read it).
 *
 * <h2>The two masks</h2>
 * SetStatusEnb chooses which causes are <em>visible</em>: a cause outside it reads 0 in EL3_STATUS
 * and can neither latch nor interrupt — which is how Linux's "too much work" path hides sources it
 * defers. SetIntrEnb chooses which visible causes latch IntLatch.
 *
 * <h2>IntLatch and the pin</h2>
 * IntLatch (bit 0) is set whenever a cause is visible and interrupt-enabled, and stays set until
 * AckIntr with bit 0 — after which it is set again at once if such a cause is still there (the
 * latch's set input is a level; the model's choice, which keeps an event that arrives while the
 * handler runs from being lost, as Linux's loop {@code while (status & IntLatch)} relies on). The
 * INTx pin is asserted while IntLatch is set and {@code (status & intr_enable)} is non-zero (status
 * including IntLatch itself, so with bit 0 in the interrupt-enable mask the pin simply follows
 * IntLatch). A driver that never acknowledges IntLatch, or acknowledges it while leaving an enabled
 * condition (RxComplete, TxComplete, StatsFull) in place, therefore sees the line stay asserted.
 */
final class VortexInterrupts {
    /** What AckIntr can clear: IntLatch and the event causes. */
    static final int ACKABLE = IntLatch | HostError | TxAvailable | RxEarly | IntReq | DMADone | DownComplete | UpComplete;

    private DeviceContext ctx;
    private int causes;
    private int statusEnable;
    private int intrEnable;
    private boolean latch;
    private boolean pin;
    /** INTx assertions, for tests. */
    long assertions;

    void attach(DeviceContext context) {
        this.ctx = context;
    }

    /** Power-on: no causes, both masks 0, pin deasserted. */
    void reset() {
        causes = 0;
        statusEnable = 0;
        intrEnable = 0;
        latch = false;
        update();
    }

    /** Sets causes (events or conditions). */
    void raise(int bits) {
        causes |= bits & CAUSES;
        update();
    }

    /** Clears causes whose condition went away. */
    void clear(int bits) {
        causes &= ~bits;
        update();
    }

    /** Sets or clears a condition cause. */
    void condition(int bit, boolean on) {
        if (on) {
            raise(bit);
        } else {
            clear(bit);
        }
    }

    /** AckIntr: clears the acknowledgeable bits of {@code arg} (conditions stay). */
    void ack(int arg) {
        if ((arg & IntLatch) != 0) {
            latch = false;
        }
        causes &= ~(arg & ACKABLE & CAUSES);
        update();
    }

    void setStatusEnable(int arg) {
        statusEnable = arg & CMD_ARG_MASK;
        update();
    }

    void setIntrEnable(int arg) {
        intrEnable = arg & CMD_ARG_MASK;
        update();
    }

    int statusEnable() {
        return statusEnable;
    }

    int intrEnable() {
        return intrEnable;
    }

    /** Whether a cause is set, visible or not (for engines that mirror it elsewhere). */
    boolean pending(int bit) {
        return (causes & bit) != 0;
    }

    /** Bits 10..0 of EL3_STATUS: IntLatch and the visible causes. */
    int status() {
        return (latch ? IntLatch : 0) | (causes & statusEnable & CAUSES);
    }

    private void update() {
        int visible = causes & statusEnable & CAUSES;
        if ((visible & intrEnable) != 0) {
            latch = true;
        }
        boolean level = latch && ((visible | IntLatch) & intrEnable) != 0;
        if (level != pin) {
            pin = level;
            if (level) {
                assertions++;
            }
            if (ctx != null) {
                ctx.setIntx(level);
            }
        }
    }
}
