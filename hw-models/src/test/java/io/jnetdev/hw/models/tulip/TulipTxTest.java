package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The transmit process: descriptors and completion (C.8), TU and poll demand (C.4), pacing at 100 Mb/s (D). */
class TulipTxTest {
    private final TulipBench b = new TulipBench();

    /** Wire time of a frame of {@code length} bytes at 100 Mb/s: padded to 60, + FCS, preamble, IFG; 10 ns a bit. */
    private static long wireNanos(int length) {
        return (Math.max(length, 60) + 4 + 8 + 12) * 8L * 10;
    }

    @Test
    void aFrameIsSentAtLineRateThenItsDescriptorIsClosedWithTi() {
        b.open(4, 8);
        b.w(CSR5, ~0);
        byte[] f = TulipBench.frame(TulipBench.OTHER_MAC, 1514);
        int slot = b.send(f, TDES1_IC);
        assertThat(b.tdes0(slot)).as("C.8 still the chip's while on the wire (Linux: not yet sent)").isEqualTo(DescOwned);
        assertThat((b.r(CSR5) >>> CSR5_TS_SHIFT) & 7).as("TS 2: waiting for end of transmission").isEqualTo(TS_WAIT_END);
        b.ctx.run(wireNanos(1514) - 1);
        assertThat(b.sent).isEmpty();
        b.ctx.run(1);
        assertThat(b.sent).hasSize(1);
        assertThat(b.sent.get(0).bytes()).isEqualTo(f);
        assertThat(b.sent.get(0).nanos()).as("D: 1538 bytes on the wire at 10 ns a bit = 123.04 µs").isEqualTo(123_040);
        assertThat(b.tdes0(slot)).as("OWN cleared, no error").isZero();
        assertThat(b.r(CSR5) & (TxIntr | NormalIntr)).isEqualTo(TxIntr | NormalIntr);
        assertThat(b.r(CSR5) & TxNoBuf).as("the list ran dry: TU").isEqualTo(TxNoBuf);
        assertThat((b.r(CSR5) >>> CSR5_TS_SHIFT) & 7).as("TS 6: suspended").isEqualTo(TS_SUSPENDED);
    }

    @Test
    void backToBackMinimumFramesArePacedAt148809PerSecond() {
        b.open(4, 32);
        for (int i = 0; i < 20; i++) {
            b.queue(TulipBench.frame(TulipBench.OTHER_MAC, 60), TDES1_FS | TDES1_LS);
        }
        b.w(CSR1, 0);
        b.ctx.drain();
        assertThat(b.sent).hasSize(20);
        for (int i = 1; i < 20; i++) {
            assertThat(b.sent.get(i).nanos() - b.sent.get(i - 1).nanos()).as("6.72 µs per minimum frame").isEqualTo(6_720);
        }
        assertThat(b.nic.txFramesTotal()).isEqualTo(20);
    }

    @Test
    void withoutIcNoTiAndTuWhenTheHostOwnsTheNext() {
        b.open(4, 4);
        b.ctx.drain();
        b.w(CSR5, ~0);
        b.send(TulipBench.frame(TulipBench.OTHER_MAC, 100), 0);
        b.ctx.drain();
        assertThat(b.r(CSR5) & TxIntr).as("no IC: no TI").isZero();
        assertThat(b.r(CSR5) & TxNoBuf).isEqualTo(TxNoBuf);
        b.w(CSR5, TxNoBuf);
        b.queue(TulipBench.frame(TulipBench.OTHER_MAC, 100), TDES1_FS | TDES1_LS | TDES1_IC);
        b.ctx.drain();
        assertThat(b.sent).as("suspended: nothing until the poll demand").hasSize(1);
        b.w(CSR1, 0);
        b.ctx.drain();
        assertThat(b.sent).hasSize(2);
        assertThat(b.r(CSR5) & TxIntr).isEqualTo(TxIntr);
    }

    @Test
    void aFrameGathersBuffer1Buffer2AndChainedDescriptorsAndIsPadded() {
        b.open(4, 4);
        b.ctx.drain();
        long d0 = TulipBench.TX_BUFS + 0x8000;
        long d1 = d0 + 0x100; // chained, not in the ring
        byte[] f = TulipBench.frame(TulipBench.OTHER_MAC, 50);
        long bufA = TulipBench.TX_BUFS + 0x1000;
        long bufB = TulipBench.TX_BUFS + 0x2000;
        long bufC = TulipBench.TX_BUFS + 0x3000;
        b.put(bufA, java.util.Arrays.copyOfRange(f, 0, 20));
        b.put(bufB, java.util.Arrays.copyOfRange(f, 20, 30));
        b.put(bufC, java.util.Arrays.copyOfRange(f, 30, 50));
        b.ctx.put32(d0, DescOwned);
        b.ctx.put32(d0 + 4, TDES1_FS | 20 | 10 << BUF2_SIZE_SHIFT);
        b.ctx.put32(d0 + 8, (int) bufA);
        b.ctx.put32(d0 + 12, (int) bufB);
        b.ctx.put32(d0 + 16, DescOwned); // d0 + 16: the next in line
        b.ctx.put32(d0 + 20, TDES1_TCH | 20);
        b.ctx.put32(d0 + 24, (int) bufC);
        b.ctx.put32(d0 + 28, (int) d1);
        b.ctx.put32(d1, DescOwned);
        b.ctx.put32(d1 + 4, TDES1_LS | TDES1_IC);
        b.w(CSR6, b.r(CSR6) & ~TxOn);
        b.w(CSR4, (int) d0);
        b.w(CSR6, b.r(CSR6) | TxOn);
        b.ctx.drain();
        assertThat(b.sent).hasSize(1);
        byte[] padded = java.util.Arrays.copyOf(f, 60);
        assertThat(b.sent.get(0).bytes()).as("buffer 1, buffer 2, chained buffer 1, zero-padded to 60").isEqualTo(padded);
        assertThat(new int[] {b.ctx.get32(d0), b.ctx.get32(d0 + 16), b.ctx.get32(d1)}).containsExactly(0, 0, 0);
    }

    @Test
    void withTheCableOutTheFrameIsClosedWithCarrierErrors() {
        b.open(4, 4);
        b.ctx.drain();
        b.nic.port().setLinkUp(false);
        int slot = b.send(TulipBench.frame(TulipBench.OTHER_MAC, 64), 0);
        b.ctx.drain();
        assertThat(b.sent).isEmpty();
        assertThat(b.tdes0(slot)).as("C.8 ES|LO|NC: Linux counts 0x0C00 as carrier errors")
                .isEqualTo(TDES0_ES | TDES0_LO | TDES0_NC);
    }

    @Test
    void clearingStLetsTheFrameOnTheWireFinishThenTsReadsStopped() {
        b.open(4, 4);
        b.ctx.drain();
        b.send(TulipBench.frame(TulipBench.OTHER_MAC, 1000), 0);
        b.w(CSR6, b.r(CSR6) & ~TxOn);
        assertThat((b.r(CSR5) >>> CSR5_TS_SHIFT) & 7).isEqualTo(TS_WAIT_END);
        b.ctx.drain();
        assertThat(b.sent).hasSize(1);
        assertThat((b.r(CSR5) >>> CSR5_TS_SHIFT) & 7).as("C.5 Linux waits for TS = 0").isEqualTo(TS_STOPPED);
    }

    @Test
    void internalLoopbackReturnsTheFrameToTheReceiver() {
        b.open(4, 4);
        b.ctx.drain();
        b.w(CSR6, b.r(CSR6) | 0x400);
        byte[] f = TulipBench.frame(TulipBench.MAC, 80);
        b.send(f, 0);
        b.ctx.drain();
        assertThat(b.sent).as("nothing on the wire").isEmpty();
        assertThat(b.nic.loopedTotal()).isEqualTo(1);
        assertThat(b.rxBufferEquals(0, f)).isTrue();
        assertThat(b.nic.offeredTotal() + b.nic.loopedTotal()).isEqualTo(b.totalsAccounted());
    }
}
