package io.jnetdev.drivers.e1000e;

import static io.jnetdev.drivers.e1000e.E1000eMachines.MS;
import static io.jnetdev.drivers.e1000e.E1000eMachines.SLOT;
import static io.jnetdev.drivers.e1000e.E1000eMachines.adapter;
import static io.jnetdev.drivers.e1000e.E1000eMachines.boot;
import static io.jnetdev.drivers.e1000e.E1000eMachines.dev;
import static io.jnetdev.drivers.e1000e.E1000eMachines.function;
import static io.jnetdev.drivers.e1000e.E1000eMachines.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The e1000e driver against the 82574L model on a booted machine: probe and remove, each
 * interrupt mode reached by IntMode or by injected allocation failures, and the same receive
 * traffic test in each.
 */
class E1000eDriverTest {

    @Test
    void probeRegistersEth0WithTheNvmAddressAndThreeNamedMsixVectorsWhenUp() throws ErrnoException {
        long seed = 1;
        Machine m = boot(seed, Map.of());
        NetDeviceImpl dev = dev(m, "eth0");
        assertThat(dev.macAddress()).as("seed %d: MAC from NVM words 0..2", seed)
                .isEqualTo(new MacAddress(E1000e.DEFAULT_MAC));
        assertThat(function(m, SLOT).driver().name()).as("seed %d", seed).isEqualTo("e1000e");
        assertThat(adapter(m, "eth0").intMode()).as("seed %d", seed).isEqualTo(E1000eParam.INT_MODE_MSIX);
        m.net().devOpen(dev);
        m.run(50 * MS);
        String interrupts = m.procInterrupts();
        assertThat(interrupts).as("seed %d: /proc/interrupts\n%s", seed, interrupts)
                .contains("eth0-rx-0").contains("eth0-tx-0").containsPattern("PCI-MSIX-0000:00:03.0\\s+2-edge\\s+eth0\\b");
        assertThat(dev.carrierOk()).as("seed %d: the watchdog saw the link: %s", seed, m.dmesg()).isTrue();
        assertThat(m.dmesg()).as("seed %d", seed).contains("eth0: NIC Link is Up 1000 Mbps Full Duplex");
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void aCorruptNvmFailsTheProbeWithLinuxsMessageAndLeavesNothing() {
        long seed = 2;
        Machine m = boot(seed, Map.of(), () -> E1000e.withCorruptNvm(E1000e.DEFAULT_MAC), x -> { });
        assertThat(m.net().device("eth0")).as("seed %d", seed).isEmpty();
        assertThat(function(m, SLOT).driver()).as("seed %d: unbound", seed).isNull();
        assertThat(m.dmesg()).as("seed %d", seed).contains("The NVM Checksum Is Not Valid");
        assertThat(m.procInterrupts()).as("seed %d", seed).doesNotContain("eth0");
        assertThat(m.violations().all()).as("seed %d: devres released everything", seed).isEmpty();
    }

    static Stream<Arguments> interruptModes() {
        Consumer<Machine> none = m -> { };
        return Stream.of(
                Arguments.of("IntMode=2", Map.of(), none, IrqMode.MSIX),
                Arguments.of("IntMode=1", Map.of("IntMode", "1"), none, IrqMode.MSI),
                Arguments.of("MSI-X allocation fails", Map.of(), (Consumer<Machine>) m -> m.faults().failMsixAllocation(1),
                        IrqMode.MSI),
                Arguments.of("IntMode=0", Map.of("IntMode", "0"), none, IrqMode.INTX),
                Arguments.of("MSI-X and MSI allocation fail", Map.of(),
                        (Consumer<Machine>) m -> m.faults().failMsixAllocation(1).failMsiAllocation(1), IrqMode.INTX));
    }

    @ParameterizedTest(name = "{0} gives {3}")
    @MethodSource("interruptModes")
    void eachInterruptModeDeliversEveryFrameInOrderWithConservation(String how, Map<String, String> params,
            Consumer<Machine> faults, IrqMode expected) throws ErrnoException {
        long seed = 100 + how.hashCode() % 100;
        Machine m = boot(seed, params, E1000e::new, faults);
        assertThat(function(m, SLOT).irqMode()).as("seed %d: %s\n%s", seed, how, m.dmesg()).isEqualTo(expected);
        long[] ipv4 = {0};
        long[] lastSeq = {-1};
        boolean[] inOrder = {true};
        m.net().devAddPack(EtherType.IPV4, skb -> {
            ipv4[0]++;
            long seq = skb.data().get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN),
                    TrafficGenerator.SEQUENCE_OFFSET - 14);
            inOrder[0] &= seq == lastSeq[0] + 1;
            lastSeq[0] = seq;
        });
        NetDeviceImpl dev = dev(m, "eth0");
        m.net().devOpen(dev);
        m.run(10 * MS); // the watchdog brings the carrier
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 100_000, 64, 20 * MS);
        m.run(30 * MS);

        assertThat(g.offered()).as("seed %d: 20 ms at 100k fps", seed).isEqualTo(2000);
        assertThat(ipv4[0]).as("seed %d %s: every frame delivered\n%s", seed, how, m.dmesg()).isEqualTo(2000);
        assertThat(inOrder[0]).as("seed %d: in sequence order", seed).isTrue();
        assertThat(m.net().stats(dev).rxPackets).as("seed %d: rx_packets from GPRC", seed).isEqualTo(2000);
        Conservation c = m.net().conservation(dev, g.offered());
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(adapter(m, "eth0").interrupts()).as("seed %d: interrupts were taken", seed).isPositive();
        assertThat(m.violations().all()).as("seed %d: %s", seed, how).isEmpty();
    }

    @Test
    void rmmodWhileUpWithTrafficLeavesNoIrqTimerWorkOrDma() throws ErrnoException {
        long seed = 7;
        Machine m = boot(seed, Map.of());
        NetDeviceImpl dev = dev(m, "eth0");
        m.net().devOpen(dev);
        m.run(10 * MS);
        TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 200_000, 64, 10 * MS);
        m.run(5 * MS);
        m.rmmod("e1000e");
        m.run(10 * MS);
        assertThat(m.net().device("eth0")).as("seed %d", seed).isEmpty();
        assertThat(m.procInterrupts()).as("seed %d", seed).doesNotContain("eth0");
        assertThat(m.net().skbsInUse()).as("seed %d", seed).isZero();
        assertThat(m.dmesg()).as("seed %d", seed).contains("removed after");
        assertThat(m.violations().all()).as("seed %d: no leaked IRQ, timer, work, mapping or DMA buffer", seed).isEmpty();
        assertThat(model(m, SLOT).rxFramesTotal()).as("seed %d: frames went through the ring", seed).isPositive();
    }
}
