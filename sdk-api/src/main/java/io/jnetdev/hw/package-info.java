/**
 * The hardware-side SPI: what a device model implements to sit on the simulated PCI bus, and the
 * machine services it may use (DMA through an IOMMU view, INTx, MSI/MSI-X, timers), and the
 * Ethernet side of network cards: {@link io.jnetdev.hw.EthernetPort ports}, {@link io.jnetdev.hw.FrameSink
 * frame sinks} and the {@link io.jnetdev.hw.WireContext clock} wires and traffic generators run on.
 */
package io.jnetdev.hw;
