package io.jnetdev.cli.livelock;

import io.jnetdev.runtime.net.Conservation;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measured point: a configuration at one offered rate, over the measurement window that
 * follows the warm-up. Rates are per second of virtual time; CPU fractions are of all CPUs'
 * time in the window ({@code idle = 1 - the rest}).
 *
 * @param config        the configuration's label
 * @param targetFps     the rate the generator was asked for
 * @param offeredFps    frames the wire offered in the window, per second
 * @param deliveredFps  frames handed to the protocol in the window, per second
 * @param irqsPerSec    interrupts on the card's lines in the window, per second (as {@code /proc/interrupts} counts)
 * @param hardirq       fraction of CPU time in hard-IRQ handlers
 * @param softirq       in softirqs run at interrupt exit
 * @param ksoftirqd     in softirqs run by ksoftirqd
 * @param task          in process context
 * @param idle          the rest
 * @param dropsPerSec   frames dropped per second of load (warm-up and window), by counter ({@code ip -s link} /
 *                      conservation names), from the whole run's conservation
 * @param conservation  the whole run's conservation after the machine drained
 */
public record LivelockPoint(String config, long targetFps, double offeredFps, double deliveredFps, double irqsPerSec,
                            double hardirq, double softirq, double ksoftirqd, double task, double idle,
                            Map<String, Double> dropsPerSec, Conservation conservation) {
    public LivelockPoint {
        dropsPerSec = new TreeMap<>(dropsPerSec);
    }
}
