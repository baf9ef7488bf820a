package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hot-unplug stops every timer; a function-level reset is power-on; the accounting adds up across a mixed run. */
class VortexLifecycleTest {

    @Test
    void detachStopsTheTransmitterAndBothEngines() {
        VortexBench b = VortexBench.tornado();
        b.up(VortexInterruptsTest.BOOM_STATUS_ENB, VortexInterruptsTest.BOOM_INTR_ENB);
        for (int i = 0; i < 4; i++) {
            b.dpd(i, VortexBench.frame(VortexBench.OTHER_MAC, 1000), 0);
            if (i > 0) {
                b.linkDpd(i - 1, i);
            }
        }
        b.w32(DownListPtr, (int) b.dpdAddr(0));
        b.ctx.run(0);
        b.ctx.run(20_000);
        int sentBefore = b.sent.size();
        b.updRing(4);
        b.cmd(UpUnstall);
        b.nic.detach();
        long now = b.ctx.nowNanos();
        b.ctx.drain();
        assertThat(b.sent).as("nothing more goes out").hasSize(sentBefore);
        assertThat(b.ctx.nowNanos()).as("no timer fired after detach").isEqualTo(now);
    }

    @Test
    void aFunctionLevelResetIsPowerOn() {
        VortexBench b = VortexBench.vortex();
        b.up(VortexInterruptsTest.VORTEX_STATUS_ENB, VortexInterruptsTest.VORTEX_INTR_ENB);
        b.offer(VortexBench.frame(VortexBench.MAC, 60));
        b.select(3);
        b.nic.reset();
        assertThat(b.status() & 0xFFFF).isZero();
        assertThat(b.ctx.intx).isFalse();
        assertThat(b.nic.rxFlushedTotal()).isEqualTo(1);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.accounted());
    }

    @Test
    void everyOfferedFrameEndsInExactlyOneTotal() {
        VortexBench b = VortexBench.tornado();
        b.up(VortexInterruptsTest.BOOM_STATUS_ENB, VortexInterruptsTest.BOOM_INTR_ENB);
        b.updRing(8);
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < 400; i++) {
            int kind = rnd.nextInt(6);
            byte[] f = switch (kind) {
                case 0 -> VortexBench.frame(VortexBench.OTHER_MAC, 60 + rnd.nextInt(1400));
                case 1 -> VortexBench.frame(VortexBench.MAC, 20);
                case 2 -> VortexBench.frame(VortexBench.MAC, 1600);
                default -> VortexBench.frame(VortexBench.MAC, 60 + rnd.nextInt(1400));
            };
            if (kind == 5) {
                b.offerErrored(f, io.jnetdev.hw.FrameError.FCS);
            } else {
                b.offer(f);
            }
            if (rnd.nextInt(25) == 0) { // the host keeps up only now and then
                for (int k = 0; k < 8; k++) {
                    b.ctx.put32(VortexBench.UPD_RING + 16L * k + 4, 0);
                }
                b.cmd(UpUnstall);
                b.ctx.run(0);
            }
            if (i == 300) {
                b.cmd(RxReset);
                b.cmd(SetRxFilter | RxStation | RxBroadcast);
                b.cmd(RxEnable);
            }
        }
        assertThat(b.nic.offeredTotal()).isEqualTo(400);
        assertThat(java.util.List.of(b.nic.rxFramesTotal(), b.nic.rxErrorsTotal(), b.nic.overrunTotal(), b.nic.filteredTotal(),
                b.nic.rxFlushedTotal())).as("each outcome happened").allSatisfy(n -> assertThat(n).isPositive());
        assertThat(b.accounted()).as("received + errors + overruns + filtered + flushed + pending").isEqualTo(400);
    }
}
