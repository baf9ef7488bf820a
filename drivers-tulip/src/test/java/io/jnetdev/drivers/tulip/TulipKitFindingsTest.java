package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipMachines.MS;
import static io.jnetdev.drivers.tulip.TulipMachines.SLOT;
import static io.jnetdev.drivers.tulip.TulipMachines.dev;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.hw.models.tulip.Tulip;
import io.jnetdev.hw.wire.BadFrameMix;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the conformance kit found in the driver and the 21143 model (issues 6 and 7), one test per
 * root cause: bad frames that vanished without a count, and a hot-unplug that left the shared
 * INTx line asserted by a card that was no longer there.
 */
class TulipKitFindingsTest {

    /**
     * Runts, oversize and bad-FCS frames in turn among good ones: the chip hands the bad-FCS and
     * oversize frames up with CE and TL (PB clear or not), and runts because the driver sets PB;
     * the poll counts each bad frame once, so every frame offered is delivered or counted.
     */
    @Test
    void everyBadFrameIsHandedUpAndCountedOnce() throws ErrnoException {
        long seed = 61;
        CsrTrace card = TulipMachines.dec21143();
        long[] delivered = new long[1];
        Machine m = TulipMachines.up(seed, card, Map.of(), delivered);
        NetDeviceImpl eth0 = dev(m, "eth0");
        TrafficGenerator g = TrafficGenerator.builder(m.wireContext(), m.portOf("eth0")).fps(20_000).frameSize(64)
                .durationNanos(10 * MS).badFrames(BadFrameMix.everyNth(4)).build();
        g.start();
        m.run(15 * MS);

        assertThat(g.offeredRunts()).as("seed %d: the mix has every kind", seed).isPositive();
        assertThat(g.offeredOversize()).as("seed %d", seed).isPositive();
        assertThat(g.offeredBadFcs()).as("seed %d", seed).isPositive();
        assertThat(card.model().rxErrorsTotal()).as("seed %d: the chip dropped none itself", seed).isZero();
        assertThat(delivered[0]).as("seed %d: every good frame delivered", seed).isEqualTo(g.offeredGood());
        Conservation c = m.net().conservation(eth0, g.offered());
        assertThat(c.holds()).as("seed %d: %s\n%s", seed, c, m.dmesg()).isTrue();
        assertThat(c.drops()).as("seed %d: %s", seed, c)
                .containsEntry("rx_crc_errors", g.offeredBadFcs())
                .containsEntry("rx_length_errors", g.offeredRunts() + g.offeredOversize());
        var stats = m.net().stats(eth0);
        assertThat(stats.rxErrors).as("seed %d: rx_errors counts each bad frame once", seed)
                .isEqualTo(g.offeredRunts() + g.offeredOversize() + g.offeredBadFcs());
        assertThat(stats.rxCrcErrors).isEqualTo(g.offeredBadFcs());
        assertThat(stats.rxLengthErrors).isEqualTo(g.offeredRunts() + g.offeredOversize());
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    /**
     * A card pulled under traffic with a receive interrupt pending: its registers read all-ones,
     * so the handler can neither acknowledge nor mask it, and the level it held must go with it —
     * no storm, no "nobody cared", and the line still works for the card plugged in again.
     */
    @Test
    void hotUnplugUnderTrafficLeavesTheSharedLineQuiet() throws ErrnoException {
        long seed = 62;
        long[] delivered = new long[1];
        Machine m = TulipMachines.up(seed, TulipMachines.dec21143(), Map.of(), delivered);
        TulipPrivate tp = TulipMachines.tp(m);
        int irq = tp.irq;
        TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 100_000, 60, 20 * MS);
        m.run(5 * MS);
        long before = m.irqCore().desc(irq).unhandledTotal();
        m.unplug(SLOT);
        m.run(20 * MS);
        assertThat(m.irqCore().desc(irq).unhandledTotal() - before).as("seed %d: interrupts nobody claimed\n%s", seed,
                m.dmesg()).isLessThan(10);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();

        m.hotplug(SLOT, new CsrTrace(Tulip.dec21143(TulipMachines.MAC)));
        NetDeviceImpl eth0 = dev(m, "eth0");
        m.net().devOpen(eth0);
        m.run(5 * MS);
        TrafficGenerator again = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 20_000, 60, 10 * MS);
        long deliveredBefore = delivered[0];
        m.run(15 * MS);
        assertThat(delivered[0] - deliveredBefore).as("seed %d: the new card receives on the same line\n%s", seed, m.dmesg())
                .isEqualTo(again.offered());
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
