package io.jnetdev.runtime.net;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.mem.PhysicalMemory;

/**
 * One CPU's skb cache: slots of {@value #SLOT} bytes in blocks of physical memory, grown a block
 * at a time and never shrunk, so that the steady-state receive and transmit paths allocate no
 * Java objects. Freed skbs return to the pool they came from.
 */
final class SkbPool {
    /** Bytes per skb slot: headroom, a 1518-byte frame, and room to spare. */
    static final int SLOT = 2048;
    /** Skbs added per growth step. */
    static final int GROW = 512;

    private final int cpu;
    private final PhysicalMemory memory;
    private final Violations violations;
    private final int max;
    /** Charges the copies into and out of this pool's skbs: {@link NetCore#chargeCopy}, called directly (per frame). */
    private final NetCore core;
    private SkbImpl free;
    private int total;
    private int inUse;

    SkbPool(int cpu, PhysicalMemory memory, Violations violations, int max, NetCore core) {
        this.core = core;
        this.cpu = cpu;
        this.memory = memory;
        this.violations = violations;
        this.max = max;
    }

    /** An empty skb owned by {@code owner}, or null when the pool is exhausted. */
    SkbImpl alloc(NetDeviceImpl owner, int headroom) {
        if (free == null && !grow()) {
            return null;
        }
        SkbImpl skb = free;
        free = skb.nextFree;
        skb.nextFree = null;
        skb.init(owner, headroom);
        inUse++;
        if (owner != null) {
            owner.liveSkbs++;
        }
        return skb;
    }

    private boolean grow() {
        if (total >= max) {
            return false;
        }
        int n = Math.min(GROW, max - total);
        PhysicalMemory.Block block;
        try {
            block = memory.allocate((long) n * SLOT, Long.MAX_VALUE, "skb pool cpu" + cpu);
        } catch (ErrnoException e) {
            return false;
        }
        for (int i = n - 1; i >= 0; i--) {
            SkbImpl s = new SkbImpl(this, block, (long) i * SLOT, SLOT);
            s.nextFree = free;
            free = s;
        }
        total += n;
        return true;
    }

    /** Returns an skb; a second free of the same skb is reported and ignored. */
    void free(SkbImpl skb, String how) {
        if (!skb.live) {
            violations.warn("SKB", skb.owner() == null ? null : skb.owner().name(), skb.owner() == null ? null : skb.owner().driverName(),
                    "skb freed twice (" + how + ")");
            return;
        }
        skb.live = false;
        if (skb.owner() != null) {
            skb.owner().liveSkbs--;
        }
        skb.nextFree = free;
        free = skb;
        inUse--;
    }

    void useAfterFree(SkbImpl skb, String op) {
        violations.warn("SKB", skb.owner() == null ? null : skb.owner().name(), skb.owner() == null ? null : skb.owner().driverName(),
                "skb used after free (" + op + ")");
        throw new IllegalStateException("skb used after free (" + op + ")");
    }

    /** Charges the CPU for copying {@code bytes} into or out of an skb. */
    void chargeCopy(long bytes) {
        core.chargeCopy(bytes);
    }

    int inUse() {
        return inUse;
    }

    int total() {
        return total;
    }
}
