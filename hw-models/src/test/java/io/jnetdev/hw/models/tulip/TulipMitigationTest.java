package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSR11: the general-purpose timer and, on the 21143 only, RX/TX interrupt mitigation (C.6, C.7), in virtual time. */
class TulipMitigationTest {
    private static final long MIN_FRAME_NANOS = 6_720;

    /** A driver stand-in for the ISR: ack RI as each interrupt arrives. */
    private static void ackRxOnEachInterrupt(TulipBench b) {
        b.ctx.onIrq = () -> b.w(CSR5, RxIntr);
    }

    /** Offers {@code n} minimum frames to the station address at line rate, returning when the last arrived. */
    private static void burst(TulipBench b, int n) {
        for (int i = 0; i < n; i++) {
            b.offer(TulipBench.frame(TulipBench.MAC, 60));
            b.ctx.run(MIN_FRAME_NANOS);
        }
    }

    @Test
    void linuxsMitTable15HoldsRiFor76point8Microseconds() {
        TulipBench plain = new TulipBench();
        plain.open(128, 4);
        ackRxOnEachInterrupt(plain);
        burst(plain, 40);
        plain.ctx.drain();

        TulipBench mit = new TulipBench();
        mit.open(128, 4);
        ackRxOnEachInterrupt(mit);
        mit.w(CSR11, 0x80F1_0000);
        long start = mit.ctx.nowNanos();
        burst(mit, 40);
        mit.ctx.drain();
        assertThat(plain.nic.interrupts().assertions).as("one interrupt per frame without mitigation").isEqualTo(40);
        // 40 frames 6.72 µs apart span 268.8 µs; one RI per 76.8 µs window from its first frame
        assertThat(mit.nic.interrupts().assertions).as("C.7 0x80F10000: RX timer 15 × 5.12 µs").isEqualTo(4);
        assertThat(mit.ctx.times(-2).get(0) - start).isEqualTo(76_800);
        assertThat(mit.nic.rxFramesTotal()).isEqualTo(40);
    }

    @Test
    void thePacketCountReleasesRiBeforeTheTimer() {
        TulipBench b = new TulipBench();
        b.open(64, 4);
        ackRxOnEachInterrupt(b);
        b.w(CSR11, 0x8000_0000 | 3 << CSR11_NRP_SHIFT | 15 << CSR11_RT_SHIFT); // 3 frames or 76.8 µs
        burst(b, 7);
        assertThat(b.nic.interrupts().assertions).as("frames 3 and 6").isEqualTo(2);
        b.ctx.run(100_000);
        assertThat(b.nic.interrupts().assertions).as("frame 7 by the timer").isEqualTo(3);
        b.w(CSR11, 0x8000_0000 | 15 << CSR11_RT_SHIFT);
        b.offer(TulipBench.frame(TulipBench.MAC, 60));
        assertThat(b.nic.interrupts().assertions).isEqualTo(3);
        b.w(CSR11, 0);
        assertThat(b.nic.interrupts().assertions).as("turning mitigation off releases what was held").isEqualTo(4);
    }

    @Test
    void transmitMitigationCountsIcCompletions() {
        TulipBench b = new TulipBench();
        b.open(4, 16);
        b.ctx.drain();
        b.ctx.onIrq = () -> b.w(CSR5, TxIntr | TxNoBuf);
        b.w(CSR7, TxIntr | NormalIntr);
        // Linux's "too much work" value: cycle 5.12 µs, TX timer 1 (16 cycles = 81.92 µs), TX packets 3
        b.w(CSR11, 0x8B24_0000);
        for (int i = 0; i < 4; i++) {
            b.queue(TulipBench.frame(TulipBench.OTHER_MAC, 60), TDES1_FS | TDES1_LS | TDES1_IC);
        }
        b.w(CSR1, 0);
        b.ctx.run(4 * MIN_FRAME_NANOS);
        assertThat(b.ctx.count(-2)).as("TI after the third IC completion").isEqualTo(1);
        b.ctx.run(81_920);
        assertThat(b.ctx.count(-2)).as("the fourth by the TX timer").isEqualTo(2);
    }

    @Test
    void the21140HasNoMitigation() {
        TulipBench b = new TulipBench(Tulip.dec21140(TulipBench.MAC));
        b.open(64, 4);
        ackRxOnEachInterrupt(b);
        b.w(CSR11, 0x80F1_0000);
        assertThat(b.r(CSR11)).as("C.6: bits 31:17 absent on the 21140").isEqualTo(CSR11_CON);
        burst(b, 10);
        assertThat(b.nic.interrupts().assertions).as("RI for every frame").isEqualTo(10);
    }

    @Test
    void generalPurposeTimerOneShotAndContinuous() {
        TulipBench b = new TulipBench();
        b.w(CSR7, TimerInt | AbnormalIntr);
        b.ctx.onIrq = () -> b.w(CSR5, TimerInt);
        b.w(CSR11, 12);
        b.ctx.run(5 * TulipMitigation.GP_TICK_NANOS);
        assertThat(b.r(CSR11) & CSR11_TIMER_MASK).as("the count still to run").isEqualTo(7);
        b.ctx.run(7 * TulipMitigation.GP_TICK_NANOS);
        assertThat(b.ctx.times(-2)).as("12 × 81.92 µs, once").containsExactly(12 * TulipMitigation.GP_TICK_NANOS);
        b.ctx.run(1_000_000);
        assertThat(b.ctx.count(-2)).isEqualTo(1);

        long t0 = b.ctx.nowNanos();
        b.w(CSR11, CSR11_CON | 2);
        b.ctx.run(6 * TulipMitigation.GP_TICK_NANOS);
        assertThat(b.ctx.times(-2)).as("continuous: every 2 ticks").containsExactly(12 * TulipMitigation.GP_TICK_NANOS,
                t0 + 2 * TulipMitigation.GP_TICK_NANOS, t0 + 4 * TulipMitigation.GP_TICK_NANOS,
                t0 + 6 * TulipMitigation.GP_TICK_NANOS);
        b.w(CSR11, 0);
        assertThat(b.nic.mitigation().gpRunning()).as("0 stops it").isFalse();
    }
}
