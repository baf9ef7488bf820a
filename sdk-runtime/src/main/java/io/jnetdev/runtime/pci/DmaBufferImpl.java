package io.jnetdev.runtime.pci;

import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.runtime.mem.IommuView;
import io.jnetdev.runtime.mem.PhysicalMemory;
import java.lang.foreign.MemorySegment;

/** Coherent DMA memory: a block of physical memory (the CPU's view) with an IOMMU window open for one device. */
record DmaBufferImpl(PhysicalMemory.Block block, IommuView.Window window) implements DmaBuffer {
    @Override
    public MemorySegment segment() {
        return block.segment();
    }

    @Override
    public long physAddr() {
        return block.address();
    }

    @Override
    public long size() {
        return block.size();
    }

    @Override
    public long dmaAddress() {
        return window.busAddress();
    }
}
