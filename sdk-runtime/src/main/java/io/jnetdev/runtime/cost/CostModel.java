package io.jnetdev.runtime.cost;

/**
 * What each operation costs the CPU that performs it, in nanoseconds of virtual time. The runtime
 * charges these as drivers and the kernel work; offered load, CPU saturation, receive livelock
 * and the effect of interrupt coalescing come out of these numbers and nothing else.
 *
 * <p>Bound in the runtime's Guice module; replace it to model another machine, or with
 * {@link #FREE} where a test is about logic, not time.
 */
public interface CostModel {

    /** An uncached read of a memory-mapped device register: a round trip over PCIe. */
    long mmioRead();

    /** A posted write of a memory-mapped register: the CPU does not wait for completion. */
    long mmioWrite();

    /** An {@code in}/{@code out} instruction to an I/O-port BAR: not posted, slow on every bus. */
    long portIo();

    /** A configuration-space access (through the host bridge). */
    long configAccess();

    /** Taking a hard interrupt: vector entry, register save, {@code irq_enter}, flow handler. */
    long irqEntry();

    /** Leaving it: EOI, {@code irq_exit} bookkeeping, register restore. */
    long irqExit();

    /** One pass of {@code __do_softirq}: entering softirq context and scanning the pending mask. */
    long softirqEntry();

    /** Calling one NAPI poll from {@code net_rx_action}: list handling and the indirect call. */
    long napiPoll();

    /** Allocating an skb from the per-CPU cache. */
    long skbAlloc();

    /** Freeing an skb to the cache. */
    long skbFree();

    /** Picoseconds per byte copied by the CPU (cache-warm memcpy). */
    long copyPicosPerByte();

    /** {@code netif_receive_skb}: taps, type lookup and the protocol's work for one frame (IP input). */
    long protocolPerPacket();

    /** Queueing one frame on the backlog ({@code enqueue_to_backlog}) with interrupts off. */
    long backlogEnqueue();

    /** {@code kmalloc} and other small allocations. */
    long smallAlloc();

    /** A machine where nothing costs time: for tests of logic only. */
    CostModel FREE = new CostModel() {
        @Override public long mmioRead() { return 0; }
        @Override public long mmioWrite() { return 0; }
        @Override public long portIo() { return 0; }
        @Override public long configAccess() { return 0; }
        @Override public long irqEntry() { return 0; }
        @Override public long irqExit() { return 0; }
        @Override public long softirqEntry() { return 0; }
        @Override public long napiPoll() { return 0; }
        @Override public long skbAlloc() { return 0; }
        @Override public long skbFree() { return 0; }
        @Override public long copyPicosPerByte() { return 0; }
        @Override public long protocolPerPacket() { return 0; }
        @Override public long backlogEnqueue() { return 0; }
        @Override public long smallAlloc() { return 0; }
    };
}
