package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Window 6 statistics (B.4): read-to-clear, the upper bits, StatsFull. */
class VortexStatsTest {

    private static void receiveAndDiscard(VortexBench b, int frames, int length) {
        for (int i = 0; i < frames; i++) {
            b.offer(VortexBench.frame(VortexBench.MAC, length));
            b.cmd(RxDiscard);
        }
    }

    @Test
    void countersAreReadToClear() {
        VortexBench b = VortexBench.vortex();
        b.up(VortexInterruptsTest.VORTEX_STATUS_ENB, VortexInterruptsTest.VORTEX_INTR_ENB);
        receiveAndDiscard(b, 3, 100);
        b.select(6);
        assertThat(b.r8(Wn6_FramesRcvdOk)).isEqualTo(3);
        assertThat(b.r8(Wn6_FramesRcvdOk)).as("read-to-clear").isZero();
        assertThat(b.r16(Wn6_BytesRcvdOk)).isEqualTo(300);
        assertThat(b.r16(Wn6_BytesRcvdOk)).isZero();
    }

    @Test
    void upperBitsCarryPast8And16BitsAndReadingEachPartClearsOnlyThatPart() {
        VortexBench b = VortexBench.vortex();
        b.up(VortexInterruptsTest.VORTEX_STATUS_ENB, 0);
        receiveAndDiscard(b, 300, 1000); // 300 frames, 300,000 bytes
        b.select(6);
        int low = b.r8(Wn6_FramesRcvdOk);
        int upper = b.r8(Wn6_UpperFramesOk);
        assertThat(low | (upper & 3) << 8).as("frames: low byte + W6 0x09 bits 1:0").isEqualTo(300);
        int bytesLow = b.r16(Wn6_BytesRcvdOk);
        b.select(4);
        int bytesUp = b.r8(Wn4_UpperBytesOk);
        assertThat(bytesLow | (bytesUp & 0xF) << 16).as("bytes: W6 0x0A + W4 0x0D low nibble").isEqualTo(300_000);
        b.select(6);
        assertThat(b.r8(Wn6_FramesRcvdOk) | b.r8(Wn6_UpperFramesOk) | b.r16(Wn6_BytesRcvdOk)).isZero();
    }

    @Test
    void statsFullRisesAtHalfRangeAndClearsWhenTheCountersAreRead() {
        VortexBench b = VortexBench.vortex();
        b.up(VortexInterruptsTest.VORTEX_STATUS_ENB, VortexInterruptsTest.VORTEX_INTR_ENB);
        receiveAndDiscard(b, 511, 60);
        assertThat(b.status() & StatsFull).as("511 frames: below 512").isZero();
        receiveAndDiscard(b, 1, 60);
        assertThat(b.status() & (StatsFull | IntLatch)).as("StatsFull at 512 frames, and it interrupts")
                .isEqualTo(StatsFull | IntLatch);
        b.cmd(AckIntr | StatsFull | IntLatch);
        assertThat(b.status() & StatsFull).as("a condition: AckIntr does not clear it").isEqualTo(StatsFull);
        // update_stats reads everything
        for (int i = 0; i < 10; i++) {
            b.wr8(6, i);
        }
        b.wr16(6, Wn6_BytesRcvdOk);
        b.wr16(6, Wn6_BytesXmittedOk);
        b.wr8(4, Wn4_BadSSD);
        b.wr8(4, Wn4_UpperBytesOk);
        assertThat(b.status() & StatsFull).isZero();
    }

    @Test
    void nothingIsCountedWhileStatisticsAreDisabled() {
        VortexBench b = VortexBench.vortex();
        b.up(VortexInterruptsTest.VORTEX_STATUS_ENB, 0);
        b.cmd(StatsDisable);
        receiveAndDiscard(b, 2, 60);
        assertThat(b.wr8(6, Wn6_FramesRcvdOk)).isZero();
        assertThat(b.nic.rxFramesTotal()).as("the frames were received all the same").isEqualTo(2);
    }
}
