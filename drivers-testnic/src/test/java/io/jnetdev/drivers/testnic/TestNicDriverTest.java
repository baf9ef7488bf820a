package io.jnetdev.drivers.testnic;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.hw.models.testnic.TestNic;
import io.jnetdev.hw.wire.CountingSink;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The test NIC driver against the test NIC model on a booted machine: probe with each interrupt
 * mode, frames from a traffic generator through the card's ring, NAPI and the stack, frame
 * conservation under overload and across up/down cycles, transmit to the wire, and removal.
 */
class TestNicDriverTest {
    private static final long MS = 1_000_000L;
    private static final int SLOT = 4;

    private static Machine boot(long seed, Map<String, String> params) {
        MachineConfig config = MachineConfig.builder().cpus(2).seed(seed).slot(SLOT, TestNic::new)
                .modules(Map.of("testnic", params)).build();
        return Machine.create(config).boot(TestNicDriverTest.class.getClassLoader());
    }

    private static NetDeviceImpl eth0(Machine m) {
        return m.net().device("eth0").orElseThrow(() -> new AssertionError("seed " + m.engine().seed() + ": no eth0\n" + m.dmesg()));
    }

    private static TestNic model(Machine m) {
        return (TestNic) m.pci().function("0000:00:04.0").orElseThrow().model();
    }

    @ParameterizedTest(name = "int_mode={0} gives {1}")
    @CsvSource({"2, MSIX", "1, MSI", "0, INTX"})
    void probeRegistersEth0WithTheCardsAddressInTheRequestedInterruptMode(int intMode, IrqMode expected) {
        long seed = 100 + intMode;
        Machine m = boot(seed, Map.of("int_mode", Integer.toString(intMode)));
        NetDeviceImpl dev = eth0(m);
        assertThat(dev.macAddress()).as("seed %d: MAC read from RAL/RAH", seed).isEqualTo(MacAddress.parse("52:54:00:12:34:56"));
        assertThat(m.pci().function("0000:00:04.0").orElseThrow().driver().name()).as("seed %d", seed).isEqualTo("testnic");
        assertThat(m.dmesg()).as("seed %d: probe reports its mode", seed).contains("eth0: 52:54:00:12:34:56, " + expected);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @ParameterizedTest(name = "int_mode={0}")
    @CsvSource({"2", "1", "0"})
    void framesOfferedToThePortReachTheProtocolHandler(int intMode) throws ErrnoException {
        long seed = 200 + intMode;
        Machine m = boot(seed, Map.of("int_mode", Integer.toString(intMode)));
        long[] ipv4 = {0};
        long[] lastSeq = {-1};
        boolean[] inOrder = {true};
        m.net().devAddPack(EtherType.IPV4, skb -> {
            ipv4[0]++;
            long seq = skb.data().get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN),
                    TrafficGenerator.SEQUENCE_OFFSET - 14);
            inOrder[0] &= seq == lastSeq[0] + 1;
            lastSeq[0] = seq;
        });
        NetDeviceImpl dev = eth0(m);
        m.net().devOpen(dev);
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 100_000, 64, 10 * MS);
        m.run(12 * MS);

        assertThat(g.offered()).as("seed %d: 10 ms at 100k fps", seed).isEqualTo(1000);
        assertThat(ipv4[0]).as("seed %d: every frame delivered", seed).isEqualTo(1000);
        assertThat(inOrder[0]).as("seed %d: in sequence order", seed).isTrue();
        assertThat(m.net().stats(dev).rxPackets).as("seed %d", seed).isEqualTo(1000);
        Conservation c = m.net().conservation(dev, g.offered());
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void overloadOnOneCpuIsCountedAsMissedFramesAndConservationHolds() throws ErrnoException {
        long seed = 300;
        MachineConfig config = MachineConfig.builder().cpus(1).seed(seed).slot(SLOT, TestNic::new)
                .modules(Map.of("testnic", Map.of("rx_ring", "64"))).build();
        Machine m = Machine.create(config).boot(TestNicDriverTest.class.getClassLoader());
        m.net().devAddPack(EtherType.IPV4, skb -> { }); // delivery costs protocol work per frame (the cost model's ip_rcv)
        NetDeviceImpl dev = eth0(m);
        m.net().devOpen(dev);
        // minimum-size frames (60 bytes + FCS) at 1 Gbit/s line rate: 1,488,095 fps, more than one CPU takes through the stack
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 1_488_095, 60, 20 * MS);
        m.run(25 * MS);

        Conservation c = m.net().conservation(dev, g.offered());
        assertThat(c.drops()).as("seed %d: %s", seed, c).containsKey("rx_missed_errors");
        assertThat(c.drops().get("rx_missed_errors")).as("seed %d: the card ran out of descriptors", seed).isPositive();
        assertThat(c.delivered()).as("seed %d: and yet frames got through: %s", seed, c).isPositive();
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(m.net().stats(dev).rxMissedErrors).as("seed %d", seed).isEqualTo(c.drops().get("rx_missed_errors"));
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void conservationHoldsAcrossUpDownCyclesWithTrafficFlowing() throws ErrnoException {
        long seed = 400;
        Machine m = boot(seed, Map.of());
        NetDeviceImpl dev = eth0(m);
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 500_000, 128, 50 * MS);
        for (int cycle = 0; cycle < 4; cycle++) {
            m.run(3 * MS); // down: the card misses everything
            m.net().devOpen(dev);
            m.run(7 * MS);
            m.net().devClose(dev); // frames still in the ring are dropped and counted
        }
        m.run(20 * MS);
        Conservation c = m.net().conservation(dev, g.offered());
        assertThat(g.done()).as("seed %d", seed).isTrue();
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(c.delivered() + c.drops().getOrDefault("rx_nohandler", 0L)).as("seed %d: %s", seed, c).isPositive();
        assertThat(c.drops().get("rx_missed_errors")).as("seed %d: frames while down are missed: %s", seed, c).isPositive();
        assertThat(m.net().skbsInUse()).as("seed %d", seed).isZero();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void transmittedFramesLeaveThroughThePortAndAreReclaimed() throws ErrnoException {
        long seed = 500;
        Machine m = boot(seed, Map.of("tx_ring", "16"));
        NetDeviceImpl dev = eth0(m);
        m.net().devOpen(dev);
        CountingSink wire = new CountingSink();
        m.portOf("eth0").connect(wire);
        for (int i = 0; i < 100; i++) {
            Skb skb = dev.allocSkb(60);
            byte[] f = new byte[60];
            f[0] = (byte) 0xFF; // broadcast destination
            f[12] = 0x08;
            f[14] = (byte) i;
            skb.put(60).copyFrom(MemorySegment.ofArray(f));
            m.net().devQueueXmit(dev, skb);
            m.run(MS / 100);
        }
        m.run(5 * MS);
        assertThat(wire.frames()).as("seed %d: all 100 on the wire, through a 16-descriptor ring", seed).isEqualTo(100);
        assertThat(model(m).txFramesTotal()).as("seed %d", seed).isEqualTo(100);
        assertThat(m.net().stats(dev).txPackets).as("seed %d: reclaimed and counted", seed).isEqualTo(100);
        assertThat(m.net().skbsInUse()).as("seed %d", seed).isZero();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void rmmodWhileUpWithTrafficLeavesNothingBehind() throws ErrnoException {
        long seed = 600;
        Machine m = boot(seed, Map.of());
        NetDeviceImpl dev = eth0(m);
        m.net().devOpen(dev);
        TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 200_000, 64, 10 * MS);
        m.run(5 * MS);
        m.rmmod("testnic");
        m.run(10 * MS);
        assertThat(m.net().device("eth0")).as("seed %d", seed).isEmpty();
        assertThat(m.net().skbsInUse()).as("seed %d", seed).isZero();
        assertThat(m.dmesg()).as("seed %d", seed).contains("removed after");
        assertThat(m.violations().all()).as("seed %d: no leaked IRQ, mapping, skb or DMA buffer", seed).isEmpty();
    }
}
