package io.jnetdev.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.klog.Violation;
import io.jnetdev.runtime.testing.NetBench;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TX watchdog ({@code dev_watchdog}): a transmit queue stopped for longer than
 * {@code watchdog_timeo} since the last transmission, with the device up and carrier on, gets a
 * WARN and one {@code ndo_tx_timeout} per period; a queue whose completions come in time never does.
 */
class TxWatchdogTest {

    private static NetBench bench(long seed, int hz) {
        return NetBench.create(MachineConfig.builder().seed(seed).hz(hz), 64);
    }

    /** Transmits {@code n} minimum-size frames through the qdisc. */
    private static void xmit(NetBench b, int n) {
        byte[] f = NetBench.frame(60, NetBench.MAC, EtherType.IPV4);
        for (int i = 0; i < n; i++) {
            Skb skb = b.machine.net().allocSkb(f.length);
            skb.put(f.length).copyFrom(MemorySegment.ofArray(f));
            b.machine.net().devQueueXmit(b.devImpl(), skb);
        }
    }

    /** Fills the transmit ring so that the driver stops the queue; returns the jiffy of the last transmission. */
    private static long stallQueue(NetBench b) {
        xmit(b, b.txRingSize);
        assertThat(b.dev.queueStopped()).as("seed %d: the ring is full, the queue stopped", b.machine.config().seed()).isTrue();
        return b.machine.kernel().jiffies();
    }

    @Test
    void aQueueStuckLongerThanTheTimeoutFiresOncePerPeriodWithTheLogLineAndWarn() {
        long seed = 7;
        NetBench b = bench(seed, 1000);
        b.dev.setWatchdogTimeoMillis(1000);
        b.up();
        b.machine.run(1_000_000);
        long stalledAt = stallQueue(b);
        long timeo = b.machine.kernel().msecsToJiffies(1000);
        b.machine.run(3_500_000_000L);

        long tick = b.machine.timers().tickNanos();
        List<Long> jiffies = b.txTimeoutAt.stream().map(t -> t / tick).toList();
        assertThat(jiffies).as("seed %d: three periods of 1 s in 3.5 s", seed)
                .containsExactly(stalledAt + timeo + 1, stalledAt + 2 * timeo + 1, stalledAt + 3 * timeo + 1);
        assertThat(b.txTimeoutInSoftirq).as("seed %d: ndo_tx_timeout runs from the timer softirq", seed).containsOnly(true);
        assertThat(b.devImpl().txTimeouts()).as("seed %d: tx_timeout counter", seed).isEqualTo(3);

        List<Violation> warns = b.machine.violations().ofRule("NDO-WATCHDOG");
        assertThat(warns).as("seed %d: %s", seed, b.machine.violations().all()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            long ms = b.machine.kernel().jiffiesToMsecs(jiffies.get(i) - stalledAt);
            assertThat(warns.get(i).message()).as("seed %d", seed)
                    .isEqualTo("NETDEV WATCHDOG: eth0 (benchnic): transmit queue 0 timed out " + ms + " ms");
            assertThat(warns.get(i).device()).isEqualTo(NetBench.PCI_DEV);
            assertThat(warns.get(i).driver()).isEqualTo("benchnic");
        }
        assertThat(b.machine.dmesg()).as("seed %d", seed).contains("NETDEV WATCHDOG: eth0 (benchnic): transmit queue 0 timed out");
        assertThat(b.machine.violations().all()).as("seed %d: nothing but the watchdog WARNs", seed).hasSize(3);
    }

    @Test
    void aResetInNdoTxTimeoutEndsTheTimeouts() {
        long seed = 8;
        NetBench b = bench(seed, 1000);
        b.dev.setWatchdogTimeoMillis(500);
        b.onTxTimeout = () -> b.completeTx(b.txRingSize); // the driver cleans its ring and wakes the queue
        b.up();
        stallQueue(b);
        b.machine.run(5_000_000_000L);
        assertThat(b.txTimeoutAt).as("seed %d", seed).hasSize(1);
        assertThat(b.dev.queueStopped()).as("seed %d", seed).isFalse();
    }

    @Test
    void completionsThatArriveInTimeNeverFire() {
        long seed = 9;
        NetBench b = bench(seed, 1000);
        b.dev.setWatchdogTimeoMillis(1000);
        b.up();
        // Each second the ring fills and stays full for 900 ms: stopped often, never 1 s past a transmission.
        for (int cycle = 0; cycle < 10; cycle++) {
            stallQueue(b);
            b.machine.run(900_000_000L);
            b.completeTx(b.txRingSize);
            b.machine.run(100_000_000L);
        }
        assertThat(b.txTimeoutAt).as("seed %d", seed).isEmpty();
        assertThat(b.machine.violations().all()).as("seed %d", seed).isEmpty();
        assertThat(b.transmitted).as("seed %d", seed).hasSize(10 * b.txRingSize);
        assertThat(b.devImpl().watchdogTimer.pending()).as("seed %d: the watchdog kept checking", seed).isTrue();
        assertThat(b.machine.timers().expired(0)).as("seed %d: it ran about once a second", seed).isBetween(9L, 20L);
    }

    @Test
    void downStopsTheWatchdogAndUpRestartsIt() {
        long seed = 10;
        NetBench b = bench(seed, 1000);
        b.dev.setWatchdogTimeoMillis(1000);
        b.up();
        stallQueue(b);
        b.machine.run(500_000_000L);
        b.down();
        assertThat(b.machine.timers().pendingTimers()).as("seed %d: dev_watchdog_down deleted the timer", seed).isZero();
        assertThat(b.machine.timers().tickProgrammed(0)).as("seed %d", seed).isFalse();
        b.machine.run(10_000_000_000L);
        assertThat(b.txTimeoutAt).as("seed %d: no ndo_tx_timeout after down", seed).isEmpty();
        assertThat(b.machine.violations().all()).as("seed %d", seed).isEmpty();

        b.txInFlight = 0; // ndo_stop aborted what was in flight
        b.up();
        long stalledAt = stallQueue(b);
        b.machine.run(2_500_000_000L);
        assertThat(b.txTimeoutAt).as("seed %d: armed again by dev_open", seed).isNotEmpty();
        assertThat(b.txTimeoutAt.getFirst() / b.machine.timers().tickNanos()).as("seed %d", seed)
                .isEqualTo(stalledAt + b.machine.kernel().msecsToJiffies(1000) + 1);
    }

    @Test
    void withoutCarrierTheWatchdogStaysQuietUntilCarrierReturns() {
        long seed = 11;
        NetBench b = bench(seed, 1000);
        b.dev.setWatchdogTimeoMillis(200);
        b.up();
        stallQueue(b);
        b.dev.carrierOff();
        b.machine.run(2_000_000_000L);
        assertThat(b.txTimeoutAt).as("seed %d: netif_carrier_ok is false", seed).isEmpty();
        assertThat(b.machine.timers().pendingTimers()).as("seed %d: not re-armed without carrier", seed).isZero();
        b.dev.carrierOn();
        b.machine.run(1_000_000_000L);
        assertThat(b.txTimeoutAt).as("seed %d: netif_carrier_on restarted it", seed).isNotEmpty();
    }

    @Test
    void anIdleUpDeviceCostsOneWatchdogCheckPerPeriod() {
        long seed = 12;
        NetBench b = bench(seed, 1000);
        b.up();
        long events = b.machine.engine().eventsRun();
        b.machine.run(60_000_000_000L);
        long ran = b.machine.engine().eventsRun() - events;
        // 12 checks in a minute at the 5 s default; each is a programmed tick plus its interrupt delivery
        assertThat(b.machine.timers().expired(0)).as("seed %d", seed).isEqualTo(12);
        assertThat(ran).as("seed %d: engine events in an idle minute", seed).isEqualTo(2 * 12);
        assertThat(b.txTimeoutAt).as("seed %d: the queue is awake", seed).isEmpty();
    }

    @ParameterizedTest(name = "HZ={0}, driver watchdog_timeo={1} ms")
    @CsvSource({"1000, 0, 5000", "1000, 250, 250", "250, 0, 5000", "250, 300, 300", "1000, -3, 5000"})
    void theTimeoutHonoursTheDriversValueAndTheFiveSecondDefault(int hz, long driverMillis, long effectiveMillis) {
        long seed = 100 + hz + driverMillis;
        NetBench b = bench(seed, hz);
        b.dev.setWatchdogTimeoMillis(driverMillis);
        b.up();
        long timeo = b.machine.kernel().msecsToJiffies(effectiveMillis);
        assertThat(b.machine.get(DevWatchdog.class).timeoJiffies(b.devImpl())).as("seed %d", seed).isEqualTo(timeo);
        long tick = b.machine.timers().tickNanos();
        b.machine.run(3 * tick);
        long stalledAt = stallQueue(b);
        b.machine.engine().runUntil((stalledAt + timeo + 1) * tick - 1);
        assertThat(b.txTimeoutAt).as("seed %d: not before the timeout has passed", seed).isEmpty();
        b.machine.run(2 * tick);
        assertThat(b.txTimeoutAt).as("seed %d: at the first tick after trans_start + watchdog_timeo", seed).hasSize(1);
        assertThat(b.txTimeoutAt.getFirst() / tick).isEqualTo(stalledAt + timeo + 1);
    }
}
