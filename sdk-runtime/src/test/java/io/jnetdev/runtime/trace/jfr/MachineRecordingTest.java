package io.jnetdev.runtime.trace.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.NetBench;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording of the bench NIC's packet path, read back with the JDK's JFR consumer API: the
 * events the runtime fires arrive with their fields, agree with the machine's own counters, and
 * the hub has no sink at all when nothing records.
 */
class MachineRecordingTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    @Test
    void backlogTrafficIsRecordedAndAgreesWithTheMachinesCounters() throws IOException {
        long seed = 51;
        NetBench b = NetBench.create(MachineConfig.builder().seed(seed).cpus(2), 64);
        b.useNetifRx = true; // the old interface: netif_rx into the backlog, polled by the backlog's NAPI
        b.up();
        b.machine.run(MS);
        long irqsBefore = b.machine.irqCore().desc(b.irq).totalCount();
        long deliveredBefore = b.deliveredIpv4();
        Path file = dir.resolve("backlog.jfr");
        try (MachineRecording rec = MachineRecording.start(b.machine, file)) {
            b.startTraffic(200_000, 100, 5 * MS, true);
            b.machine.run(8 * MS);
            Skb out = b.dev.allocSkb(100);
            out.put(100).copyFrom(MemorySegment.ofArray(NetBench.frame(100, NetBench.MAC, EtherType.IPV4)));
            b.machine.net().devQueueXmit(b.devImpl(), out);
            b.machine.run(MS);
        }
        long irqs = b.machine.irqCore().desc(b.irq).totalCount() - irqsBefore;
        long delivered = b.deliveredIpv4() - deliveredBefore;
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);

        assertThat(events).as("seed %d: only jnetdev events", seed)
                .allMatch(e -> e.getEventType().getName().startsWith("jnetdev."));
        assertThat(delivered).as("seed %d: the run delivers frames", seed).isGreaterThan(500);
        List<RecordedEvent> entries = named(events, "jnetdev.irq_handler_entry");
        assertThat(entries).as("seed %d: one entry per interrupt counted in /proc/interrupts", seed).hasSize((int) irqs);
        assertThat(entries).allMatch(e -> e.getInt("irq") == b.irq && "benchnic".equals(e.getString("name")));
        assertThat(named(events, "jnetdev.irq_handler_exit")).as("seed %d", seed).hasSize((int) irqs)
                .allMatch(e -> e.getInt("ret") == 1);
        List<RecordedEvent> rx = named(events, "jnetdev.netif_rx");
        assertThat(rx).as("seed %d: every frame the handler took went through netif_rx", seed).hasSizeGreaterThanOrEqualTo((int) delivered)
                .allMatch(e -> b.dev.name().equals(e.getString("device")) && e.getInt("len") == 86);
        List<RecordedEvent> receive = named(events, "jnetdev.netif_receive_skb");
        assertThat(receive).as("seed %d: one netif_receive_skb per delivered frame", seed).hasSize((int) delivered)
                .allMatch(e -> e.getInt("protocol") == EtherType.IPV4);
        List<RecordedEvent> polls = named(events, "jnetdev.napi_poll");
        assertThat(polls).as("seed %d: the backlog's polls", seed).isNotEmpty()
                .allMatch(e -> "backlog".equals(e.getString("device")))
                .allMatch(e -> e.getInt("work") <= e.getInt("budget"));
        assertThat(polls.stream().mapToLong(e -> e.getInt("work")).sum()).as("seed %d: the polls' work is the frames received", seed)
                .isEqualTo(receive.size());
        List<RecordedEvent> softirqs = named(events, "jnetdev.softirq_entry");
        assertThat(softirqs).as("seed %d: NET_RX ran", seed).anyMatch(e -> e.getInt("vec") == 3 && "NET_RX".equals(e.getString("action")));
        assertThat(named(events, "jnetdev.softirq_exit")).as("seed %d: each softirq entry has its exit", seed).hasSameSizeAs(softirqs);
        assertThat(named(events, "jnetdev.net_dev_xmit")).as("seed %d: the frame sent", seed).singleElement()
                .satisfies(e -> {
                    assertThat(e.getString("device")).isEqualTo(b.dev.name());
                    assertThat(e.getInt("len")).isEqualTo(100);
                    assertThat(e.getInt("rc")).isZero();
                });
        assertNonDecreasingPerCpu(events, seed);
    }

    /**
     * Each CPU's clock only moves forward, so its events' virtual times, in commit order, never go
     * back. A file does not keep commit order (a type's first event can come late), so the events
     * are put back in it by their wall-clock start times, which one committing thread makes increasing.
     */
    static void assertNonDecreasingPerCpu(List<RecordedEvent> events, long seed) {
        Map<Integer, Long> last = new HashMap<>();
        int checked = 0;
        List<RecordedEvent> committed = events.stream().sorted(Comparator.comparing(RecordedEvent::getStartTime)).toList();
        for (RecordedEvent e : committed) {
            if (!e.hasField("cpu")) {
                continue; // probe steps carry no CPU
            }
            int cpu = e.getInt("cpu");
            long t = e.getLong("virtualTime");
            Long before = last.put(cpu, t);
            assertThat(t).as("seed %d: %s on CPU %d after %d ns", seed, e.getEventType().getName(), cpu, before)
                    .isGreaterThanOrEqualTo(before == null ? 0 : before);
            checked++;
        }
        assertThat(checked).as("seed %d: events with a CPU", seed).isPositive();
    }

    @Test
    void theHubHasASinkOnlyWhileRecording() throws IOException {
        NetBench b = NetBench.create(MachineConfig.builder().seed(52), 64);
        assertThat(b.machine.tracepoints().enabled()).as("before recording").isFalse();
        Path file = dir.resolve("hub.jfr");
        long closedAt;
        try (MachineRecording rec = MachineRecording.start(b.machine, file)) {
            assertThat(b.machine.tracepoints().enabled()).as("while recording").isTrue();
            b.up();
            b.receive(2, 100);
            b.machine.run(MS);
            closedAt = b.machine.engine().now();
        }
        assertThat(b.machine.tracepoints().enabled()).as("after close").isFalse();
        b.receive(3, 100);
        b.machine.run(MS);
        List<RecordedEvent> receive = named(RecordingFile.readAllEvents(file), "jnetdev.netif_receive_skb");
        assertThat(receive).as("only the frames received while recording").hasSize(2)
                .allMatch(e -> e.getLong("virtualTime") <= closedAt);
    }

    @Test
    void probeStepsBeforeTheRecordingAreCommittedWithTheirVirtualTimes() throws IOException {
        NetBench b = NetBench.create(MachineConfig.builder().seed(53), 64, 3 * MS);
        Path file = dir.resolve("probe.jfr");
        MachineRecording.start(b.machine, file).close();
        List<RecordedEvent> steps = named(RecordingFile.readAllEvents(file), "jnetdev.probe");
        assertThat(steps).as("the probe trace's steps").hasSize(b.machine.trace().steps().size());
        assertThat(steps).filteredOn(e -> "really_probe".equals(e.getString("step")))
                .as("really_probe of the bench NIC, loaded 3 ms after boot")
                .anyMatch(e -> NetBench.PCI_DEV.equals(e.getString("device")) && "benchnic".equals(e.getString("driver"))
                        && e.getLong("virtualTime") >= 3 * MS);
        assertThat(steps).as("driver_bound ends the probe").anyMatch(e -> "driver_bound".equals(e.getString("step")));
    }

    @Test
    void anUnwritablePathIsOneMessageNamingIt() {
        Path file = dir.resolve("no-such-directory").resolve("x.jfr");
        NetBench b = NetBench.create(54);
        assertThatThrownBy(() -> MachineRecording.start(b.machine, file)).isInstanceOf(IOException.class)
                .hasMessage("cannot write the JFR recording to " + file.toAbsolutePath() + ": no such directory");
        assertThat(b.machine.tracepoints().enabled()).as("nothing attached after the failure").isFalse();
    }
}
