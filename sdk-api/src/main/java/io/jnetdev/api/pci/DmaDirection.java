package io.jnetdev.api.pci;

/** Direction of a streaming DMA mapping ({@code enum dma_data_direction}). */
public enum DmaDirection {
    BIDIRECTIONAL, TO_DEVICE, FROM_DEVICE
}
