package io.jnetdev.runtime.fault;

import io.jnetdev.api.Errno;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.runtime.mem.IommuView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Faults to inject into the driver core and PCI core, in the style of netdevsim's debugfs knobs:
 * failed MSI-X or MSI allocation, failed {@code request_irq}, a probe made to fail or defer, failed
 * DMA and skb allocations, an event arriving during a NAPI poll (MISSED), and a device's DMA
 * stalled until resumed. Each counted fault is armed for a number of occurrences (or forever with
 * {@link #FOREVER}).
 *
 * <p>Bound in the runtime's Guice module; a test can arm it or replace it.
 */
public class FaultInjector {
    /** Arm a fault for every occurrence. */
    public static final int FOREVER = Integer.MAX_VALUE;

    private final Armed failMsix = new Armed();
    private final Armed failMsi = new Armed();
    private final Armed failRequestIrq = new Armed();
    private final Armed failDmaAlloc = new Armed();
    private int dmaAllocsBeforeFailure;
    private final Armed failSkbAlloc = new Armed();
    private final Armed missedDuringPoll = new Armed();
    private final Map<String, ProbeFault> probeFaults = new HashMap<>();
    private final List<IommuView> stalled = new ArrayList<>();

    private record ProbeFault(ProbeResult result, Armed armed) {}

    /** The next {@code times} MSI-X allocations fail as if the platform had no vectors. */
    public FaultInjector failMsixAllocation(int times) {
        failMsix.remaining = times;
        return this;
    }

    /** The next {@code times} MSI allocations fail. */
    public FaultInjector failMsiAllocation(int times) {
        failMsi.remaining = times;
        return this;
    }

    /** The next {@code times} {@code request_irq} calls fail with {@code EBUSY}. */
    public FaultInjector failRequestIrq(int times) {
        failRequestIrq.remaining = times;
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
        failDmaAlloc.remaining = times;
        dmaAllocsBeforeFailure = after;
        return this;
    }

    /** The next {@code times} skb allocations by drivers ({@code netdev_alloc_skb}) return null. */
    public FaultInjector failSkbAllocation(int times) {
        failSkbAlloc.remaining = times;
        return this;
    }

    /**
     * In the next {@code times} NAPI polls with a nonzero budget an event arrives while the poll
     * runs: the instance gets NAPIF_STATE_MISSED, as when an interrupt's {@code napi_schedule_prep}
     * finds it scheduled, so {@code napi_complete_done} returns false and the core polls once more (R16).
     */
    public FaultInjector missedDuringPoll(int times) {
        missedDuringPoll.remaining = times;
        return this;
    }

    /** The next {@code times} probes by {@code driver} fail with {@code errno} before the driver runs. */
    public FaultInjector failProbe(String driver, Errno errno, int times) {
        probeFaults.put(driver, new ProbeFault(errno == Errno.EPROBE_DEFER
                ? ProbeResult.defer("injected deferral")
                : ProbeResult.fail(errno, "injected probe failure"), new Armed(times)));
        return this;
    }

    /** The next {@code times} probes by {@code driver} defer. */
    public FaultInjector deferProbe(String driver, int times) {
        return failProbe(driver, Errno.EPROBE_DEFER, times);
    }

    /**
     * Stalls a device's DMA: its IOMMU view refuses every access and the model sees bus mastering
     * off, as when the card cannot get the bus, while its config space — which the driver could
     * read or restore — is left alone. The card's engines stop where they are (a transmitter fills
     * its ring and stays stuck: what the TX watchdog is for) until {@link #resumeDma}.
     */
    public FaultInjector stallDma(IommuView device) {
        device.stall();
        if (!stalled.contains(device)) {
            stalled.add(device);
        }
        return this;
    }

    /** Ends a {@link #stallDma} stall: the device may master the bus again, and its model is told so. */
    public FaultInjector resumeDma(IommuView device) {
        stalled.remove(device);
        device.resume();
        return this;
    }

    /** Clears every armed fault; stalled devices get their DMA back. */
    public void reset() {
        for (IommuView v : List.copyOf(stalled)) {
            resumeDma(v);
        }
        failMsix.remaining = 0;
        failMsi.remaining = 0;
        failRequestIrq.remaining = 0;
        failDmaAlloc.remaining = 0;
        dmaAllocsBeforeFailure = 0;
        failSkbAlloc.remaining = 0;
        missedDuringPoll.remaining = 0;
        probeFaults.clear();
    }

    public boolean shouldFailMsix() {
        return failMsix.take();
    }

    public boolean shouldFailMsi() {
        return failMsi.take();
    }

    public boolean shouldFailRequestIrq() {
        return failRequestIrq.take();
    }

    public boolean shouldFailDmaAllocation() {
        if (failDmaAlloc.remaining > 0 && dmaAllocsBeforeFailure > 0) {
            dmaAllocsBeforeFailure--;
            return false;
        }
        return failDmaAlloc.take();
    }

    public boolean shouldFailSkbAllocation() {
        return failSkbAlloc.take();
    }

    public boolean shouldMarkMissed() {
        return missedDuringPoll.take();
    }

    /** An injected result for this probe, if one is armed for the driver. */
    public Optional<ProbeResult> probeFault(String driver) {
        ProbeFault f = probeFaults.get(driver);
        return f != null && f.armed().take() ? Optional.of(f.result()) : Optional.empty();
    }

    /**
     * One armed fault: how many more occurrences fail ({@link #FOREVER}: all). Asked on hot paths
     * (every skb allocation, every poll), so the common "not armed" answer is one field read.
     */
    private static final class Armed {
        int remaining;

        Armed() {
        }

        Armed(int times) {
            this.remaining = times;
        }

        boolean take() {
            if (remaining <= 0) {
                return false;
            }
            if (remaining != FOREVER) {
                remaining--;
            }
            return true;
        }
    }
}
