package io.jnetdev.drivers.e1000e;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.api.pci.PciDev;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * One descriptor ring with its buffers ({@code struct e1000_ring} and its {@code buffer_info}),
 * allocated by {@code e1000e_setup_rx_resources} / {@code e1000e_setup_tx_resources} at open and
 * freed at close. Descriptors and buffers are coherent DMA memory: frames are copied between
 * them and skbs (e1000e's copybreak path, taken for every frame), so that nothing is mapped per
 * frame and the per-frame path allocates nothing. Descriptor {@code i} always uses buffer {@code i}.
 */
final class E1000eRing {
    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final int count;
    final int bufferSize;
    final DmaBuffer descMem;
    final DmaBuffer bufferMem;
    final MemorySegment desc;
    final MemorySegment buffers;
    /** Per descriptor (transmit): the last descriptor of its frame ({@code next_to_watch}), -1 if none. */
    final int[] nextToWatch;
    /** Per descriptor (transmit, on the frame's first one): bytes of the frame ({@code bytecount}). */
    final int[] bytecount;
    int nextToUse;
    int nextToClean;

    private E1000eRing(int count, int bufferSize, DmaBuffer descMem, DmaBuffer bufferMem) {
        this.count = count;
        this.bufferSize = bufferSize;
        this.descMem = descMem;
        this.bufferMem = bufferMem;
        this.desc = descMem.segment();
        this.buffers = bufferMem.segment();
        this.nextToWatch = new int[count];
        this.bytecount = new int[count];
        java.util.Arrays.fill(nextToWatch, -1);
        desc.fill((byte) 0);
    }

    /** Allocates {@code count} descriptors and as many buffers; nothing stays allocated on failure. */
    static E1000eRing allocate(PciDev pdev, int count, int bufferSize) throws ErrnoException {
        DmaBuffer d = pdev.dmaAllocCoherent((long) count * E1000eDefines.DESC_SIZE);
        DmaBuffer b;
        try {
            b = pdev.dmaAllocCoherent((long) count * bufferSize);
        } catch (ErrnoException e) {
            pdev.dmaFreeCoherent(d);
            throw e;
        }
        return new E1000eRing(count, bufferSize, d, b);
    }

    void free(PciDev pdev) {
        pdev.dmaFreeCoherent(bufferMem);
        pdev.dmaFreeCoherent(descMem);
    }

    /** Ring size in bytes, as programmed into RDLEN/TDLEN. */
    int sizeBytes() {
        return count * E1000eDefines.DESC_SIZE;
    }

    int next(int i) {
        return i + 1 == count ? 0 : i + 1;
    }

    long descOffset(int i) {
        return (long) i * E1000eDefines.DESC_SIZE;
    }

    long bufferOffset(int i) {
        return (long) i * bufferSize;
    }

    long bufferDma(int i) {
        return bufferMem.dmaAddress() + (long) i * bufferSize;
    }

    /** {@code e1000_desc_unused}: descriptors the driver may fill, one always kept as the gap. */
    int unused() {
        return unused(nextToUse, nextToClean, count);
    }

    /** {@code e1000_desc_unused} on plain indices. */
    static int unused(int nextToUse, int nextToClean, int count) {
        if (nextToClean > nextToUse) {
            return nextToClean - nextToUse - 1;
        }
        return count + nextToClean - nextToUse - 1;
    }

    /** {@code ALIGN(clamp(requested, min, max), 8)}: the ring size {@code e1000_set_ringparam} makes of a request. */
    static int ringSize(int requested, int min, int max) {
        int clamped = Math.clamp(requested, min, max);
        int m = E1000eDefines.DESCRIPTOR_MULTIPLE;
        return (clamped + m - 1) / m * m;
    }
}
