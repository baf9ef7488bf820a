package io.jnetdev.drivers.e1000e;

import static io.jnetdev.drivers.e1000e.E1000eMachines.MS;
import static io.jnetdev.drivers.e1000e.E1000eMachines.adapter;
import static io.jnetdev.drivers.e1000e.E1000eMachines.boot;
import static io.jnetdev.drivers.e1000e.E1000eMachines.dev;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interrupt throttling under a generator at 1 Gb/s line rate of minimum-size frames: the
 * interrupt rate stays within what ITR/EITR allows while every frame is delivered or counted;
 * with throttling off the interrupt count rises with the offered load.
 */
class E1000eItrTest {
    private static final long LINE_RATE_60B = 1_488_095;
    private static final long WINDOW = 20 * MS;

    /** Interrupts the adapter took while {@code fps} frames per second arrived for {@link #WINDOW}; checks conservation. */
    private static long interruptsUnder(Machine m, long fps, long seed, long[] offeredSoFar) throws ErrnoException {
        NetDeviceImpl dev = dev(m, "eth0");
        E1000eAdapter a = adapter(m, "eth0");
        long before = a.interrupts();
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), fps, 60, WINDOW);
        m.run(WINDOW);
        long during = a.interrupts() - before;
        m.run(10 * MS); // let the last frames drain
        offeredSoFar[0] += g.offered();
        Conservation c = m.net().conservation(dev, offeredSoFar[0]);
        assertThat(c.holds()).as("seed %d at %d fps: %s", seed, fps, c).isTrue();
        assertThat(c.delivered()).as("seed %d at %d fps: %s", seed, fps, c).isPositive();
        return during;
    }

    private static Machine up(long seed, Map<String, String> params) throws ErrnoException {
        Machine m = boot(seed, params);
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.net().devOpen(dev(m, "eth0"));
        m.run(10 * MS);
        return m;
    }

    /**
     * At line rate NAPI mostly stays in polling mode (few interrupts whatever ITR says); at 100k fps
     * the poll finishes between frames and, unthrottled, there would be an interrupt per frame or
     * two: there ITR is what keeps the rate down.
     */
    @ParameterizedTest(name = "IntMode={0}, InterruptThrottleRate={1}: at most {2}/s")
    @CsvSource({"2, 3, 20000", "0, 3, 20000", "2, 8000, 8000", "1, 8000, 8000", "0, 4000, 4000"})
    void atLineRateAndAtModerateLoadTheInterruptRateStaysWithinTheItrBound(int intMode, int itrParam, long maxPerSecond)
            throws ErrnoException {
        long seed = 500 + intMode * 10 + itrParam;
        Machine m = up(seed, Map.of("IntMode", Integer.toString(intMode), "InterruptThrottleRate", Integer.toString(itrParam)));
        long bound = maxPerSecond * WINDOW / 1_000_000_000L;
        long[] offered = {0};
        for (long fps : new long[] {LINE_RATE_60B, 100_000}) {
            long interrupts = interruptsUnder(m, fps, seed, offered);
            // +2: the interrupt that opens the window and the watchdog's software interrupt
            assertThat(interrupts).as("seed %d at %d fps: %d interrupts in 20 ms, bound %d", seed, fps, interrupts, bound)
                    .isPositive()
                    .isLessThanOrEqualTo(bound + 2);
        }
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void withThrottlingOffTheInterruptCountRisesWithLoad() throws ErrnoException {
        long seed = 600;
        Machine m = up(seed, Map.of("InterruptThrottleRate", "0"));
        long[] rates = {5_000, 20_000, 80_000};
        long[] counts = new long[rates.length];
        long[] offered = {0};
        for (int i = 0; i < rates.length; i++) {
            counts[i] = interruptsUnder(m, rates[i], seed, offered);
        }
        for (int i = 1; i < rates.length; i++) {
            assertThat(counts[i]).as("seed %d: interrupts at %d fps (%d) vs %d fps (%d)", seed, rates[i], counts[i],
                    rates[i - 1], counts[i - 1]).isGreaterThan(counts[i - 1]);
        }
        // and above what ITR=20000 would allow at the highest load
        assertThat(counts[rates.length - 1]).as("seed %d: unthrottled at 80k fps", seed).isGreaterThan(20_000 * WINDOW / 1_000_000_000L);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
