package io.jnetdev.hw.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cable: carrying both ways with counts, line-rate occupancy and overruns, plugging and unplugging. */
class CableTest {
    private static final long GBIT = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final ManualWire wire = new ManualWire();
    private final FakePort a = new FakePort("a", 0x0200_0000_000AL, GBIT);
    private final FakePort b = new FakePort("b", 0x0200_0000_000BL, GBIT);

    @Test
    void carriesBothWaysAndCountsWhatEachDirectionCarried() {
        Cable cable = Cable.connect(wire, a, b);
        for (int i = 0; i < 5; i++) {
            a.transmit(100, i);
            wire.now += 10_000;
        }
        a.transmitErrored(64, FrameError.ALIGNMENT);
        wire.now += 10_000;
        for (int i = 0; i < 3; i++) {
            b.transmit(60, 100 + i);
            wire.now += 10_000;
        }
        assertThat(b.received).isEqualTo(5);
        assertThat(b.lastSequence).as("the frame's bytes went through").isEqualTo(4);
        assertThat(b.errored(FrameError.ALIGNMENT)).as("a damaged frame arrives damaged, with its error").isEqualTo(1);
        assertThat(a.received).isEqualTo(3);
        assertThat(a.lastSequence).isEqualTo(102);

        assertThat(cable.aToB().frames()).isEqualTo(6);
        assertThat(cable.aToB().bytes()).isEqualTo(5 * 100 + 64);
        assertThat(cable.aToB().erroredFrames()).isEqualTo(1);
        assertThat(cable.bToA().frames()).isEqualTo(3);
        assertThat(cable.bToA().bytes()).isEqualTo(3 * 60);
        assertThat(cable.offeredTo(b)).as("offered to b = good + damaged frames b received")
                .isEqualTo(b.received + b.errored(FrameError.ALIGNMENT)).isEqualTo(6);
        assertThat(cable.offeredTo(a)).isEqualTo(a.received).isEqualTo(3);
        assertThat(cable.aToB().overruns() + cable.bToA().overruns()).as("paced transmitters").isZero();
        assertThat(cable.aToB().from()).isSameAs(a);
        assertThat(cable.aToB().to()).isSameAs(b);
    }

    @Test
    void aTransmitterFasterThanLineRateIsCountedAsOverrunAndStillDelivered() {
        Cable cable = Cable.connect(wire, a, b);
        for (int i = 0; i < 10; i++) {
            a.transmit(60, i); // all at the same instant
        }
        assertThat(cable.aToB().overruns()).as("9 frames started while the one before was on the wire").isEqualTo(9);
        assertThat(b.received).as("overrun frames were already sent: delivered").isEqualTo(10);
        assertThat(cable.aToB().busyUntilNanos()).isEqualTo(wire.now + EthernetPort.wireBits(60));

        // paced exactly at the line rate: 60 bytes occupy 672 bit times = 672 ns at 1 Gb/s
        long wireTime = EthernetPort.wireBits(60) * 1_000_000_000L / GBIT;
        for (int i = 0; i < 100; i++) {
            wire.now = cable.aToB().busyUntilNanos();
            a.transmit(60, i);
        }
        assertThat(cable.aToB().overruns()).as("back to back at line rate is no overrun").isEqualTo(9);

        for (int i = 0; i < 100; i++) {
            wire.now += wireTime - 1;
            a.transmit(60, i);
        }
        assertThat(cable.aToB().overruns()).as("1 ns early, every frame").isEqualTo(109);
        assertThat(cable.bToA().overruns()).as("the other direction has its own wire").isZero();
        b.transmit(60, 0);
        assertThat(cable.bToA().overruns()).isZero();
    }

    @Test
    void theSlowerPortsRateGovernsTheCable() {
        FakePort slow = new FakePort("slow", 0x0200_0000_000CL, 100_000_000L);
        Cable cable = Cable.connect(wire, a, slow);
        assertThat(cable.lineRateBitsPerSecond()).isEqualTo(100_000_000L);
        for (int i = 0; i < 10; i++) {
            a.transmit(60, i);
            wire.now += 672; // gigabit pacing
        }
        assertThat(cable.aToB().overruns()).as("gigabit pacing overruns a 100 Mb/s wire").isEqualTo(9);
        for (int i = 0; i < 10; i++) {
            wire.now += 6720;
            a.transmit(60, i);
        }
        assertThat(cable.aToB().overruns()).as("6720 ns per 60-byte frame at 100 Mb/s").isEqualTo(9);
    }

    @Test
    void aGeneratorPacedAtLineRateNeverOverrunsTheCable() {
        Cable cable = Cable.connect(wire, a, b);
        // bursts of IMIX at the highest mean rate, each frame at its own instant
        long cycleBits = 7 * EthernetPort.wireBits(60) + 4 * EthernetPort.wireBits(590) + EthernetPort.wireBits(1514);
        TrafficGenerator g = TrafficGenerator.builder(wire, cable.aToB()).fps(GBIT * 12 / cycleBits)
                .sizeMix(FrameSizeMix.imix()).burst(32).lineRate(GBIT).minTickNanos(1).durationNanos(5 * MS).build();
        g.start();
        wire.runUntil(10 * MS);
        assertThat(b.received).isEqualTo(g.offered()).isEqualTo(g.total());
        assertThat(cable.aToB().overruns()).isZero();

        // the generator's default batching (all frames due within 1 us at one instant) does not pace
        // itself above 1e6 fps, and the cable shows it
        Cable other = Cable.connect(wire, new FakePort("c", 1, GBIT), new FakePort("d", 2, GBIT));
        TrafficGenerator batched = TrafficGenerator.builder(wire, other.aToB()).fps(1_488_095).frameSize(60)
                .lineRate(GBIT).durationNanos(MS).build();
        batched.start();
        wire.runUntil(20 * MS);
        assertThat(other.aToB().frames()).isEqualTo(batched.total());
        assertThat(other.aToB().overruns()).isPositive();
    }

    @Test
    void unplugTakesBothLinksDownAndPlugBringsThemBack() {
        a.link = false;
        b.link = false;
        Cable cable = Cable.connect(wire, a, b);
        assertThat(cable.plugged()).isTrue();
        assertThat(a.linkUp() && b.linkUp()).as("plugging brings both links up").isTrue();

        cable.unplug();
        assertThat(cable.plugged()).isFalse();
        assertThat(a.linkUp() || b.linkUp()).as("both links down").isFalse();
        assertThat(a.egress).as("a disconnected").isNull();
        a.transmit(60, 1);
        assertThat(a.droppedNoWire).as("a drops what it sends with no wire").isEqualTo(1);
        assertThat(b.received).isZero();
        assertThat(cable.offeredTo(b)).isZero();
        cable.unplug();
        assertThat(a.linkChanges).as("pulling an unplugged cable changes nothing").isEqualTo(2);

        cable.plug();
        assertThat(a.linkUp() && b.linkUp()).isTrue();
        assertThat(a.linkChanges).isEqualTo(3);
        a.transmit(60, 2);
        b.transmit(60, 3);
        assertThat(b.lastSequence).isEqualTo(2);
        assertThat(a.lastSequence).isEqualTo(3);
        assertThat(cable.offeredTo(b)).isEqualTo(1);
    }

    @Test
    void aPortThatKeepsTransmittingIntoAPulledCableIsCountedNotCarried() {
        a.ignoreDisconnect = true;
        Cable cable = Cable.connect(wire, a, b);
        cable.unplug();
        a.transmit(60, 1);
        a.transmitErrored(60, FrameError.FCS);
        assertThat(cable.aToB().droppedUnplugged()).isEqualTo(2);
        assertThat(cable.aToB().frames()).isZero();
        assertThat(b.received + b.errored(FrameError.FCS)).isZero();
    }

    @Test
    void aCableNeedsTwoPortsAndKnowsItsEnds() {
        assertThatThrownBy(() -> Cable.connect(wire, a, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two ports");
        Cable cable = Cable.connect(wire, a, b);
        FakePort stranger = new FakePort("x", 3, GBIT);
        assertThatThrownBy(() -> cable.offeredTo(stranger)).hasMessageContaining("x is not an end of cable a <-> b");
        assertThat(cable.a()).isSameAs(a);
        assertThat(cable.b()).isSameAs(b);
    }

    @Test
    void onAMachinesClockAGeneratorThroughACableDeliversEveryFrame() throws Exception {
        long seed = 11;
        Machine m = Machine.create(MachineConfig.builder().seed(seed).modules(Map.of()).build());
        m.boot(new ClassLoader(null) { });
        FakePort x = new FakePort("x", 0x0200_0000_0001L, GBIT);
        FakePort y = new FakePort("y", 0x0200_0000_0002L, GBIT);
        Cable cable = Cable.connect(m.wireContext(), x, y);
        TrafficGenerator g = TrafficGenerator.builder(m.wireContext(), cable.aToB()).fps(1_000_000).frameSize(60)
                .badFrames(BadFrameMix.everyNth(50)).lineRate(GBIT).burst(16).minTickNanos(1).durationNanos(2 * MS).build();
        g.start();
        m.run(3 * MS);
        assertThat(g.done()).as("seed %d", seed).isTrue();
        assertThat(cable.offeredTo(y)).as("seed %d", seed).isEqualTo(g.offered()).isEqualTo(2000);
        assertThat(y.received).as("seed %d: good, runts, oversize", seed)
                .isEqualTo(g.offeredGood() + g.offeredRunts() + g.offeredOversize());
        assertThat(y.errored(FrameError.FCS)).as("seed %d", seed).isEqualTo(g.offeredBadFcs()).isEqualTo(cable.aToB().erroredFrames());
        assertThat(cable.aToB().overruns()).as("seed %d", seed).isZero();
    }
}
