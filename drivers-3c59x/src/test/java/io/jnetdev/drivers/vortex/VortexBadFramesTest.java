package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexMachines.MAC_A;
import static io.jnetdev.drivers.vortex.VortexMachines.MS;
import static io.jnetdev.drivers.vortex.VortexMachines.boot;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c595;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c905c;
import static io.jnetdev.drivers.vortex.VortexMachines.dev;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.hw.wire.BadFrameMix;
import io.jnetdev.hw.wire.FrameSizeMix;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runts, oversize and bad-FCS frames among good ones of mixed sizes: the card hands them up with
 * their error bits, the driver counts each under its cause (rx_length_errors, rx_crc_errors) and
 * reports it as a drop exactly once, so conservation holds; the good ones are all delivered.
 */
class VortexBadFramesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3c595", "3c905C"})
    void erroredFramesAreCountedOnceAndGoodOnesDelivered(String chip) throws ErrnoException {
        long seed = 70 + chip.length();
        Machine m = boot(seed, Map.of(), chip.equals("3c595") ? c3c595(MAC_A) : c3c905c(MAC_A), null);
        NetDeviceImpl dev = dev(m, "eth0");
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.net().devOpen(dev);
        m.run(3500 * MS);
        TrafficGenerator g = TrafficGenerator.builder(m.wireContext(), m.portOf("eth0")).fps(5_000)
                .sizeMix(FrameSizeMix.imix()).badFrames(BadFrameMix.everyNth(5)).durationNanos(100 * MS).build();
        g.start();
        m.run(120 * MS);

        // The 3c595 runs with "large frames" on (set_8021q_mode: the pre-Cyclone chips need it for a
        // VLAN tag), so it takes the 1600-byte frames as good ones; the 3c905C's maximum packet size
        // is MTU + 18 and they are length errors there.
        boolean largeFrames = chip.equals("3c595");
        long good = g.offeredGood() + (largeFrames ? g.offeredOversize() : 0);
        long bad = g.offeredRunts() + g.offeredBadFcs() + (largeFrames ? 0 : g.offeredOversize());
        Conservation c = m.net().conservation(dev, g.offered());
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(c.delivered()).as("seed %d: every good frame: %s", seed, c).isEqualTo(good);
        assertThat(g.offeredRunts() * g.offeredOversize() * g.offeredBadFcs()).as("seed %d: all three kinds offered", seed).isPositive();
        assertThat(c.dropped()).as("seed %d: each bad frame dropped once: %s", seed, c).isEqualTo(bad);
        RtnlLinkStats64 s = m.net().stats(dev);
        assertThat(s.rxErrors).as("seed %d", seed).isEqualTo(bad);
        assertThat(s.rxCrcErrors).as("seed %d", seed).isEqualTo(g.offeredBadFcs());
        assertThat(s.rxLengthErrors).as("seed %d", seed).isEqualTo(bad - g.offeredBadFcs());
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
