package io.jnetdev.cli.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of mistake in a machine file gives one line, {@code FILE:LINE:COL: what is wrong;
 * expected what}, pointing at the offending value.
 */
class MachineFileErrorTest {
    /** A valid machine the cases below break one thing of. */
    private static final String SLOTS = """
            slots:
              - slot: 3
                model: edu
              - slot: 4
                model: 82574L
                mac: 52:54:00:12:34:56
              - slot: 5
                model: 82574L
                mac: 52:54:00:12:34:57
            """;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("YAML syntax", "cpus: 2\nslots: [\n  - slot: 4\n",
                        "m.yaml:3:3: YAML syntax error: "),
                Arguments.of("tab indentation", "cpus: 2\n\tseed: 1\n",
                        "m.yaml:2:1: YAML syntax error: "),
                Arguments.of("empty file", "# nothing\n",
                        "m.yaml:1:1: the file holds no machine; expected a mapping with keys among cpus, hz, seed, sysctl, slots, modules, wires, irq_affinity"),
                Arguments.of("unknown key", "cpus: 2\nmemory: 1G\n",
                        "m.yaml:2:1: unknown key 'memory' in the machine; expected one of cpus, hz, seed, sysctl, slots, modules, wires, irq_affinity"),
                Arguments.of("key twice", "cpus: 2\ncpus: 4\n",
                        "m.yaml:2:1: key 'cpus' appears twice in the machine; expected each key once"),
                Arguments.of("wrong type", "cpus: two\n",
                        "m.yaml:1:7: cpus is 'two', not an integer; expected a CPU count 1..64"),
                Arguments.of("a list for a number", "cpus: [1, 2]\n",
                        "m.yaml:1:7: cpus is a list; expected a CPU count 1..64"),
                Arguments.of("too many CPUs", "cpus: 65\n",
                        "m.yaml:1:7: cpus is 65, outside 1..64; expected a CPU count 1..64"),
                Arguments.of("HZ no kernel has", "hz: 200\n",
                        "m.yaml:1:5: hz 200 is not a kernel's CONFIG_HZ; expected 100, 250, 300 or 1000"),
                Arguments.of("unknown sysctl", "sysctl:\n  net.core.somaxconn: 4096\n",
                        "m.yaml:2:3: unknown key 'net.core.somaxconn' in sysctl; expected one of net.core.netdev_budget, "
                                + "net.core.netdev_budget_usecs, net.core.netdev_max_backlog, net.core.dev_weight"),
                Arguments.of("sysctl out of range", "sysctl:\n  net.core.netdev_budget: 0\n",
                        "m.yaml:2:27: net.core.netdev_budget is 0, outside 1..2147483647; expected an integer 1..2147483647"),
                Arguments.of("slot out of range", "slots:\n  - slot: 32\n    model: edu\n",
                        "m.yaml:2:11: slot is 32, outside 0..31; expected a PCI slot 0..31"),
                Arguments.of("slot used twice", "slots:\n  - slot: 4\n    model: edu\n  - slot: 4\n    model: 82574L\n",
                        "m.yaml:4:11: slot 4 is used twice (first at line 2); expected each slot once"),
                Arguments.of("slot without model", "slots:\n  - slot: 4\n",
                        "m.yaml:2:5: a slot entry without 'model'; expected a 'model:' key in a slot entry"),
                Arguments.of("unknown model", "slots:\n  - slot: 4\n    model: rtl8139\n",
                        "m.yaml:3:12: unknown model 'rtl8139'; expected one of 82574L, 3c595, 3c905C, 21143, 21140, edu, testnic"),
                Arguments.of("bad MAC", "slots:\n  - slot: 4\n    model: 82574L\n    mac: 52:54:00:12:34\n",
                        "m.yaml:4:10: '52:54:00:12:34' is not a MAC address; expected a unicast MAC address like 52:54:00:12:34:56"),
                Arguments.of("multicast MAC", "slots:\n  - slot: 4\n    model: 3c595\n    mac: 01:00:5e:00:00:01\n",
                        "m.yaml:4:10: '01:00:5e:00:00:01' is a multicast address; expected a unicast MAC address like 52:54:00:12:34:56"),
                Arguments.of("unsupported property", "slots:\n  - slot: 4\n    model: 82574L\n    rx_ring: 512\n",
                        "m.yaml:4:5: model 82574L has no property 'rx_ring'; expected slot, model, mac"),
                Arguments.of("unsupported property of testnic", "slots:\n  - slot: 4\n    model: testnic\n    speed: 1G\n",
                        "m.yaml:4:5: model testnic has no property 'speed'; expected slot, model, mac, line_rate"),
                Arguments.of("cable to an empty slot", SLOTS + "wires:\n  - cable: [4, 6]\n",
                        "m.yaml:11:16: a cable to slot 6, which is empty; expected a slot the slots section fills with a network card"),
                Arguments.of("cable to a device without a port", SLOTS + "wires:\n  - cable: [3, 4]\n",
                        "m.yaml:11:13: a cable to slot 3, whose edu has no Ethernet port; expected a slot holding a network card"),
                Arguments.of("port used twice", SLOTS + "wires:\n  - cable: [4, 5]\n  - sink: 5\n",
                        "m.yaml:12:11: slot 5's port already has a cable or sink (line 11); expected one cable or sink per port"),
                Arguments.of("two kinds in one wire", SLOTS + "wires:\n  - cable: [4, 5]\n    sink: 4\n",
                        "m.yaml:11:5: a wire entry with 2 kinds; expected exactly one of cable, generator, sink per '- ' item"),
                Arguments.of("negative rate", SLOTS + "wires:\n  - generator: {slot: 4, rate: -5, for: 10ms}\n",
                        "m.yaml:11:32: rate -5 is negative; expected frames per second of at least 1, like 100000, 250k or 1.2M, "
                                + "or 'line' for the line rate"),
                Arguments.of("generator without duration", SLOTS + "wires:\n  - generator: {slot: 4, rate: 1000}\n",
                        "m.yaml:11:16: a generator without 'for'; expected a 'for:' key in a generator"),
                Arguments.of("bad duration", SLOTS + "wires:\n  - generator: {slot: 4, rate: 1000, for: 10 ms}\n",
                        "m.yaml:11:43: for '10 ms' is not a duration; expected a duration like 500us, 20ms or 2s"),
                Arguments.of("frame size out of range", SLOTS + "wires:\n  - generator: {slot: 4, rate: 1000, size: 40, for: 1ms}\n",
                        "m.yaml:11:44: size is 40, outside 60..1514; expected a frame size 60..1514, imix, or a mapping of sizes "
                                + "to weights like {60: 7, 590: 4, 1514: 1}"),
                Arguments.of("unknown generator key", SLOTS + "wires:\n  - generator: {slot: 4, rate: 1000, for: 1ms, dst: 4}\n",
                        "m.yaml:11:48: unknown key 'dst' in a generator; expected one of slot, rate, size, bad, burst, start, for"),
                Arguments.of("unknown module", "modules:\n  e1000: {}\n",
                        "m.yaml:2:3: unknown module 'e1000'; expected one of "),
                Arguments.of("unknown module parameter", "modules:\n  e1000e: {TxIntDelay: 8}\n",
                        "m.yaml:2:12: module e1000e has no parameter 'TxIntDelay'; expected one of "),
                Arguments.of("module parameter out of range", "modules:\n  testnic: {rx_ring: 8192}\n",
                        "m.yaml:2:22: testnic.rx_ring is 8192, outside 8..4096; expected an integer 8..4096"),
                Arguments.of("bool module parameter", "modules:\n  edu: {use_msi: maybe}\n",
                        "m.yaml:2:18: edu.use_msi is 'maybe'; expected Y or N"),
                Arguments.of("CPU outside the machine", "cpus: 2\n" + SLOTS + "irq_affinity:\n  - irq: 16\n    cpus: 0,2-3\n",
                        "m.yaml:13:11: CPUs 2-3 are outside the machine's 2 CPUs (cpus at line 1 or --cpus); expected CPUs among 0-1"),
                Arguments.of("not a CPU list", SLOTS + "irq_affinity:\n  - irq: 16\n    cpus: all\n",
                        "m.yaml:12:11: 'all' is not a CPU list like 0-3,8; expected a CPU list like 0-1,3 (as /proc/irq/N/smp_affinity_list)"),
                Arguments.of("affinity of an empty slot", SLOTS + "irq_affinity:\n  - slot: 9\n    cpus: 1\n",
                        "m.yaml:11:11: slot 9 is empty; expected a slot the slots section fills"),
                Arguments.of("affinity naming its IRQ twice", SLOTS + "irq_affinity:\n  - slot: 4\n    irq: 16\n    cpus: 1\n",
                        "m.yaml:11:5: an irq_affinity entry must name its interrupt one way; expected {irq: N, cpus: LIST} or "
                                + "{slot: N, vector: V, cpus: LIST}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsOneLineWithItsPositionAndWhatWasExpected(String what, String yaml, String message) {
        assertThatThrownBy(() -> MachineFile.parse("m.yaml", yaml))
                .isInstanceOf(MachineFileException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("; expected "));
    }

    @Test
    void aRateAboveTheLineIsRefusedBeforeAnythingBoots() throws Exception {
        MachineDescription d = MachineFile.parse("m.yaml", SLOTS + "wires:\n  - generator: {slot: 4, rate: 2M, size: 60, for: 1ms}\n");
        assertThatThrownBy(d::boot).isInstanceOf(MachineFileException.class)
                .hasMessage("m.yaml:11:5: rate 2000000 frames/s is more than slot 4's 1000000000 bit/s line carries with these "
                        + "frames; expected at most 1488095 frames/s, or rate: line");
    }

    @Test
    void anInterruptTheBootedMachineLacksIsNamedWithTheEntry() throws Exception {
        MachineDescription d = MachineFile.parse("m.yaml", SLOTS + "irq_affinity:\n  - irq: 200\n    cpus: 1\n");
        assertThatThrownBy(d::boot).isInstanceOf(MachineFileException.class)
                .hasMessageStartingWith("m.yaml:11:5: after boot, IRQ 200 cannot be moved: EINVAL: irq_set_affinity: IRQ 200 does not exist; "
                        + "expected an interrupt the booted machine has");
    }

    @Test
    void cpusOnTheCommandLineAreCheckedAgainstTheFilesAffinity() throws Exception {
        MachineDescription d = MachineFile.parse("m.yaml", "cpus: 4\n" + SLOTS + "irq_affinity:\n  - irq: 16\n    cpus: 3\n");
        assertThat(d.withCpus(4).cpus()).isEqualTo(4);
        assertThatThrownBy(() -> d.withCpus(2)).isInstanceOf(MachineFileException.class)
                .hasMessage("m.yaml:13:11: CPUs 3 are outside the machine's 2 CPUs (cpus at line 1 or --cpus); expected CPUs among 0-1");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> MachineFile.load(missing)).isInstanceOf(MachineFileException.class)
                .hasMessage(missing + ":1:1: no such file; expected a readable machine file (YAML)");
    }

    @Test
    void aFileOnDiskIsNamedAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "cpus: 2\nslots:\n  - slot: 4\n    model: 82574L\n    mac: 52:54:00:12:34:56:78\n");
        assertThatThrownBy(() -> MachineFile.load(file)).hasMessageStartingWith(file + ":5:10: '52:54:00:12:34:56:78' is not a MAC address");
    }
}
