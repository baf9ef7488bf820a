package io.jnetdev.drivers.testnic;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.models.testnic.TestNic;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.CpuTime;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The driver with {@code napi=0}: the pre-NAPI receive, every frame taken in the interrupt handler
 * and queued with {@code netif_rx}. At a light load each frame is an interrupt of its own and
 * arrives at the protocol in order; at line rate on one CPU the handler's work leaves the backlog's
 * softirq too little time, so frames are dropped at the full backlog after the handler paid for
 * them — and every frame is still accounted for.
 */
class TestNicLegacyRxTest {
    private static final long MS = 1_000_000L;
    private static final int SLOT = 4;

    private static Machine boot(long seed, int cpus, Map<String, String> params) {
        MachineConfig config = MachineConfig.builder().cpus(cpus).seed(seed).slot(SLOT, TestNic::new)
                .modules(Map.of("testnic", params)).build();
        return Machine.create(config).boot(TestNicLegacyRxTest.class.getClassLoader());
    }

    private static NetDeviceImpl eth0(Machine m) {
        return m.net().device("eth0").orElseThrow(() -> new AssertionError("seed " + m.engine().seed() + ": no eth0\n" + m.dmesg()));
    }

    private static TestNicAdapter adapter(Machine m) {
        return eth0(m).priv(TestNicAdapter.class);
    }

    @Test
    void atALightLoadEveryFrameIsAnInterruptAndReachesTheProtocolInOrder() throws ErrnoException {
        long seed = 700;
        Machine m = boot(seed, 1, Map.of("napi", "0"));
        long[] delivered = {0};
        long[] lastSeq = {-1};
        boolean[] inOrder = {true};
        m.net().devAddPack(EtherType.IPV4, skb -> {
            delivered[0]++;
            long seq = skb.data().get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN),
                    TrafficGenerator.SEQUENCE_OFFSET - 14);
            inOrder[0] &= seq == lastSeq[0] + 1;
            lastSeq[0] = seq;
        });
        NetDeviceImpl dev = eth0(m);
        m.net().devOpen(dev);
        long irqsBefore = adapter(m).interrupts();
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 50_000, 64, 20 * MS);
        m.run(22 * MS);

        assertThat(m.dmesg()).as("seed %d: probe names the receive path", seed).contains("netif_rx from the interrupt handler");
        assertThat(adapter(m).napi()).as("seed %d: no NAPI instance", seed).isNull();
        assertThat(g.offered()).as("seed %d", seed).isEqualTo(1000);
        assertThat(delivered[0]).as("seed %d: every frame delivered", seed).isEqualTo(1000);
        assertThat(inOrder[0]).as("seed %d: in sequence order", seed).isTrue();
        assertThat(adapter(m).interrupts() - irqsBefore).as("seed %d: one interrupt per frame (20 µs apart)", seed)
                .isGreaterThanOrEqualTo(1000);
        assertThat(adapter(m).polls()).as("seed %d: nothing polled", seed).isZero();
        assertThat(m.net().softnetCounters(0)[0]).as("seed %d: the backlog handed each frame on", seed).isGreaterThanOrEqualTo(1000);
        Conservation c = m.net().conservation(dev, g.offered());
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void atLineRateOnOneCpuTheHandlerStarvesTheBacklogAndTheDropsAreCounted() throws ErrnoException {
        long seed = 701;
        Machine m = boot(seed, 1, Map.of("napi", "0"));
        m.net().devAddPack(EtherType.IPV4, skb -> { }); // the protocol's work per frame, from the cost model
        NetDeviceImpl dev = eth0(m);
        m.net().devOpen(dev);
        Cpu cpu = m.cpus().get(0);
        long hardBefore = cpu.busyNanos(CpuTime.HARDIRQ);
        long softBefore = cpu.busyNanos(CpuTime.SOFTIRQ) + cpu.busyNanos(CpuTime.KSOFTIRQD);
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 1_488_095, 60, 20 * MS);
        m.run(25 * MS);

        Conservation c = m.net().conservation(dev, g.offered());
        assertThat(c.drops().getOrDefault("backlog_dropped", 0L)).as("seed %d: dropped at the full backlog: %s", seed, c)
                .isPositive();
        assertThat(m.net().softnetCounters(0)[1]).as("seed %d: softnet_stat's dropped column", seed)
                .isEqualTo(c.drops().get("backlog_dropped"));
        assertThat(c.delivered()).as("seed %d: fewer delivered than offered: %s", seed, c).isPositive().isLessThan(g.offered());
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        long hard = cpu.busyNanos(CpuTime.HARDIRQ) - hardBefore;
        long soft = cpu.busyNanos(CpuTime.SOFTIRQ) + cpu.busyNanos(CpuTime.KSOFTIRQD) - softBefore;
        assertThat(hard).as("seed %d: hard-IRQ time, paid per frame whether the backlog keeps it or not, crowds out the "
                + "softirq (%d ns)", seed, soft).isGreaterThan(4 * soft);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
