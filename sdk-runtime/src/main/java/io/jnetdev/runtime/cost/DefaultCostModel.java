package io.jnetdev.runtime.cost;

/**
 * Costs of a plain x86 server of the e1000e era (a ~3 GHz core, PCIe gen 2), chosen so that the
 * published behaviours come out at the published orders of magnitude. Each number says why.
 * Extend it to change a few costs and keep the rest.
 */
public class DefaultCostModel implements CostModel {

    /** ~0.7 µs: an uncached PCIe read is a full round trip to the device; measured figures for
     *  e1000-class NICs are 0.5–1 µs, which is why drivers avoid reading registers per packet. */
    @Override
    public long mmioRead() {
        return 700;
    }

    /** ~50 ns: posted writes leave through the write-combining path; the CPU moves on at once. */
    @Override
    public long mmioWrite() {
        return 50;
    }

    /** ~1 µs: port I/O is never posted and goes through the legacy I/O path; 3c59x-era drivers
     *  pay it for every FIFO word. */
    @Override
    public long portIo() {
        return 1000;
    }

    /** ~1 µs: a config cycle through the ECAM window, non-posted. Rare, outside hot paths. */
    @Override
    public long configAccess() {
        return 1000;
    }

    /** ~1 µs: interrupt delivery, entry stub, register save, irq_enter and the flow handler's locking
     *  cost a few thousand cycles; this is the per-interrupt price Mogul & Ramakrishnan's livelock
     *  analysis turns on. */
    @Override
    public long irqEntry() {
        return 1000;
    }

    /** ~0.5 µs: EOI to the APIC, irq_exit and the return. */
    @Override
    public long irqExit() {
        return 500;
    }

    /** ~0.2 µs: one pass over the pending mask with bottom halves counted. */
    @Override
    public long softirqEntry() {
        return 200;
    }

    /** ~0.1 µs: per-poll overhead in net_rx_action (list manipulation, indirect call). */
    @Override
    public long napiPoll() {
        return 100;
    }

    /** ~0.1 µs: a per-CPU cache allocation with the skb head initialised. */
    @Override
    public long skbAlloc() {
        return 100;
    }

    /** ~0.05 µs: back to the per-CPU cache. */
    @Override
    public long skbFree() {
        return 50;
    }

    /** 100 ps/byte = 10 GB/s, a warm-cache memcpy on one core. */
    @Override
    public long copyPicosPerByte() {
        return 100;
    }

    /** ~1 µs: IP input, routing decision and socket delivery for one small packet. With 64-byte
     *  frames at gigabit line rate (1.488 Mpps, 672 ns apart) one CPU cannot keep up — the regime
     *  in which interrupt-per-frame designs livelock and NAPI holds its peak. */
    @Override
    public long protocolPerPacket() {
        return 1000;
    }

    /** ~0.1 µs: queue append with local interrupts off. */
    @Override
    public long backlogEnqueue() {
        return 100;
    }

    /** ~0.1 µs: a slab allocation. */
    @Override
    public long smallAlloc() {
        return 100;
    }
}
