package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.WireContext;
import io.jnetdev.hw.wire.BadFrameMix;
import io.jnetdev.hw.wire.TrafficGenerator;
import org.junit.jupiter.api.Test;

/**
 * The 3c905C behind the shared traffic generator near line rate (90,000 frames/s, as much as the
 * 100 Mbit/s wire carries with every tenth frame a runt, an oversize or a bad-FCS frame),
 * and a host that polls its UPD ring on a timer: fast enough, every frame is received or handed over
 * as an error; too slow, the ring fills, the upload stalls and the FIFO overruns — and the totals
 * add up to what the generator offered either way.
 */
class VortexWireTest {
    private static final int RING = 32;
    private static final long DURATION = 10_000_000; // 10 ms

    private record Run(VortexBench bench, TrafficGenerator gen) {}

    private static Run run(long pollNanos, int budget) {
        VortexBench b = VortexBench.tornado();
        b.up(VortexInterruptsTest.BOOM_STATUS_ENB, VortexInterruptsTest.BOOM_INTR_ENB);
        b.updRing(RING);
        WireContext wire = new WireContext() {
            @Override
            public long nowNanos() {
                return b.ctx.nowNanos();
            }

            @Override
            public DeviceTimer newTimer(String name, Runnable action) {
                return b.ctx.newTimer(name, action);
            }
        };
        int[] next = {0};
        DeviceTimer[] poll = new DeviceTimer[1];
        poll[0] = b.ctx.newTimer("host poll", () -> {
            // boomerang_rx: take completed UPDs in order, up to the budget, each followed by UpUnstall
            for (int n = 0; n < budget && (b.updStatus(next[0]) & RxDComplete) != 0; n++) {
                b.ctx.put32(VortexBench.UPD_RING + 16L * next[0] + 4, 0);
                b.cmd(UpUnstall);
                next[0] = (next[0] + 1) % RING;
            }
            b.cmd(AckIntr | UpComplete | IntLatch);
            poll[0].schedule(pollNanos);
        });
        poll[0].schedule(pollNanos);
        TrafficGenerator gen = TrafficGenerator.builder(wire, b.nic.port()).fps(90_000).frameSize(60)
                .badFrames(BadFrameMix.everyNth(10)).durationNanos(DURATION).build();
        gen.start();
        b.ctx.run(DURATION + 1_000_000);
        poll[0].cancel();
        return new Run(b, gen);
    }

    @Test
    void aHostThatKeepsUpLosesNothingAndBadFramesAreCountedAsErrors() {
        Run r = run(20_000, RING);
        Vortex nic = r.bench().nic;
        assertThat(nic.offeredTotal()).isEqualTo(r.gen().offered()).isGreaterThan(850);
        assertThat(nic.overrunTotal()).isZero();
        assertThat(nic.rxErrorsTotal()).as("runts, oversize and bad-FCS frames")
                .isEqualTo(r.gen().offeredRunts() + r.gen().offeredOversize() + r.gen().offeredBadFcs());
        assertThat(nic.rxFramesTotal()).isEqualTo(r.gen().offeredGood());
        assertThat(r.bench().accounted()).isEqualTo(nic.offeredTotal());
    }

    @Test
    void aSlowHostMakesTheFifoOverrunAndW6CountsIt() {
        Run r = run(1_000_000, 8);
        Vortex nic = r.bench().nic;
        assertThat(nic.overrunTotal()).as("8 UPDs a millisecond against ~900 frames").isGreaterThan(500);
        assertThat(nic.rxFramesTotal() + nic.rxErrorsTotal()).as("the first ring, then 8 UPDs handed back at each of 11 polls").isEqualTo(RING + 11 * 8);
        assertThat(r.bench().accounted()).isEqualTo(r.gen().offered());
        assertThat(r.bench().wr8(6, Wn6_RxOverruns)).as("W6 RX overruns, 8 bits").isEqualTo((int) (nic.overrunTotal() & 0xFF));
    }
}
