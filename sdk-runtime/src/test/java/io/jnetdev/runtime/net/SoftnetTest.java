package io.jnetdev.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.softirq.SoftirqType;
import io.jnetdev.runtime.testing.NetBench;
import org.junit.jupiter.api.Test;

/**
 * The per-CPU softnet machinery under load, read back through the counters Linux shows: the
 * backlog dropping at {@code netdev_max_backlog}, {@code time_squeeze} when net_rx_action runs out
 * of budget, and softirqs moving to ksoftirqd under sustained load but not under light load.
 */
class SoftnetTest {
    private static final long MS = 1_000_000L;

    /** /proc/net/softnet_stat column {@code col} (0-based) of CPU {@code cpu}, parsed from the hex text. */
    private static long softnetColumn(NetBench b, int cpu, int col) {
        String line = b.machine.net().procSoftnetStat().lines().toList().get(cpu);
        return Long.parseLong(line.split(" ")[col], 16);
    }

    // [DEV-C] enqueue_to_backlog: a full backlog (netdev_max_backlog, 1000) drops and counts in softnet_data.dropped
    @Test
    void netifRxDropsAtNetdevMaxBacklogAndCountsInSoftnetStat() {
        long seed = 3001;
        NetBench b = NetBench.create(MachineConfig.builder().seed(seed).cpus(1), 64);
        b.useNetifRx = true;
        b.up();
        b.receive(1500, 64); // one interrupt, 1500 frames handed to netif_rx before NET_RX can run
        b.machine.run(5 * MS); // 1000 frames at ~1.5 us of CPU each

        assertThat(softnetColumn(b, 0, 1)).as("seed %d: softnet_stat dropped", seed).isEqualTo(500);
        assertThat(softnetColumn(b, 0, 0)).as("seed %d: softnet_stat processed", seed).isEqualTo(1000);
        assertThat(b.deliveredIpv4()).as("seed %d", seed).isEqualTo(1000);
        Conservation c = b.machine.net().conservation(b.devImpl(), 1500);
        assertThat(c.drops()).as("seed %d: %s", seed, c).containsEntry("backlog_dropped", 500L);
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(b.machine.violations().all()).as("seed %d", seed).isEmpty();
    }

    /** A sysctl with a smaller netdev_budget ({@code sysctl net.core.netdev_budget=N}). */
    private static AbstractModule netdevBudget(int budget) {
        return new AbstractModule() {
            @Provides
            @Singleton
            NetSysctl sysctl(MachineConfig config) {
                NetSysctl s = NetSysctl.forHz(config.hz());
                s.netdevBudget = budget;
                return s;
            }
        };
    }

    // [DEV-C] net_rx_action: budget spent with work left -> time_squeeze++, NET_RX raised again, nothing lost
    @Test
    void timeSqueezeCountsNetRxActionRunsThatSpentTheBudget() {
        long seed = 3002;
        NetBench b = NetBench.create(MachineConfig.builder().seed(seed).cpus(1), 64, MS, netdevBudget(50));
        b.up();
        b.receive(1000, 64);
        b.machine.run(5 * MS);

        long squeezed = softnetColumn(b, 0, 2);
        // 1000 frames in polls of weight 64: 15 full polls, each spending more than the budget of 50
        // (napi_poll is not cut to the budget left); the 16th, of 40 frames, completes within it
        assertThat(squeezed).as("seed %d: time_squeeze", seed).isEqualTo(15);
        assertThat(b.machine.net().softnetCounters(0)[2]).as("seed %d", seed).isEqualTo(squeezed);
        assertThat(b.deliveredIpv4()).as("seed %d: nothing lost to the squeeze", seed).isEqualTo(1000);
        assertThat(b.machine.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void theDefaultBudgetWithOneInstanceDoesNotSqueeze() {
        long seed = 3003;
        NetBench b = NetBench.create(MachineConfig.builder().seed(seed).cpus(1), 64);
        b.up();
        b.receive(1000, 64);
        b.machine.run(5 * MS);
        // one instance: each run polls it once (64 < 300) and re-raises NET_RX, as Linux does
        assertThat(softnetColumn(b, 0, 2)).as("seed %d: time_squeeze", seed).isZero();
        assertThat(b.deliveredIpv4()).as("seed %d", seed).isEqualTo(1000);
    }

    // [SOFTIRQ-C] __do_softirq: after MAX_SOFTIRQ_RESTART runs or MAX_SOFTIRQ_TIME the rest goes to ksoftirqd
    @Test
    void sustainedLoadMovesSoftirqsToKsoftirqdAndLightLoadDoesNot() {
        long seed = 3004;
        NetBench light = NetBench.create(MachineConfig.builder().seed(seed).cpus(1), 64);
        light.up();
        light.startTraffic(10_000, 64, 20 * MS);
        light.machine.run(25 * MS);
        assertThat(light.deliveredIpv4()).as("seed %d: light load all delivered", seed).isEqualTo(200);
        assertThat(light.machine.softirqs().ksoftirqdRuns(0)).as("seed %d: 10k fps runs at irq_exit only", seed).isZero();

        NetBench heavy = NetBench.create(MachineConfig.builder().seed(seed).cpus(1), 64);
        heavy.up();
        heavy.startTraffic(1_200_000, 64, 20 * MS);
        heavy.machine.run(25 * MS);
        assertThat(heavy.machine.softirqs().ksoftirqdRuns(0)).as("seed %d: 1.2M fps hands NET_RX to ksoftirqd", seed)
                .isPositive();
        assertThat(heavy.machine.softirqs().count(0, SoftirqType.NET_RX)).as("seed %d", seed).isPositive();
        Conservation c = heavy.machine.net().conservation(heavy.devImpl(), heavy.offered);
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(heavy.machine.violations().all()).as("seed %d", seed).isEmpty();
    }
}
