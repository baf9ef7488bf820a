package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipMachines.MS;
import static io.jnetdev.drivers.tulip.TulipMachines.dev;
import static io.jnetdev.drivers.tulip.TulipMachines.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's "combination" on the 21143: an interrupt per frame at low load, CSR11 hardware
 * mitigation switched on by the poll under high load (interrupts per second well below frames per
 * second), and off again when the load drops back — with every frame delivered or counted. A
 * 2,000 frame/s stream runs throughout; a 140,000 frame/s stream (near the 100 Mb/s line rate of
 * 60-byte frames) joins it in the middle.
 */
class TulipMitigationTest {
    private static final long LOW_FPS = 2_000;
    private static final long HIGH_FPS = 140_000;
    private static final long PHASE = 30 * MS;

    /** Interrupts and frames in one window, and the CSR11 writes made in it. */
    private record Window(long frames, long interrupts, List<CsrTrace.Write> csr11) {}

    private static Window window(Machine m, CsrTrace card, long nanos, TrafficGenerator... gens) {
        TulipPrivate tp = tp(m);
        long irq = tp.nir;
        long frames = 0;
        for (TrafficGenerator g : gens) {
            frames -= g.offered();
        }
        long since = m.engine().now();
        m.run(nanos);
        for (TrafficGenerator g : gens) {
            frames += g.offered();
        }
        List<CsrTrace.Write> csr11 = card.writesSince(since).stream().filter(w -> w.offset() == TulipRegs.CSR11).toList();
        return new Window(frames, tp.nir - irq, csr11);
    }

    @Test
    void mitigationIsOffAtLowLoadOnUnderHighLoadAndOffAgain() throws ErrnoException {
        long seed = 21;
        CsrTrace card = TulipMachines.dec21143();
        long[] delivered = new long[1];
        Machine m = TulipMachines.up(seed, card, Map.of(), delivered);
        NetDeviceImpl eth0 = dev(m, "eth0");
        TrafficGenerator low = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), LOW_FPS, 60, 3 * PHASE);

        Window before = window(m, card, PHASE, low);
        assertThat(before.interrupts()).as("seed %d: about one interrupt per frame at low load: %s", seed, before)
                .isBetween(before.frames() * 9 / 10, before.frames() * 11 / 10 + 1);
        assertThat(before.csr11()).as("seed %d: mitigation stays off: %s", seed, before).isEmpty();

        TrafficGenerator high = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), HIGH_FPS, 60, PHASE);
        Window busy = window(m, card, PHASE, low, high);
        assertThat(busy.csr11()).as("seed %d: the poll switched mitigation on: %s", seed, busy).isNotEmpty();
        assertThat(busy.csr11().getFirst().value()).as("seed %d", seed).isEqualTo(TulipRegs.MIT_ON);
        assertThat(busy.interrupts()).as("seed %d: interrupts well below frames under load: %s", seed, busy)
                .isPositive()
                .isLessThan(busy.frames() / 5);
        assertThat(tp(m).mitigationOn).as("seed %d", seed).isPositive();

        long highEnded = m.engine().now();
        Window after = window(m, card, PHASE, low);
        assertThat(after.csr11()).as("seed %d: switched off once the load dropped: %s", seed, after).isNotEmpty();
        CsrTrace.Write off = after.csr11().getLast();
        assertThat(off.value()).as("seed %d", seed).isEqualTo(TulipRegs.MIT_OFF);
        assertThat(off.nanos()).as("seed %d: after the high load stopped", seed).isGreaterThanOrEqualTo(highEnded);
        assertThat(tp(m).mitOn).as("seed %d", seed).isFalse();

        m.run(5 * MS);
        long offered = low.offered() + high.offered();
        Conservation c = m.net().conservation(eth0, offered);
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(delivered[0]).as("seed %d: %s", seed, c).isEqualTo(c.delivered()).isPositive();
        assertThat(card.writesTo(TulipRegs.CSR11)).as("seed %d: only Linux's two values", seed)
                .containsOnly(TulipRegs.MIT_ON, TulipRegs.MIT_OFF);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    /** After the switch back, the low stream again gets an interrupt per frame. */
    @Test
    void afterTheLoadDropsEveryFrameInterruptsAgain() throws ErrnoException {
        long seed = 22;
        CsrTrace card = TulipMachines.dec21143();
        long[] delivered = new long[1];
        Machine m = TulipMachines.up(seed, card, Map.of(), delivered);
        TrafficGenerator high = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), HIGH_FPS, 60, 10 * MS);
        window(m, card, 10 * MS, high);
        assertThat(tp(m).mitOn).as("seed %d: on under load", seed).isTrue();
        TrafficGenerator low = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), LOW_FPS, 60, PHASE);
        window(m, card, 5 * MS, low, high); // the switch back happens here
        Window settled = window(m, card, PHASE - 5 * MS, low);
        assertThat(tp(m).mitOn).as("seed %d", seed).isFalse();
        assertThat(settled.interrupts()).as("seed %d: %s", seed, settled)
                .isBetween(settled.frames() * 9 / 10, settled.frames() * 11 / 10 + 1);
        m.run(5 * MS);
        Conservation c = m.net().conservation(dev(m, "eth0"), low.offered() + high.offered());
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    /**
     * {@code hw_mitigation=0}, a kernel built without {@code CONFIG_TULIP_NAPI_HW_MITIGATION}: under
     * the same high load the poll never writes CSR11, and the card interrupts more often than with
     * the option on.
     */
    @Test
    void withoutTheBuildOptionThePollNeverSwitchesMitigation() throws ErrnoException {
        long seed = 23;
        long[] interrupts = new long[2];
        for (int on = 0; on <= 1; on++) {
            CsrTrace card = TulipMachines.dec21143();
            Machine m = TulipMachines.up(seed, card, Map.of("hw_mitigation", Integer.toString(on)), new long[1]);
            TrafficGenerator high = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), HIGH_FPS, 60, PHASE);
            Window w = window(m, card, PHASE, high);
            interrupts[on] = w.interrupts();
            if (on == 0) {
                assertThat(w.csr11()).as("seed %d: no CSR11 write without the option: %s", seed, w).isEmpty();
                assertThat(tp(m).mitigationOn).as("seed %d", seed).isZero();
            } else {
                assertThat(w.csr11()).as("seed %d: switched on with it: %s", seed, w).isNotEmpty();
            }
            m.run(5 * MS);
            Conservation c = m.net().conservation(dev(m, "eth0"), high.offered());
            assertThat(c.holds()).as("seed %d, hw_mitigation=%d: %s", seed, on, c).isTrue();
            assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
        }
        assertThat(interrupts[0]).as("seed %d: interrupts without mitigation vs with it", seed).isGreaterThan(interrupts[1]);
    }
}
