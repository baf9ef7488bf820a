package io.jnetdev.runtime.fault;

import io.jnetdev.api.Errno;
import io.jnetdev.api.driver.ProbeResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Faults to inject into the driver core and PCI core, in the style of netdevsim's debugfs knobs:
 * failed MSI-X or MSI allocation, failed {@code request_irq}, a probe made to fail or defer.
 * Each fault is armed for a number of occurrences (or forever with {@link #FOREVER}).
 *
 * <p>Bound in the runtime's Guice module; a test can arm it or replace it.
 */
public class FaultInjector {
    /** Arm a fault for every occurrence. */
    public static final int FOREVER = Integer.MAX_VALUE;

    private int failMsix;
    private int failMsi;
    private int failRequestIrq;
    private final Map<String, ProbeFault> probeFaults = new HashMap<>();

    private record ProbeFault(ProbeResult result, int[] remaining) {}

    /** The next {@code times} MSI-X allocations fail as if the platform had no vectors. */
    public FaultInjector failMsixAllocation(int times) {
        failMsix = times;
        return this;
    }

    /** The next {@code times} MSI allocations fail. */
    public FaultInjector failMsiAllocation(int times) {
        failMsi = times;
        return this;
    }

    /** The next {@code times} {@code request_irq} calls fail with {@code EBUSY}. */
    public FaultInjector failRequestIrq(int times) {
        failRequestIrq = times;
        return this;
    }

    /** The next {@code times} probes by {@code driver} fail with {@code errno} before the driver runs. */
    public FaultInjector failProbe(String driver, Errno errno, int times) {
        probeFaults.put(driver, new ProbeFault(errno == Errno.EPROBE_DEFER
                ? ProbeResult.defer("injected deferral")
                : ProbeResult.fail(errno, "injected probe failure"), new int[] {times}));
        return this;
    }

    /** The next {@code times} probes by {@code driver} defer. */
    public FaultInjector deferProbe(String driver, int times) {
        return failProbe(driver, Errno.EPROBE_DEFER, times);
    }

    /** Clears every armed fault. */
    public void reset() {
        failMsix = 0;
        failMsi = 0;
        failRequestIrq = 0;
        probeFaults.clear();
    }

    public boolean shouldFailMsix() {
        return take(failMsix, v -> failMsix = v);
    }

    public boolean shouldFailMsi() {
        return take(failMsi, v -> failMsi = v);
    }

    public boolean shouldFailRequestIrq() {
        return take(failRequestIrq, v -> failRequestIrq = v);
    }

    /** An injected result for this probe, if one is armed for the driver. */
    public Optional<ProbeResult> probeFault(String driver) {
        ProbeFault f = probeFaults.get(driver);
        if (f == null || f.remaining()[0] <= 0) {
            return Optional.empty();
        }
        if (f.remaining()[0] != FOREVER) {
            f.remaining()[0]--;
        }
        return Optional.of(f.result());
    }

    private static boolean take(int remaining, java.util.function.IntConsumer store) {
        if (remaining <= 0) {
            return false;
        }
        if (remaining != FOREVER) {
            store.accept(remaining - 1);
        }
        return true;
    }
}
