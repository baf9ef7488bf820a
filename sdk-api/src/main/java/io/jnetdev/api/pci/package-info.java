/** The PCI driver view: ID tables, the driver interface, the device handle, BARs, DMA and vectors. */
package io.jnetdev.api.pci;
