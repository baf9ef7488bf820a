package io.jnetdev.drivers.e1000e;

import static io.jnetdev.drivers.e1000e.E1000eMachines.MS;
import static io.jnetdev.drivers.e1000e.E1000eMachines.dev;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Skb;
import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.hw.wire.Cable;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.engine.ExecContext;
import io.jnetdev.runtime.irq.IrqDesc;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.trace.jfr.MachineRecording;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two 82574Ls on a cable, recorded with JDK Flight Recorder from before boot through traffic both
 * ways, the file read back with the JDK's consumer API: probe steps, hard IRQs, softirqs, NAPI
 * polls, transmits and receives are there, and their counts are the machine's own counters.
 */
class E1000eJfrTest {
    private static final long MAC_A = 0x5254_0012_3456L;
    private static final long MAC_B = 0x5254_0012_3457L;

    @TempDir
    Path dir;

    private static Skb frame(NetDeviceImpl from, long dst, int len) {
        Skb skb = from.allocSkb(len);
        byte[] f = new byte[len];
        System.arraycopy(new MacAddress(dst).octets(), 0, f, 0, 6);
        System.arraycopy(from.macAddress().octets(), 0, f, 6, 6);
        f[12] = 0x08; // IPv4
        skb.put(len).copyFrom(MemorySegment.ofArray(f));
        return skb;
    }

    private static Map<String, List<RecordedEvent>> byType(List<RecordedEvent> events) {
        return events.stream().collect(Collectors.groupingBy(e -> e.getEventType().getName()));
    }

    @Test
    void aRecordingDuringTrafficReadsBackAndMatchesTheCounters() throws Exception {
        long seed = 61;
        MachineConfig config = MachineConfig.builder().cpus(2).seed(seed)
                .slot(3, () -> new E1000e(MAC_A)).slot(4, () -> new E1000e(MAC_B))
                .modules(Map.of("e1000e", Map.of())).build();
        Machine m = Machine.create(config);
        Path file = dir.resolve("e1000e.jfr");
        Map<String, Long> received = new HashMap<>();
        int n = 2000;
        NetDeviceImpl a;
        NetDeviceImpl b;
        try (MachineRecording rec = MachineRecording.start(m, file)) {
            m.boot(E1000eJfrTest.class.getClassLoader());
            a = dev(m, "eth0");
            b = dev(m, "eth1");
            Cable.connect(m.wireContext(), m.portOf("eth0"), m.portOf("eth1"));
            m.net().devAddPack(EtherType.IPV4, skb -> received.merge(skb.dev().name(), 1L, Long::sum));
            m.net().devOpen(a);
            m.net().devOpen(b);
            m.run(20 * MS);
            for (int i = 0; i < n; i += 16) {
                int first = i;
                // A process on CPU 0 sends, so the transmit tracepoints carry that CPU's own clock
                // (a call from outside every CPU would carry the engine's, which may lag it).
                m.cpus().runOn(m.cpus().get(0), ExecContext.TASK, () -> {
                    for (int k = first; k < first + 16; k++) {
                        m.net().devQueueXmit(a, frame(a, MAC_B, 60 + (k % 7) * 200));
                        m.net().devQueueXmit(b, frame(b, MAC_A, 60 + (k % 5) * 290));
                    }
                });
                m.run(MS / 10);
            }
            m.run(30 * MS);
        }
        assertThat(received.get("eth1")).as("seed %d: the traffic arrived\n%s", seed, m.dmesg()).isEqualTo(n);
        assertThat(received.get("eth0")).as("seed %d", seed).isEqualTo(n);
        Map<String, List<RecordedEvent>> events = byType(RecordingFile.readAllEvents(file));

        assertThat(events.keySet()).as("seed %d: every kind of event", seed).contains("jnetdev.probe",
                "jnetdev.irq_handler_entry", "jnetdev.irq_handler_exit", "jnetdev.softirq_entry", "jnetdev.softirq_exit",
                "jnetdev.napi_poll", "jnetdev.net_dev_xmit", "jnetdev.netif_receive_skb");
        assertThat(events.get("jnetdev.probe")).as("seed %d: e1000e bound both cards, recorded live", seed)
                .filteredOn(e -> "driver_bound".equals(e.getString("step")) && "e1000e".equals(e.getString("driver")))
                .extracting(e -> e.getString("device")).containsExactlyInAnyOrder("0000:00:03.0", "0000:00:04.0");

        // One irq_handler_entry per interrupt /proc/interrupts counts, on every line with one handler.
        Map<Integer, Long> entries = events.get("jnetdev.irq_handler_entry").stream()
                .collect(Collectors.groupingBy(e -> e.getInt("irq"), Collectors.counting()));
        int lines = 0;
        for (IrqDesc desc : m.irqCore().descs()) {
            if (desc.actions().size() == 1 && desc.totalCount() > 0) {
                assertThat(entries.getOrDefault(desc.irq(), 0L)).as("seed %d: IRQ %d (%s)", seed, desc.irq(),
                        desc.actions().getFirst().name()).isEqualTo(desc.totalCount());
                lines++;
            }
        }
        assertThat(lines).as("seed %d: MSI-X gives each card rx, tx and other vectors\n%s", seed, m.procInterrupts())
                .isGreaterThanOrEqualTo(4);
        assertThat(events.get("jnetdev.irq_handler_exit")).as("seed %d", seed)
                .hasSize(events.get("jnetdev.irq_handler_entry").size());

        assertThat(events.get("jnetdev.napi_poll")).as("seed %d: no poll exceeds its budget", seed)
                .allMatch(e -> e.getInt("work") <= e.getInt("budget") && e.getInt("budget") == 64);
        for (NetDeviceImpl d : List.of(a, b)) {
            String name = d.name();
            List<RecordedEvent> rx = events.get("jnetdev.netif_receive_skb").stream()
                    .filter(e -> name.equals(e.getString("device"))).toList();
            assertThat(rx).as("seed %d: %s: one netif_receive_skb per delivered frame", seed, name)
                    .hasSize((int) (long) received.get(name)).allMatch(e -> e.getInt("protocol") == EtherType.IPV4);
            long work = events.get("jnetdev.napi_poll").stream().filter(e -> name.equals(e.getString("device")))
                    .mapToLong(e -> e.getInt("work")).sum();
            assertThat(work).as("seed %d: %s: the polls' work is the frames they received", seed, name).isEqualTo(rx.size());
            long sent = events.get("jnetdev.net_dev_xmit").stream()
                    .filter(e -> name.equals(e.getString("device")) && e.getInt("rc") == 0).count();
            assertThat(sent).as("seed %d: %s: one NETDEV_TX_OK net_dev_xmit per packet sent", seed, name)
                    .isEqualTo(m.net().stats(d).txPackets);
        }

        Map<Integer, Long> last = new HashMap<>();
        List<RecordedEvent> committed = events.values().stream().flatMap(List::stream).filter(e -> e.hasField("cpu"))
                .sorted(Comparator.comparing(RecordedEvent::getStartTime)).toList();
        for (RecordedEvent e : committed) {
            long t = e.getLong("virtualTime");
            Long before = last.put(e.getInt("cpu"), t);
            assertThat(t).as("seed %d: %s on CPU %d: virtual time goes back", seed, e.getEventType().getName(), e.getInt("cpu"))
                    .isGreaterThanOrEqualTo(before == null ? 0 : before);
        }
        assertThat(last.keySet()).as("seed %d: events on CPUs", seed).isNotEmpty();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
