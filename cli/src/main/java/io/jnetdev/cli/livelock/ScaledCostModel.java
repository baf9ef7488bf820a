package io.jnetdev.cli.livelock;

import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.cost.DefaultCostModel;

/**
 * The default machine with a CPU {@code scale} times slower: every cost the processor pays by
 * executing (interrupt entry and exit, softirq and poll overhead, skb allocation and freeing,
 * copies, protocol work, queueing, small allocations) is multiplied; the bus costs (register reads
 * and writes, port I/O, config cycles) stay, as a slower CPU does not make PCI faster or slower.
 * Scale 1 is the default cost model. The same idea as the 3c59x tests' machine of the card's era.
 */
public final class ScaledCostModel extends DefaultCostModel {
    private final long scale;

    /** {@code scale} ≥ 1. */
    public ScaledCostModel(long scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("cost scale must be at least 1, not " + scale);
        }
        this.scale = scale;
    }

    public long scale() {
        return scale;
    }

    @Override public long irqEntry() { return scale * super.irqEntry(); }
    @Override public long irqExit() { return scale * super.irqExit(); }
    @Override public long softirqEntry() { return scale * super.softirqEntry(); }
    @Override public long napiPoll() { return scale * super.napiPoll(); }
    @Override public long skbAlloc() { return scale * super.skbAlloc(); }
    @Override public long skbFree() { return scale * super.skbFree(); }
    @Override public long copyPicosPerByte() { return scale * super.copyPicosPerByte(); }
    @Override public long protocolPerPacket() { return scale * super.protocolPerPacket(); }
    @Override public long backlogEnqueue() { return scale * super.backlogEnqueue(); }
    @Override public long smallAlloc() { return scale * super.smallAlloc(); }

    /** How the CSV and the chart name it. */
    @Override
    public String toString() {
        return scale == 1 ? "default cost model" : "default cost model with CPU costs x" + scale;
    }
}
