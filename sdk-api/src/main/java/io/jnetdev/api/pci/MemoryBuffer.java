package io.jnetdev.api.pci;

import java.lang.foreign.MemorySegment;

/**
 * A block of the machine's physical memory owned by the driver: what {@code kmalloc} or
 * {@code dma_alloc_coherent} returns. {@link #segment()} is the CPU's view; once the buffer is
 * freed the segment is closed, so a use after free fails at once instead of corrupting memory.
 */
public interface MemoryBuffer {
    /** The CPU's view of the buffer, little-endian device memory as seen by the driver. */
    MemorySegment segment();

    /** Physical address of the first byte. */
    long physAddr();

    /** Size in bytes. */
    long size();
}
