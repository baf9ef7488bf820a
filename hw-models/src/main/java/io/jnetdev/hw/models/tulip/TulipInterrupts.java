package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;

import io.jnetdev.hw.DeviceContext;

/**
 * CSR5 status and CSR7 enables, and the INTA pin they drive (C.4; QEMU's {@code tulip_update_int},
 * restated, not copied).
 *
 * <p>Sources set their CSR5 bit; a CSR5 write clears the bits written as one among bits 0–16, 26
 * and 27 (the RS/TS/EB fields are read-only). The summary bits are recomputed after every change
 * from the <em>enabled</em> sources only (CSR5 &amp; CSR7): NIS from TI, TU, RI and ERI; AIS from
 * TPS, TJT, LNP, UNF, RU, RPS, RWT, ETI, GTE, LNF, FBE, GPI and LC. The pin is asserted while
 * CSR5 &amp; CSR7 &amp; (AIS | NIS) ≠ 0 — level-triggered, so it drops as soon as the driver
 * acknowledges or masks the last enabled source.
 *
 * <p>GTE is grouped with the abnormal sources, unlike QEMU (which counts it normal; the facts file
 * marks the grouping UNVERIFIED). Linux's {@code tulip_interrupt} relies on it: on "too much work"
 * the 21140 path writes CSR7 = (~CSR5 &amp; valid_intrs) | AbnormalIntr | TimerInt, which masks NIS
 * and expects the timer to interrupt through AIS.
 */
final class TulipInterrupts {
    /** Sources that feed NIS. */
    static final int NORMAL = TxIntr | TxNoBuf | RxIntr | ERI;
    /** Sources that feed AIS. */
    static final int ABNORMAL = TxDied | TxJabber | TPLnkPass | TxFIFOUnderflow | RxNoBuf | RxDied | RxJabber
            | ETI | TimerInt | TPLnkFail | SystemError | GPI | LinkChange;

    private final int[] csr;
    private DeviceContext ctx;
    private boolean pin;
    /** Times the pin went from deasserted to asserted, for tests. */
    long assertions;

    TulipInterrupts(TulipState state) {
        this.csr = state.csr;
    }

    void attach(DeviceContext context) {
        this.ctx = context;
    }

    /** Sets {@code bits} in CSR5 and re-evaluates the summaries and the pin. */
    void raise(int bits) {
        csr[5] |= bits;
        update();
    }

    /** A CSR5 write: write-one-to-clear on the interrupt bits. */
    void writeCsr5(int v) {
        csr[5] &= ~(v & CSR5_W1C);
        update();
    }

    /** A CSR7 write. */
    void writeCsr7(int v) {
        csr[7] = v;
        update();
    }

    /** Records a fatal bus error of type {@code eb} (C.4 EB field) with the stopped engine's bit. */
    void busError(int eb, int stoppedBit) {
        csr[5] = (csr[5] & ~CSR5_EB_MASK) | (eb << CSR5_EB_SHIFT);
        raise(SystemError | stoppedBit);
    }

    /** Recomputes NIS/AIS and drives the pin on a change of level. */
    void update() {
        int enabled = csr[5] & csr[7];
        int v = csr[5] & ~(NormalIntr | AbnormalIntr);
        if ((enabled & NORMAL) != 0) {
            v |= NormalIntr;
        }
        if ((enabled & ABNORMAL) != 0) {
            v |= AbnormalIntr;
        }
        csr[5] = v;
        setPin((v & csr[7] & (NormalIntr | AbnormalIntr)) != 0);
    }

    private void setPin(boolean level) {
        if (level == pin) {
            return;
        }
        pin = level;
        if (level) {
            assertions++;
        }
        if (ctx != null) {
            ctx.setIntx(level);
        }
    }

    boolean pin() {
        return pin;
    }

    /** Reset: the pin follows the reset CSR5/CSR7 (nothing pending, so deasserted). */
    void reset() {
        update();
    }
}
