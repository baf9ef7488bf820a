package io.jnetdev.cli.demo;

import io.jnetdev.runtime.net.Conservation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one traffic phase of the demo measured on one interface: the load offered, the
 * interface's accounting before and after, and every counter that moved.
 *
 * @param ifname        the interface the frames were offered to
 * @param driver        its driver ({@code e1000e}, {@code 3c59x}, {@code tulip})
 * @param params        the driver module's parameter values (e.g. {@code max_interrupt_work})
 * @param fps           the offered rate, frames per second
 * @param durationNanos how long the generator offered frames, virtual
 * @param offered       frames the wire offered during the phase
 * @param before        the interface's accounting when the phase began
 * @param after         its accounting when the phase ended
 * @param delta         the counters that moved during the phase, as increments
 * @param now           every counter at the phase's end (for states such as {@code mitigation_on})
 */
public record Phase(String ifname, String driver, Map<String, String> params, long fps, long durationNanos, long offered,
                    Conservation before, Conservation after, Counters delta, Counters now) {

    public Phase {
        params = Map.copyOf(params);
    }

    /** Frames handed to a protocol handler during the phase. */
    public long delivered() {
        return after.delivered() - before.delivered();
    }

    /** Each drop counter that moved during the phase, with its increment, by name. */
    public Map<String, Long> drops() {
        Map<String, Long> moved = new TreeMap<>();
        after.drops().forEach((name, value) -> {
            long inc = value - before.drops().getOrDefault(name, 0L);
            if (inc != 0) {
                moved.put(name, inc);
            }
        });
        return new LinkedHashMap<>(moved);
    }

    /** Frames counted in a drop counter during the phase. */
    public long dropped() {
        return drops().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The phase's own conservation: offered = delivered + dropped, with nothing left in flight. */
    public boolean conserved() {
        return offered == delivered() + dropped() && after.inFlight() == 0;
    }

    /** The generator's duration in seconds. */
    public double seconds() {
        return durationNanos / 1e9;
    }
}
