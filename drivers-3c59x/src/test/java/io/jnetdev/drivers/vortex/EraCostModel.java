package io.jnetdev.drivers.vortex;

import io.jnetdev.runtime.cost.DefaultCostModel;

/**
 * The costs of a PC of the 3c905's own time: the CPU-bound operations (interrupt entry and exit,
 * softirq and poll overhead, skb allocation and freeing, copies, protocol work, queueing) take
 * {@code factor} times what they take on the default ~3 GHz core — a late-1990s Pentium is one to
 * two orders of magnitude slower — while the bus costs (port I/O, register reads and writes,
 * config cycles) stay: PCI at 33 MHz has not changed much since. On such a machine a 100 Mb/s
 * flood of small frames is more than the receive interrupt can take, which is where
 * {@code max_interrupt_work} comes in; on the default machine the 3c905C keeps up with it.
 */
class EraCostModel extends DefaultCostModel {
    private final long factor;

    EraCostModel(long factor) {
        this.factor = factor;
    }

    @Override public long irqEntry() { return factor * super.irqEntry(); }
    @Override public long irqExit() { return factor * super.irqExit(); }
    @Override public long softirqEntry() { return factor * super.softirqEntry(); }
    @Override public long napiPoll() { return factor * super.napiPoll(); }
    @Override public long skbAlloc() { return factor * super.skbAlloc(); }
    @Override public long skbFree() { return factor * super.skbFree(); }
    @Override public long copyPicosPerByte() { return factor * super.copyPicosPerByte(); }
    @Override public long protocolPerPacket() { return factor * super.protocolPerPacket(); }
    @Override public long backlogEnqueue() { return factor * super.backlogEnqueue(); }
    @Override public long smallAlloc() { return factor * super.smallAlloc(); }
}
