package io.jnetdev.runtime.fault;

import io.jnetdev.api.Errno;
import io.jnetdev.api.driver.ProbeResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Faults to inject into the driver core and PCI core, in the style of netdevsim's debugfs knobs:
 * failed MSI-X or MSI allocation, failed {@code request_irq}, a probe made to fail or defer, failed
 * DMA and skb allocations, and an event arriving during a NAPI poll (MISSED). Each fault is armed
 * for a number of occurrences (or forever with {@link #FOREVER}).
 *
 * <p>Bound in the runtime's Guice module; a test can arm it or replace it.
 */
public class FaultInjector {
    /** Arm a fault for every occurrence. */
    public static final int FOREVER = Integer.MAX_VALUE;

    private int failMsix;
    private int failMsi;
    private int failRequestIrq;
    private int failDmaAlloc;
    private int dmaAllocsBeforeFailure;
    private int failSkbAlloc;
    private int missedDuringPoll;
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

    /**
     * The next {@code times} DMA allocations of any device ({@code dma_alloc_coherent},
     * {@code dmam_alloc_coherent}, {@code dma_map_single}) fail with {@code ENOMEM}, as under
     * memory pressure or an exhausted IOMMU.
     */
    public FaultInjector failDmaAllocation(int times) {
        return failDmaAllocation(times, 0);
    }

    /**
     * As {@link #failDmaAllocation(int)}, after letting {@code after} allocations succeed first: a
     * driver's unwinding of each step of its allocation sequence can be reached in turn.
     */
    public FaultInjector failDmaAllocation(int times, int after) {
        failDmaAlloc = times;
        dmaAllocsBeforeFailure = after;
        return this;
    }

    /** The next {@code times} skb allocations by drivers ({@code netdev_alloc_skb}) return null. */
    public FaultInjector failSkbAllocation(int times) {
        failSkbAlloc = times;
        return this;
    }

    /**
     * In the next {@code times} NAPI polls with a nonzero budget an event arrives while the poll
     * runs: the instance gets NAPIF_STATE_MISSED, as when an interrupt's {@code napi_schedule_prep}
     * finds it scheduled, so {@code napi_complete_done} returns false and the core polls once more (R16).
     */
    public FaultInjector missedDuringPoll(int times) {
        missedDuringPoll = times;
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
        failDmaAlloc = 0;
        dmaAllocsBeforeFailure = 0;
        failSkbAlloc = 0;
        missedDuringPoll = 0;
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

    public boolean shouldFailDmaAllocation() {
        if (failDmaAlloc > 0 && dmaAllocsBeforeFailure > 0) {
            dmaAllocsBeforeFailure--;
            return false;
        }
        return take(failDmaAlloc, v -> failDmaAlloc = v);
    }

    public boolean shouldFailSkbAllocation() {
        return take(failSkbAlloc, v -> failSkbAlloc = v);
    }

    public boolean shouldMarkMissed() {
        return take(missedDuringPoll, v -> missedDuringPoll = v);
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
