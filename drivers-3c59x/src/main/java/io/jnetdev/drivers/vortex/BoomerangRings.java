package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.api.pci.PciDev;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The bus-master descriptor lists of one card: {@value VortexRegs#RX_RING_SIZE} upload
 * descriptors (UPDs) followed by {@value VortexRegs#TX_RING_SIZE} download descriptors (DPDs),
 * 16 bytes each (next, status, one fragment), in one block of coherent memory allocated at probe
 * as {@code vortex_probe1} does ({@code vp->rx_ring}, {@code vp->tx_ring}); managed, so that
 * the core frees it after remove.
 */
final class BoomerangRings {
    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long TX_BASE = (long) RX_RING_SIZE * DESC_SIZE;

    final DmaBuffer mem;
    final MemorySegment desc;

    private BoomerangRings(DmaBuffer mem) {
        this.mem = mem;
        this.desc = mem.segment();
        desc.fill((byte) 0);
    }

    static BoomerangRings allocate(PciDev pdev) throws ErrnoException {
        return new BoomerangRings(pdev.dmamAllocCoherent((long) (RX_RING_SIZE + TX_RING_SIZE) * DESC_SIZE));
    }

    long rxOffset(int entry) {
        return (long) entry * DESC_SIZE;
    }

    long txOffset(int entry) {
        return TX_BASE + (long) entry * DESC_SIZE;
    }

    /** Bus address of UPD {@code entry} ({@code vp->rx_ring_dma + entry * 16}). */
    int rxDma(int entry) {
        return (int) (mem.dmaAddress() + rxOffset(entry));
    }

    /** Bus address of DPD {@code entry}. */
    int txDma(int entry) {
        return (int) (mem.dmaAddress() + txOffset(entry));
    }

    int get(long offset) {
        return desc.get(LE_INT, offset);
    }

    void set(long offset, int value) {
        desc.set(LE_INT, offset, value);
    }
}
