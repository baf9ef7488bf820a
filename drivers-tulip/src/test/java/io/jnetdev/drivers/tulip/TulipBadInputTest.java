package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipMachines.MS;
import static io.jnetdev.drivers.tulip.TulipMachines.dev;
import static io.jnetdev.drivers.tulip.TulipMachines.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.ethtool.EthtoolStat;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bad input: a descriptor the chip refuses (the driver resets the chip and carries
 * on), a full receive ring (CSR8 and {@code ethtool -S}), and the handler's "too much work" exit
 * on both chips.
 */
class TulipBadInputTest {

    private static TrafficGenerator traffic(Machine m, long fps, long nanos) throws ErrnoException {
        return TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), fps, 60, nanos);
    }

    private static long stat(Machine m, NetDeviceImpl dev, String name) throws ErrnoException {
        return m.ethtool().stats(dev).stream().filter(s -> s.name().equals(name)).mapToLong(EthtoolStat::value)
                .findFirst().orElseThrow(() -> new AssertionError("no ethtool stat " + name));
    }

    /**
     * RDES1 with both buffer sizes 0 stops the receive process (RPS); a buffer outside the DMA
     * window is a fatal bus error (FBE). Either way the chip records it, the driver resets it, and
     * traffic flows again with every frame delivered or counted.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"no room (both sizes 0), 0", "buffer outside the DMA window, 1"})
    void aRefusedDescriptorStopsTheChipAndTheDriverResetsIt(String what, int kind) throws ErrnoException {
        long seed = 41 + kind;
        CsrTrace card = TulipMachines.dec21143();
        long[] delivered = new long[1];
        Machine m = TulipMachines.up(seed, card, Map.of(), delivered);
        NetDeviceImpl eth0 = dev(m, "eth0");
        TulipPrivate tp = tp(m);
        TrafficGenerator first = traffic(m, 5_000, 10 * MS);
        m.run(15 * MS);
        assertThat(delivered[0]).as("seed %d", seed).isEqualTo(first.offered());

        int entry = TulipPrivate.rxEntry(tp.curRx);
        if (kind == 0) {
            tp.setRxDesc(entry, TulipRegs.DESC_LENGTH, tp.rxDesc(entry, TulipRegs.DESC_LENGTH) & TulipRegs.DESC_RING_WRAP);
        } else {
            tp.setRxDesc(entry, TulipRegs.DESC_BUFFER1, 0xFFF0_0000);
        }
        TrafficGenerator second = traffic(m, 5_000, 20 * MS);
        m.run(25 * MS);
        assertThat(card.model().badDescriptorTotal()).as("seed %d: the chip refused it\n%s", seed, m.dmesg()).isPositive();
        if (kind == 1) {
            assertThat(tp.systemErrors).as("seed %d: FBE reached the handler", seed).isPositive();
        }
        assertThat(tp.chipResets).as("seed %d: the driver reset the chip\n%s", seed, m.dmesg()).isEqualTo(1);
        assertThat(card.writesTo(TulipRegs.CSR0)).as("seed %d: SWR at open and at the reset", seed)
                .filteredOn(v -> (v & TulipRegs.CSR0_SWR) != 0).hasSize(2);

        long before = delivered[0];
        TrafficGenerator third = traffic(m, 5_000, 10 * MS);
        m.run(15 * MS);
        assertThat(delivered[0] - before).as("seed %d: traffic flows after the reset", seed).isEqualTo(third.offered());
        Conservation c = m.net().conservation(eth0, first.offered() + second.offered() + third.offered());
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(c.dropped()).as("seed %d: the frames lost meanwhile are counted: %s", seed, c).isPositive();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    /** With the line masked the ring fills; the chip counts what it missed in CSR8, the driver reports it. */
    @Test
    void aFullReceiveRingShowsInCsr8AndEthtoolStats() throws ErrnoException {
        long seed = 45;
        CsrTrace card = TulipMachines.dec21143();
        long[] delivered = new long[1];
        Machine m = TulipMachines.up(seed, card, Map.of(), delivered);
        NetDeviceImpl eth0 = dev(m, "eth0");
        TulipPrivate tp = tp(m);
        tp.pdev.disableIrq(tp.irq);
        TrafficGenerator g = traffic(m, 10_000, 20 * MS);
        m.run(21 * MS);
        assertThat(card.model().missedTotal()).as("seed %d: 200 frames into 128 descriptors", seed)
                .isEqualTo(g.offered() - TulipRegs.RX_RING_SIZE);
        tp.pdev.enableIrq(tp.irq);
        TrafficGenerator more = traffic(m, 1_000, 2 * MS); // an interrupt to start the drain
        m.run(10 * MS);
        long missed = stat(m, eth0, "rx_missed_errors");
        assertThat(missed).as("seed %d: CSR8 in ethtool -S", seed).isEqualTo(card.model().missedTotal()).isPositive();
        assertThat(m.net().stats(eth0).rxMissedErrors).as("seed %d", seed).isEqualTo(missed);
        Conservation c = m.net().conservation(eth0, g.offered() + more.offered());
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(c.drops()).as("seed %d", seed).containsEntry("rx_missed_errors", missed);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    /**
     * A status register that keeps showing jabber and timer events drives the handler past 32
     * "other" events: the 21143 turns on its heavy mitigation, the 21140 masks the active sources
     * and arms the one-shot timer, whose interrupt turns everything back on.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"21143", "21140"})
    void tooMuchWorkThrottlesTheChip(String part) throws ErrnoException {
        boolean is21143 = part.equals("21143");
        long seed = is21143 ? 46 : 47;
        CsrTrace card = is21143 ? TulipMachines.dec21143() : TulipMachines.dec21140();
        long[] delivered = new long[1];
        Machine m = TulipMachines.up(seed, card, Map.of(), delivered);
        TulipPrivate tp = tp(m);
        // the handler's first read and 16 more: 2 "other" events a pass, 34 > 32 at the 17th
        card.chatterCsr5(TulipRegs.TxJabber | TulipRegs.TimerInt | TulipRegs.AbnormalIntr, 17);
        long since = m.engine().now();
        TrafficGenerator g = traffic(m, 2_000, 10 * MS);
        m.run(15 * MS);
        assertThat(tp.tooMuchWork).as("seed %d\n%s", seed, m.dmesg()).isEqualTo(1);
        var writes = card.writesSince(since);
        if (is21143) {
            assertThat(card.writesTo(TulipRegs.CSR11)).as("seed %d", seed).contains(TulipRegs.MIT_TOO_MUCH_WORK);
        } else {
            int timerAt = -1;
            for (int i = 0; i < writes.size(); i++) {
                if (writes.get(i).offset() == TulipRegs.CSR11 && writes.get(i).value() == TulipRegs.TIMER_REENABLE) {
                    timerAt = i;
                }
            }
            assertThat(timerAt).as("seed %d: the one-shot timer armed: %s", seed, writes).isPositive();
            int masked = writes.get(timerAt - 1).value();
            assertThat(writes.get(timerAt - 1).offset()).isEqualTo(TulipRegs.CSR7);
            assertThat(masked & (TulipRegs.AbnormalIntr | TulipRegs.TimerInt))
                    .isEqualTo(TulipRegs.AbnormalIntr | TulipRegs.TimerInt);
            assertThat(masked & TulipRegs.TxJabber).as("seed %d: the chattering source masked", seed).isZero();
            assertThat(writes.subList(timerAt, writes.size()))
                    .as("seed %d: the timer's interrupt re-enabled every source", seed)
                    .anyMatch(w -> w.offset() == TulipRegs.CSR7 && w.value() == TulipChip.DC21140.validIntrs);
            assertThat(card.writesTo(TulipRegs.CSR11)).as("seed %d: no mitigation on a 21140", seed)
                    .doesNotContain(TulipRegs.MIT_ON, TulipRegs.MIT_TOO_MUCH_WORK);
        }
        assertThat(delivered[0]).as("seed %d: every frame still delivered", seed).isEqualTo(g.offered());
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
