package io.jnetdev.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.NetBench;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Invariant 3: the same seed gives the same trace. The workload draws its inter-frame gaps from the
 * machine's seeded random source, crosses both CPUs, overloads the ring and cycles the interface, so
 * the trace covers hard IRQs, softirqs, NAPI polls, netif_rx and delivery.
 */
class PacketPathDeterminismTest {
    private static final long MS = 1_000_000L;

    private record Run(long digest, long events, List<String> head) {}

    private static Run run(long seed, boolean netifRx) {
        NetBench b = NetBench.create(MachineConfig.builder().seed(seed).cpus(2), 64);
        b.useNetifRx = netifRx;
        TraceDigest digest = new TraceDigest();
        TraceRecorder head = new TraceRecorder(300);
        b.machine.tracepoints().attach(digest);
        b.machine.tracepoints().attach(head);
        b.up();
        b.startTraffic(700_000, 64, 20 * MS, true);
        b.machine.run(8 * MS);
        b.down();
        b.machine.run(2 * MS);
        b.up();
        b.machine.run(20 * MS);
        return new Run(digest.digest(), digest.events(), head.lines());
    }

    @Test
    void sameSeedSameTraceDifferentSeedDifferentTrace() {
        for (boolean netifRx : new boolean[] {false, true}) {
            Run a = run(31, netifRx);
            Run b = run(31, netifRx);
            Run c = run(32, netifRx);
            String mode = netifRx ? "netif_rx" : "NAPI";
            assertThat(a.events()).as("seed 31, %s: the workload must produce a real trace", mode).isGreaterThan(10_000);
            assertThat(b.head()).as("seed 31, %s: first events", mode).isEqualTo(a.head());
            assertThat(b.events()).as("seed 31, %s", mode).isEqualTo(a.events());
            assertThat(b.digest()).as("seed 31, %s: digest of %d events", mode, a.events()).isEqualTo(a.digest());
            // The seed must matter, or equality above proves nothing about determinism.
            assertThat(c.digest()).as("seeds 31 and 32, %s", mode).isNotEqualTo(a.digest());
        }
    }

    @Test
    void tracepointsNameLinuxEventsAndCarryTheirArguments() {
        NetBench b = NetBench.create(MachineConfig.builder().seed(33), 64);
        TraceRecorder rec = new TraceRecorder(1000);
        b.machine.tracepoints().attach(rec);
        b.up();
        b.receive(3, 100);
        b.machine.run(MS);
        List<String> lines = rec.lines();
        assertThat(lines).as("seed 33").anyMatch(l -> l.contains("irq_handler_entry: benchnic " + b.irq + " 0"));
        assertThat(lines).as("seed 33").anyMatch(l -> l.contains("irq_handler_exit: benchnic " + b.irq + " 1"));
        assertThat(lines).as("seed 33").anyMatch(l -> l.contains("softirq_entry: - 3 0")); // NET_RX is vector 3
        assertThat(lines).as("seed 33").anyMatch(l -> l.contains("napi_poll: " + b.dev.name() + " 3 64"));
        assertThat(lines).as("seed 33").filteredOn(l -> l.contains("netif_receive_skb: " + b.dev.name() + " 86 2048")).hasSize(3);
        b.machine.tracepoints().detach(rec);
        b.receive(1, 100);
        b.machine.run(MS);
        assertThat(rec.lines()).as("seed 33: nothing after detach").hasSameSizeAs(lines);
    }
}
