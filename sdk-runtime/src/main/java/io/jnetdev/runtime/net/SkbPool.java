package io.jnetdev.runtime.net;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.mem.PhysicalMemory;

/**
 * One CPU's skb cache: slots of {@value #SLOT} bytes in blocks of physical memory, grown a block
 * at a time and never shrunk, so that the steady-state receive and transmit paths allocate no
 * Java objects. Freed skbs return to the pool they came from.
 *
 * <p>The free skbs are a stack of indices into {@link #skbs}, not a list linked through the skbs:
 * taking and returning one then writes only {@code int}s, where a linked list writes two object
 * references each way, and every reference written costs the GC's write barrier (under G1, the
 * JVM's default, these writes cost the e1000e receive path about 75 instructions a frame, counted
 * with callgrind). Last freed, first reused, as the list was.
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
    /** Every skb this pool made, by {@link SkbImpl#index}. */
    private SkbImpl[] skbs = new SkbImpl[0];
    /** Indices of the free skbs; the top ({@code freeCount - 1}) is the next one handed out. */
    private int[] freeStack = new int[0];
    private int freeCount;
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
        if (freeCount == 0 && !grow()) {
            return null;
        }
        SkbImpl skb = skbs[freeStack[--freeCount]];
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
        skbs = java.util.Arrays.copyOf(skbs, total + n);
        freeStack = java.util.Arrays.copyOf(freeStack, total + n);
        for (int i = n - 1; i >= 0; i--) { // the block's first slot on top, handed out first
            SkbImpl s = new SkbImpl(this, total + i, block, (long) i * SLOT, SLOT);
            skbs[total + i] = s;
            freeStack[freeCount++] = total + i;
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
        freeStack[freeCount++] = skb.index;
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
