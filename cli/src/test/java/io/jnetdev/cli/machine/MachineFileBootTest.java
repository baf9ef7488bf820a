package io.jnetdev.cli.machine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Skb;
import io.jnetdev.cli.shell.Shell;
import io.jnetdev.hw.wire.CountingSink;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.irq.IrqDesc;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * A machine file other than the default boots what it says: its slots and MACs, only its modules
 * with their parameters (lsmod), its sysctls, its IRQ affinity (the interrupts land on the chosen
 * CPU's column of /proc/interrupts), a generator whose every frame is accounted for and a sink
 * that counts what the card sent.
 */
class MachineFileBootTest {
    static final String FILE = """
            cpus: 2
            seed: 5
            sysctl:
              net.core.netdev_budget: 64
              net.core.netdev_max_backlog: 50
              net.core.dev_weight: 16
              net.core.netdev_budget_usecs: 1000
            slots:
              - slot: 4
                model: 82574L
                mac: 02:00:00:00:10:01
              - slot: 9
                model: 21140
                mac: 08:00:2b:00:00:09
            modules:
              e1000e: {IntMode: 1, InterruptThrottleRate: 0}
              tulip:
            wires:
              - generator: {slot: 4, rate: 20k, size: {60: 3, 1514: 1}, bad: 10, start: 5ms, for: 20ms}
              - sink: 4
            irq_affinity:
              - slot: 4
                vector: 0
                cpus: 1
            """;

    private final StringWriter out = new StringWriter();

    private String run(Shell shell, String line) {
        out.getBuffer().setLength(0);
        assertThat(shell.execute(line)).isTrue();
        return out.toString();
    }

    @Test
    void aCustomMachineBootsWithItsModulesSysctlsAffinityGeneratorAndSink() throws Exception {
        BootedMachine booted = MachineFile.parse("custom.yaml", FILE).boot();
        Machine m = booted.machine();
        Shell shell = new Shell(m, new PrintWriter(out, true));

        assertThat(run(shell, "lsmod")).contains("e1000e").contains("InterruptThrottleRate=0").contains("IntMode=1")
                .contains("tulip").doesNotContain("3c59x").doesNotContain("edu ");
        assertThat(run(shell, "lspci -nn")).contains("00:04.0").contains("8086:10d3").contains("00:09.0").contains("1011:0009")
                .doesNotContain("00:03.0");
        assertThat(m.config().seed()).isEqualTo(5);
        assertThat(m.net().sysctl().netdevBudget).isEqualTo(64);
        assertThat(m.net().sysctl().netdevMaxBacklog).isEqualTo(50);
        assertThat(m.net().sysctl().devWeight).isEqualTo(16);
        assertThat(m.net().sysctl().netdevBudgetUsecs).isEqualTo(1000);

        NetDeviceImpl eth0 = m.net().device("eth0").orElseThrow();
        assertThat(eth0.macAddress()).isEqualTo(MacAddress.parse("02:00:00:00:10:01"));
        assertThat(m.net().device("eth1").orElseThrow().macAddress()).isEqualTo(MacAddress.parse("08:00:2b:00:00:09"));
        int irq = m.pci().function(4).orElseThrow().handle().irqVector(0);
        IrqDesc desc = m.irqCore().desc(irq);
        assertThat(desc.chip()).as("IntMode=1 is MSI").startsWith("PCI-MSI-");
        assertThat(run(shell, "cat /proc/irq/" + irq + "/smp_affinity_list")).isEqualTo("1\n");

        run(shell, "ip link set eth0 up"); // before the generator's start at 5 ms
        run(shell, "run 2ms"); // carrier comes when the watchdog has read the link
        transmit(m, eth0, 7);
        run(shell, "run 60ms");

        TrafficGenerator g = booted.generators().getFirst();
        assertThat(g.done()).isTrue();
        assertThat(g.offered()).isEqualTo(400); // 20k fps x 20 ms
        assertThat(g.offeredRunts() + g.offeredOversize() + g.offeredBadFcs()).isEqualTo(40);
        Conservation c = m.net().conservation(eth0, g.offered());
        assertThat(c.unaccounted()).as("%s", c).isZero();
        assertThat(c.delivered()).as("%s", c).isPositive();

        CountingSink sink = booted.sinks().get(4);
        assertThat(sink.frames()).as("what eth0 sent reached its sink").isEqualTo(7);
        assertThat(desc.count(0)).as("nothing on CPU0").isZero();
        assertThat(desc.count(1)).as("eth0's interrupts on CPU1").isPositive();
        assertThat(m.procInterrupts()).containsPattern("\\s+" + irq + ":\\s+0\\s+" + desc.count(1) + "\\s+PCI-MSI");
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void theSameFileBootsTheSameMachineTwice() throws Exception {
        MachineDescription d = MachineFile.parse("custom.yaml", FILE);
        String first = snapshot(d.boot().machine());
        String second = snapshot(d.boot().machine());
        assertThat(second).isEqualTo(first).contains("eth0");
    }

    private String snapshot(Machine m) {
        Shell shell = new Shell(m, new PrintWriter(out, true));
        run(shell, "ip link set eth0 up");
        run(shell, "run 40ms");
        return run(shell, "ip -s link") + run(shell, "cat /proc/interrupts") + run(shell, "dmesg");
    }

    /** Hands eth0's driver {@code n} 60-byte IPv4 frames through {@code dev_queue_xmit}. */
    private static void transmit(Machine m, NetDeviceImpl dev, int n) {
        for (int i = 0; i < n; i++) {
            byte[] f = new byte[60];
            System.arraycopy(MacAddress.parse("02:00:00:00:00:99").octets(), 0, f, 0, 6);
            System.arraycopy(dev.macAddress().octets(), 0, f, 6, 6);
            f[12] = 0x08;
            f[14] = (byte) i;
            Skb skb = dev.allocSkb(f.length);
            skb.put(f.length).copyFrom(MemorySegment.ofArray(f));
            m.net().devQueueXmit(dev, skb);
        }
    }

    @Test
    void theReadmesExampleBootsAsItSays() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        int section = readme.indexOf("## Machine files");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));

        BootedMachine booted = MachineFile.parse("README.md", yaml).boot();
        Machine m = booted.machine();
        Shell shell = new Shell(m, new PrintWriter(out, true));
        assertThat(run(shell, "lsmod")).contains("rx_ring=512").contains("InterruptThrottleRate=0");
        assertThat(m.config().hz()).isEqualTo(250);
        assertThat(m.net().sysctl().netdevBudget).isEqualTo(64);
        assertThat(run(shell, "cat /proc/irq/18/smp_affinity_list")).isEqualTo("0-1\n");
        run(shell, "ip link set eth0 up");
        run(shell, "run 100ms");
        TrafficGenerator g = booted.generators().getFirst();
        assertThat(g.offered()).isEqualTo(10_000); // 200k fps x 50 ms
        assertThat(m.net().conservation(m.net().device("eth0").orElseThrow(), g.offered()).unaccounted()).isZero();
        assertThat(m.violations().all()).isEmpty();
    }
}
