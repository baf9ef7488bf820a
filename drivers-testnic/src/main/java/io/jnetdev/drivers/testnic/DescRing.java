package io.jnetdev.drivers.testnic;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.api.pci.PciDev;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * One descriptor ring with its packet buffers, both in coherent DMA memory (like 8139too's and
 * e1000's copybreak paths, frames are copied between these buffers and skbs, so nothing is mapped
 * per frame). Descriptor {@code i} always points at buffer {@code i}. Allocated at open, freed at
 * stop ({@code e1000e_setup_rx_resources} / {@code e1000e_free_rx_resources}).
 */
final class DescRing {
    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final int count;
    final DmaBuffer descMem;
    final DmaBuffer bufferMem;
    /** CPU views of the descriptors and of the buffers. */
    final MemorySegment desc;
    final MemorySegment buffers;
    /** Next descriptor the driver fills (transmit). */
    int nextToUse;
    /** Next descriptor the driver expects the card to complete. */
    int nextToClean;

    private DescRing(int count, DmaBuffer descMem, DmaBuffer bufferMem) {
        this.count = count;
        this.descMem = descMem;
        this.bufferMem = bufferMem;
        this.desc = descMem.segment();
        this.buffers = bufferMem.segment();
        for (int i = 0; i < count; i++) {
            desc.set(LE_LONG, (long) i * Tnic.DESC_SIZE, bufferMem.dmaAddress() + (long) i * Tnic.BUFFER_SIZE);
            desc.set(LE_LONG, (long) i * Tnic.DESC_SIZE + 8, 0L);
        }
    }

    /** Allocates a ring of {@code count} descriptors and as many buffers; nothing is left allocated on failure. */
    static DescRing allocate(PciDev pdev, int count) throws ErrnoException {
        DmaBuffer d = pdev.dmaAllocCoherent((long) count * Tnic.DESC_SIZE);
        DmaBuffer b;
        try {
            b = pdev.dmaAllocCoherent((long) count * Tnic.BUFFER_SIZE);
        } catch (ErrnoException e) {
            pdev.dmaFreeCoherent(d);
            throw e;
        }
        return new DescRing(count, d, b);
    }

    void free(PciDev pdev) {
        pdev.dmaFreeCoherent(bufferMem);
        pdev.dmaFreeCoherent(descMem);
    }

    int next(int i) {
        return i + 1 == count ? 0 : i + 1;
    }

    long descOffset(int i) {
        return (long) i * Tnic.DESC_SIZE;
    }

    long bufferOffset(int i) {
        return (long) i * Tnic.BUFFER_SIZE;
    }

    /** {@code E1000_DESC_UNUSED}: descriptors the driver may still fill, keeping one slot as the gap. */
    int unused() {
        return (nextToClean > nextToUse ? 0 : count) + nextToClean - nextToUse - 1;
    }

    /** Whether the card wrote back descriptor {@code i} (its DD bit), {@code statusOffset} the status byte. */
    boolean done(int i, int statusOffset) {
        return (desc.get(ValueLayout.JAVA_BYTE, descOffset(i) + statusOffset) & 0x01) != 0;
    }
}
