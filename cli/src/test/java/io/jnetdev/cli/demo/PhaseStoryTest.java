package io.jnetdev.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.runtime.net.Conservation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's sentences follow the numbers: the same phase with different increments reads
 * differently, and no clause appears whose counter did not move. Phases here are built by hand,
 * so each test sets exactly the numbers the clause depends on.
 */
class PhaseStoryTest {
    private static final long TWENTY_MS = 20_000_000L;

    @Test
    void e1000eSaysTheVectorWasHeldAtTheCeilingOnlyWhenItsRateIsNearTwentyThousand() {
        // 400 interrupts in 20 ms: 20,000/s
        String held = PhaseStory.explain(e1000e(Map.of("26: eth0-rx-0", 400L), 4000, 4000, Map.of()));
        assertThat(held).contains("eth0: 4,000 of 4,000 frames delivered in 400 interrupts (10.0 per interrupt")
                .contains("NAPI polled the ring with the rx interrupt masked, 10.0 frames per rx interrupt")
                .contains("fired 20,000 times a second: its EITR held it at InterruptThrottleRate=3's ceiling of 20,000/s")
                .contains("nothing was dropped");

        // 100 interrupts for 100 frames in 20 ms: 5,000/s, one frame each
        String followed = PhaseStory.explain(e1000e(Map.of("26: eth0-rx-0", 100L), 100, 100, Map.of()));
        assertThat(followed).contains("about one frame per rx interrupt")
                .contains("fired 5,000 times a second, under InterruptThrottleRate=3's ceiling of 20,000/s, so interrupts followed the load")
                .doesNotContain("held it").doesNotContain("NAPI polled");
    }

    @Test
    void e1000eNamesTheMissedFramesAndTheOverrunVectorOnlyWhenTheRingOverflowed() {
        Map<String, Long> irqs = new LinkedHashMap<>();
        irqs.put("26: eth0-rx-0", 2L);
        irqs.put("28: eth0", 398L);
        String overflow = PhaseStory.explain(e1000e(irqs, 29_762, 16_520, Map.of("rx_missed_errors", 13_242L)));
        assertThat(overflow).contains("in 400 interrupts (41.3 per interrupt; by vector: eth0-rx-0 2, eth0 398)")
                .contains("the busiest vector, eth0, fired 19,900 times a second")
                .contains("the 'other' vector (eth0) carries the receive overrun (RXO)")
                .contains("the card missed 13,242 frames (rx_missed_errors)")
                .doesNotContain("nothing was dropped");

        String noOverflow = PhaseStory.explain(e1000e(irqs, 16_520, 16_520, Map.of()));
        assertThat(noOverflow).doesNotContain("RXO").doesNotContain("missed").contains("nothing was dropped");
    }

    @Test
    void vortexSaysTheSourcesAreStillHiddenWhenFakeIntrHasNotRestoredThemAll() {
        String restored = PhaseStory.explain(vortex(1, 1));
        assertThat(restored).contains("hit max_interrupt_work (32 passes) 1 time and hid the pending sources")
                .contains("FakeIntr restored them 1 time").doesNotContain("still hidden");

        String hidden = PhaseStory.explain(vortex(2, 1));
        assertThat(hidden).contains("hit max_interrupt_work (32 passes) 2 times")
                .contains("restored them 1 of 2 times: the rest are still hidden");

        String calm = PhaseStory.explain(vortex(0, 0));
        assertThat(calm).doesNotContain("max_interrupt_work").doesNotContain("FakeIntr");
    }

    @Test
    void vortexCountsTheSharerAnsweringIrqNoneAndTheFifoOverruns() {
        String s = PhaseStory.explain(vortex(1, 1));
        assertThat(s).contains("eth2: 1,128 of 2,977 frames delivered in 2 interrupts on IRQ 18 (564.0 per interrupt)")
                .contains("the line is shared with eth3, whose handler answered IRQ_NONE 2 times")
                .contains("1,849 frames overran the card's receive FIFO (rx_fifo_errors)");
    }

    @Test
    void tulipSaysMitigationStayedOffOnlyWhenNoPollSwitchedItOn() {
        String off = PhaseStory.explain(tulip(0, 0, 0, 0));
        assertThat(off).contains("mitigation stayed off: no poll took more than one frame").doesNotContain("turned on");

        String switched = PhaseStory.explain(tulip(156, 155, 1, 1));
        assertThat(switched).contains("mitigation turned on 156 times").contains("off 155 times")
                .contains("mitigation_on=1 now").doesNotContain("stayed");

        String stayedOn = PhaseStory.explain(tulip(0, 0, 1, 0));
        assertThat(stayedOn).contains("mitigation stayed on").doesNotContain("turned on");
    }

    @Test
    void timeSqueezeIsMentionedOnlyWhenItMoved() {
        assertThat(PhaseStory.explain(phase("eth9", "other", Map.of(), Map.of("16: eth9", 10L), Map.of(), 10, 10, Map.of(), 3)))
                .contains("net_rx_action ended 3 run(s) with work left");
        assertThat(PhaseStory.explain(phase("eth9", "other", Map.of(), Map.of("16: eth9", 10L), Map.of(), 10, 10, Map.of(), 0)))
                .doesNotContain("time_squeeze");
    }

    // ---- phases built by hand ---------------------------------------------------------------------------------

    private static Phase e1000e(Map<String, Long> irqs, long offered, long delivered, Map<String, Long> drops) {
        return phase("eth0", "e1000e", Map.of("InterruptThrottleRate", "3"), irqs, Map.of(), offered, delivered, drops, 0);
    }

    private static Phase vortex(long trips, long restored) {
        Map<String, Map<String, Long>> stats = new LinkedHashMap<>();
        stats.put("eth2", Map.of("max_interrupt_work_trips", trips, "deferred_restored", restored, "interrupts", 2L));
        stats.put("eth3", Map.of("interrupts_not_ours", 2L));
        return phase("eth2", "3c59x", Map.of("max_interrupt_work", "32"), Map.of("18: eth2, eth3", 2L), stats, 2977, 1128,
                Map.of("rx_fifo_errors", 1849L), 0);
    }

    private static Phase tulip(long on, long off, long mitigationOnNow, long mitigationOnDelta) {
        Map<String, Long> delta = Map.of("polls", 468L, "mitigation_switched_on", on, "mitigation_switched_off", off,
                "mitigation_on", mitigationOnDelta);
        Phase p = phase("eth4", "tulip", Map.of("max_interrupt_work", "25"), Map.of("16: eth4", 312L), Map.of("eth4", delta),
                2977, 2977, Map.of(), 0);
        // the reading at the phase's end carries the state mitigation_on
        Counters now = counters(Map.of("16: eth4", 1000L), Map.of("eth4", Map.of("mitigation_on", mitigationOnNow)), 0);
        return new Phase(p.ifname(), p.driver(), p.params(), p.fps(), p.durationNanos(), p.offered(), p.before(), p.after(),
                p.delta(), now);
    }

    private static Phase phase(String ifname, String driver, Map<String, String> params, Map<String, Long> irqs,
                               Map<String, Map<String, Long>> stats, long offered, long delivered, Map<String, Long> drops,
                               long timeSqueeze) {
        Conservation before = new Conservation(ifname, 0, 0, Map.of(), 0);
        Conservation after = new Conservation(ifname, offered, delivered, drops, 0);
        Counters delta = counters(irqs, stats, timeSqueeze);
        return new Phase(ifname, driver, params, 100_000, TWENTY_MS, offered, before, after, delta, delta);
    }

    private static Counters counters(Map<String, Long> irqs, Map<String, Map<String, Long>> stats, long timeSqueeze) {
        Map<String, long[]> irqRows = new LinkedHashMap<>();
        irqs.forEach((label, n) -> irqRows.put(label, new long[] {n}));
        Map<String, CounterTable> ethtool = new LinkedHashMap<>();
        stats.forEach((dev, values) -> {
            Map<String, long[]> rows = new LinkedHashMap<>();
            values.forEach((name, v) -> rows.put(name, new long[] {v}));
            ethtool.put(dev, new CounterTable("ethtool -S " + dev, List.of("value"), rows));
        });
        return new Counters(new CounterTable("cat /proc/interrupts", List.of("CPU0"), irqRows),
                new CounterTable("cat /proc/softirqs", List.of("CPU0"), Map.of()),
                new CounterTable("cat /proc/net/softnet_stat", Counters.SOFTNET_COLUMNS,
                        Map.of("CPU0", new long[] {0, 0, timeSqueeze})), ethtool);
    }
}
