package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexMachines.MAC_A;
import static io.jnetdev.drivers.vortex.VortexMachines.MAC_B;
import static io.jnetdev.drivers.vortex.VortexMachines.MS;
import static io.jnetdev.drivers.vortex.VortexMachines.dev;
import static io.jnetdev.drivers.vortex.VortexMachines.vp;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.models.vortex.Vortex;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.irq.IrqDesc;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two cards on one INTx line (slots 4 and 8 swizzle to the same PIRQ): while one receives, every
 * interrupt also reaches the other's handler, which finds IntLatch clear and returns NONE; the core
 * counts those as unhandled for that action only, the line keeps working and is never disabled as
 * spurious. With DEBUG_SHIRQ the core also calls each handler once after its free_irq.
 */
class VortexSharedIrqTest {

    @Test
    void eachHandlerReturnsNoneForTheOthersInterruptsAndTheLineIsNeverDisabled() throws ErrnoException {
        long seed = 77;
        MachineConfig config = MachineConfig.builder().cpus(2).seed(seed).debugShirq(true)
                .slot(4, () -> Vortex.c3c905c(MAC_A)).slot(8, () -> Vortex.c3c595(MAC_B))
                .modules(Map.of(VortexModule.DRV_NAME, Map.of())).build();
        Machine m = Machine.create(config).boot(VortexSharedIrqTest.class.getClassLoader());
        NetDeviceImpl tornado = dev(m, "eth0");
        NetDeviceImpl vortex = dev(m, "eth1");
        VortexPrivate vt = vp(m, "eth0");
        VortexPrivate vv = vp(m, "eth1");
        assertThat(vt.irq).as("seed %d: slots 4 and 8 share a line\n%s", seed, m.procInterrupts()).isEqualTo(vv.irq);
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.net().devOpen(tornado);
        m.net().devOpen(vortex);
        m.run(3500 * MS);
        IrqDesc desc = m.irqCore().desc(vt.irq);
        assertThat(desc.actions()).as("seed %d", seed).hasSize(2).allSatisfy(a -> assertThat(a.shared()).isTrue());
        assertThat(m.procInterrupts()).as("seed %d", seed).containsPattern("fasteoi\\s+eth0, eth1");

        // traffic to the 3c905C only: the 3c595 sees each of its interrupts and declines them
        long vortexNone = vv.interruptsNotOurs;
        TrafficGenerator g1 = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 20_000, 60, 20 * MS);
        m.run(30 * MS);
        assertThat(vt.interrupts).as("seed %d: the 3c905C took its interrupts", seed).isPositive();
        assertThat(vv.interrupts).as("seed %d: the idle 3c595 claimed none", seed).isZero();
        assertThat(vv.interruptsNotOurs - vortexNone).as("seed %d: ...and returned NONE for the 3c905C's", seed)
                .isGreaterThanOrEqualTo(vt.interrupts / 2);

        // then to the 3c595 only: the roles swap
        long tornadoIrqs = vt.interrupts;
        long tornadoNone = vt.interruptsNotOurs;
        TrafficGenerator g2 = TrafficGenerator.start(m.wireContext(), m.portOf("eth1"), 5_000, 60, 20 * MS);
        m.run(30 * MS);
        assertThat(vv.interrupts).as("seed %d: the 3c595 took its interrupts", seed).isPositive();
        assertThat(vt.interrupts - tornadoIrqs).as("seed %d: the idle 3c905C claimed none", seed).isZero();
        assertThat(vt.interruptsNotOurs - tornadoNone).as("seed %d", seed).isGreaterThanOrEqualTo(vv.interrupts / 2);

        assertThat(desc.spuriousDisabled()).as("seed %d: never 'nobody cared'", seed).isFalse();
        assertThat(desc.enabled()).as("seed %d", seed).isTrue();
        Conservation ct = m.net().conservation(tornado, g1.offered());
        Conservation cv = m.net().conservation(vortex, g2.offered());
        assertThat(ct.holds() && ct.dropped() == 0).as("seed %d: %s", seed, ct).isTrue();
        assertThat(cv.holds() && cv.dropped() == 0).as("seed %d: %s", seed, cv).isTrue();

        // DEBUG_SHIRQ: the core calls each handler once more after free_irq; the card is idle, so NONE
        long none = vt.interruptsNotOurs;
        m.net().devClose(tornado);
        assertThat(vt.interruptsNotOurs).as("seed %d: the extra call after free_irq was declined", seed).isGreaterThan(none);
        m.net().devClose(vortex);
        assertThat(m.violations().all()).as("seed %d: no D14 (a claim for another device's interrupt), no D15", seed).isEmpty();
    }
}
