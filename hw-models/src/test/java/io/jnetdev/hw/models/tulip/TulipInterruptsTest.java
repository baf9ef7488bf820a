package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSR5 write-one-to-clear and the NIS/AIS summaries, CSR7 gating the INTA pin (C.4). */
class TulipInterruptsTest {
    private final TulipBench b = new TulipBench();

    /** Raises RI (normal) and RU (abnormal) the way the chip does: a frame, then a frame with no descriptor. */
    private void raiseRiAndRu() {
        b.rxRing(1);
        b.startRx();
        b.offer(TulipBench.frame(TulipBench.BROADCAST, 64));
        b.w(CSR6, b.r(CSR6) | AcceptAllPhys);
        b.offer(TulipBench.frame(TulipBench.BROADCAST, 64));
    }

    @Test
    void summariesCountOnlyEnabledSourcesAndTheirGroups() {
        b.w(CSR6, AcceptAllPhys);
        raiseRiAndRu();
        int csr5 = b.r(CSR5);
        assertThat(csr5 & (RxIntr | RxNoBuf)).as("sources are set whatever CSR7 says").isEqualTo(RxIntr | RxNoBuf);
        assertThat(csr5 & (NormalIntr | AbnormalIntr)).as("C.4 summaries only from enabled sources").isZero();
        assertThat(b.ctx.intx).isFalse();

        b.w(CSR7, RxIntr | NormalIntr);
        assertThat(b.r(CSR5) & (NormalIntr | AbnormalIntr)).as("RI is normal").isEqualTo(NormalIntr);
        assertThat(b.ctx.intx).as("pin: CSR5 & CSR7 & (AIS|NIS)").isTrue();
        b.w(CSR7, RxNoBuf | AbnormalIntr);
        assertThat(b.r(CSR5) & (NormalIntr | AbnormalIntr)).as("RU is abnormal").isEqualTo(AbnormalIntr);
        assertThat(b.ctx.intx).isTrue();
        b.w(CSR7, RxIntr | RxNoBuf);
        assertThat(b.ctx.intx).as("sources enabled but neither summary enabled: pin low").isFalse();
    }

    @Test
    void writeOneToClearTakesOnlyTheBitsWrittenAndDropsThePin() {
        b.w(CSR6, AcceptAllPhys);
        b.w(CSR7, VALID_INTRS_21143);
        raiseRiAndRu();
        assertThat(b.ctx.intx).isTrue();
        int rs = b.r(CSR5) & (7 << CSR5_RS_SHIFT);
        assertThat(rs).as("RS suspended").isEqualTo(RS_SUSPENDED << CSR5_RS_SHIFT);
        b.w(CSR5, RxIntr);
        assertThat(b.r(CSR5) & (RxIntr | RxNoBuf | NormalIntr | AbnormalIntr)).as("RI cleared, RU and AIS stay")
                .isEqualTo(RxNoBuf | AbnormalIntr);
        assertThat(b.ctx.intx).isTrue();
        b.w(CSR5, ~0);
        assertThat(b.r(CSR5) & 0x0C01_FFFF).as("W1C on bits 0-16, 26, 27").isZero();
        assertThat(b.r(CSR5) & (7 << CSR5_RS_SHIFT)).as("the RS field is not cleared by writes").isEqualTo(rs);
        assertThat(b.ctx.intx).isFalse();
        assertThat(b.ctx.count(-2)).as("level-triggered: asserted once, while anything enabled was pending").isEqualTo(1);
    }

    @Test
    void csr7GatesThePinBothWays() {
        b.w(CSR6, AcceptAllPhys);
        raiseRiAndRu();
        assertThat(b.ctx.intx).isFalse();
        b.w(CSR7, VALID_INTRS_21143);
        assertThat(b.ctx.intx).as("enabling a pending source asserts").isTrue();
        b.w(CSR7, VALID_INTRS_21143 & ~(RxIntr | RxNoBuf | RxDied | RxJabber));
        assertThat(b.ctx.intx).as("Linux's NAPI mask of the RX sources deasserts").isFalse();
        assertThat(b.r(CSR5) & (RxIntr | RxNoBuf)).as("the sources stay pending").isEqualTo(RxIntr | RxNoBuf);
    }

    @Test
    void timerExpiryIsAbnormalSoLinuxsTooMuchWorkMaskStillWakesIt() {
        TulipBench t = new TulipBench(Tulip.dec21140(TulipBench.MAC));
        t.w(CSR6, AcceptAllPhys);
        t.rxRing(4);
        t.startRx();
        t.w(CSR7, VALID_INTRS_21140);
        t.offer(TulipBench.frame(TulipBench.MAC, 64));
        int csr5 = t.r(CSR5);
        // interrupt.c, 21140 "too much work": ack everything, mask the active sources, one-shot timer
        t.w(CSR5, 0x8001_FFFF);
        t.w(CSR7, ((~csr5) & VALID_INTRS_21140) | AbnormalIntr | TimerInt);
        t.w(CSR11, 0x0012);
        assertThat(t.ctx.intx).isFalse();
        t.ctx.run(18 * TulipMitigation.GP_TICK_NANOS);
        assertThat(t.r(CSR5) & (TimerInt | AbnormalIntr)).as("GTE counts in AIS").isEqualTo(TimerInt | AbnormalIntr);
        assertThat(t.ctx.intx).as("with NIS masked, the timer still interrupts").isTrue();
    }
}
