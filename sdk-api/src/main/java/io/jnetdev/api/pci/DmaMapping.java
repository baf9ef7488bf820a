package io.jnetdev.api.pci;

/**
 * A streaming DMA mapping ({@code dma_map_single}): part of a kernel buffer made visible to one
 * device until {@link PciDev#dmaUnmapSingle} — a mapping still held at teardown is a leak.
 *
 * @param dmaAddress the bus address the device uses
 * @param length     mapped length in bytes
 * @param direction  which way the data moves
 */
public record DmaMapping(long dmaAddress, long length, DmaDirection direction) {}
