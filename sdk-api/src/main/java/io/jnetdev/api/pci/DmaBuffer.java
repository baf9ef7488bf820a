package io.jnetdev.api.pci;

/**
 * Coherent DMA memory ({@code dma_alloc_coherent}): the device sees it at {@link #dmaAddress()}
 * for as long as the buffer lives.
 */
public interface DmaBuffer extends MemoryBuffer {
    /** The bus address to program into the device. */
    long dmaAddress();
}
