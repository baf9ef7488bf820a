package io.jnetdev.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.cli.machine.BootedMachine;
import io.jnetdev.cli.machine.MachineDescription;
import io.jnetdev.cli.machine.MachineFile;
import io.jnetdev.cli.machine.SlotSpec;
import io.jnetdev.cli.machine.WireSpec;
import io.jnetdev.cli.shell.Shell;
import io.jnetdev.hw.NicModel;
import io.jnetdev.runtime.Machine;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --machine FILE}: the default machine is {@code machines/default.yaml} and gives, from a
 * copy on disk, the very machine the built-in default gives; {@code --seed} and {@code --cpus}
 * override the file; a bad file ends the command with status 2 and one line, before anything boots.
 */
class MachineOptionTest {
    /** Where the default machine's cards sit and what they are called, as it was built before the file described it. */
    private static final int ETH0_SLOT = 4;
    private static final int ETH1_SLOT = 5;
    private static final int VORTEX_SLOT = 6;
    private static final int BOOMERANG_SLOT = 10;
    private static final long ETH0_MAC = 0x5254_0012_3456L; // QEMU's default
    private static final long ETH1_MAC = ETH0_MAC + 1;
    private static final long VORTEX_MAC = 0x0004_7512_3456L; // 3Com's block
    private static final long BOOMERANG_MAC = VORTEX_MAC + 1;
    private static final long TULIP_MAC = 0x0800_2B12_3456L; // DEC's block

    @Test
    void theDefaultFileDescribesTheDefaultMachine() {
        MachineDescription d = MachineFile.defaultMachine();
        assertThat(d.cpus()).isEqualTo(2);
        assertThat(d.hz()).isEqualTo(1000);
        assertThat(d.seed()).isEqualTo(1);
        assertThat(d.modules()).as("every module found, as before").isNull();
        assertThat(d.slots()).extracting(SlotSpec::slot).containsExactly(3, 7, 4, 5, 6, 8, 10);
        assertThat(d.slots()).extracting(s -> s.model().name())
                .containsExactly("edu", "edu", "82574L", "82574L", "3c595", "21143", "3c905C");
        assertThat(d.wires()).containsExactly(
                new WireSpec.Cable(ETH0_SLOT, ETH1_SLOT, d.wires().get(0).at()),
                new WireSpec.Cable(VORTEX_SLOT, BOOMERANG_SLOT, d.wires().get(1).at()));
        assertThat(d.irqAffinity()).isEmpty();
    }

    @Test
    void theBootedDefaultHasItsInterfacesAddressesAndCables() throws Exception {
        BootedMachine b = new MachineOptions().boot();
        Machine m = b.machine();
        assertThat(List.of("eth0", "eth1", "eth2", "eth3", "eth4")).allSatisfy(n -> assertThat(m.net().device(n)).isPresent());
        assertThat(mac(m, "eth0")).isEqualTo(ETH0_MAC);
        assertThat(mac(m, "eth1")).isEqualTo(ETH1_MAC);
        assertThat(mac(m, "eth2")).isEqualTo(VORTEX_MAC);
        assertThat(mac(m, "eth3")).isEqualTo(BOOMERANG_MAC);
        assertThat(mac(m, "eth4")).isEqualTo(TULIP_MAC);
        assertThat(m.net().device("eth0").orElseThrow().parent().slot()).isEqualTo(ETH0_SLOT);
        assertThat(b.cables()).hasSize(2);
        assertThat(b.cables().getFirst().a()).isSameAs(((NicModel) m.pci().function(4).orElseThrow().model()).port());
        assertThat(b.cables().getFirst().b()).isSameAs(((NicModel) m.pci().function(5).orElseThrow().model()).port());

        Shell shell = new Shell(m, new PrintWriter(new StringWriter(), true));
        shell.execute("ip link set eth0 up");
        shell.execute("ip link set eth1 up");
        shell.execute("run 5ms");
        io.jnetdev.runtime.net.NetDeviceImpl eth0 = m.net().device("eth0").orElseThrow();
        for (int i = 0; i < 5; i++) { // five IPv4 frames from eth0 to eth1, through the cable
            byte[] f = new byte[100];
            System.arraycopy(io.jnetdev.api.net.MacAddress.parse("52:54:00:12:34:57").octets(), 0, f, 0, 6);
            System.arraycopy(eth0.macAddress().octets(), 0, f, 6, 6);
            f[12] = 0x08;
            io.jnetdev.api.net.Skb skb = eth0.allocSkb(f.length);
            skb.put(f.length).copyFrom(java.lang.foreign.MemorySegment.ofArray(f));
            m.net().devQueueXmit(eth0, skb);
        }
        shell.execute("run 10ms");
        assertThat(b.cables().getFirst().aToB().frames()).as("frames the cable carried").isEqualTo(5);
        assertThat(m.net().stats(m.net().device("eth1").orElseThrow()).rxPackets).isEqualTo(5);
    }

    private static long mac(Machine m, String ifname) {
        return m.net().device(ifname).orElseThrow().macAddress().bits();
    }

    @Test
    void aCopyOfTheDefaultFileBootsTheSameMachineAsTheBuiltInDefault(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("default.yaml");
        try (InputStream in = MachineFile.class.getClassLoader().getResourceAsStream(MachineFile.DEFAULT_RESOURCE)) {
            Files.copy(in, copy);
        }
        String builtIn = session(new CommandLine(new MachineOptions()), "--seed", "3");
        String fromFile = session(new CommandLine(new MachineOptions()), "--seed", "3", "--machine", copy.toString());
        assertThat(fromFile).isEqualTo(builtIn).contains("eth4").contains("seed 3");
    }

    /** Parses {@code args} into the options, boots, and shows the machine after some traffic. */
    private static String session(CommandLine cli, String... args) throws Exception {
        cli.parseArgs(args);
        MachineOptions o = cli.getCommand();
        Machine m = o.boot().machine();
        StringWriter out = new StringWriter();
        Shell shell = new Shell(m, new PrintWriter(out, true));
        for (String line : List.of("lspci -v -nn", "lsmod", "ip link set eth0 up", "ip link set eth2 up", "run 5ms",
                "traffic eth0 rate=50k size=imix for=5ms", "traffic eth2 rate=5k size=200 for=5ms", "run 20ms", "traffic",
                "cat /proc/interrupts", "ip -s link", "dmesg")) {
            shell.execute(line);
        }
        return out.toString();
    }

    @Test
    void seedAndCpusOverrideTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, "cpus: 4\nseed: 9\nhz: 250\n");
        CommandLine cli = new CommandLine(new MachineOptions());
        cli.parseArgs("--machine", file.toString());
        MachineDescription d = ((MachineOptions) cli.getCommand()).description();
        assertThat(List.of(d.cpus(), (int) d.seed(), d.hz())).containsExactly(4, 9, 250);

        cli = new CommandLine(new MachineOptions());
        cli.parseArgs("--machine", file.toString(), "--cpus", "1", "--seed", "2");
        Machine m = ((MachineOptions) cli.getCommand()).boot().machine();
        assertThat(m.cpus().count()).isEqualTo(1);
        assertThat(m.config().seed()).isEqualTo(2);
        assertThat(m.config().hz()).isEqualTo(250);
        assertThat(m.net().sysctl().netdevBudgetUsecs).as("2 jiffies at HZ=250").isEqualTo(8000);
    }

    @Test
    void aBadFileEndsTheCommandWithStatus2AndOneLineBeforeAnythingBoots(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "cpus: 2\nslots:\n  - slot: 4\n    model: 82574L\n    mac: 52:54:00:12:34:56\nwires:\n  - cable: [4, 5]\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("--machine", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(file + ":7:16: a cable to slot 5, which is empty; "
                + "expected a slot the slots section fills with a network card" + System.lineSeparator());
        assertThat(out.toString()).as("nothing booted, nothing shown").isEmpty();
    }

    @Test
    void theShellReadsAndWritesAnInterruptsAffinity() {
        Machine m = TestMachines.defaultMachine();
        StringWriter out = new StringWriter();
        Shell shell = new Shell(m, new PrintWriter(out, true));
        shell.execute("cat /proc/irq/16/smp_affinity_list");
        shell.execute("echo 1 > /proc/irq/16/smp_affinity_list");
        shell.execute("cat /proc/irq/16/smp_affinity_list");
        shell.execute("cat /proc/irq/16/effective_affinity_list");
        assertThat(out.toString()).isEqualTo("0-1\n1\n1\n");
    }
}
