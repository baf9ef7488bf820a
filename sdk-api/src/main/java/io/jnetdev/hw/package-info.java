/**
 * The hardware-side SPI: what a device model implements to sit on the simulated PCI bus, and the
 * machine services it may use (DMA through an IOMMU view, INTx, MSI/MSI-X, timers).
 */
package io.jnetdev.hw;
