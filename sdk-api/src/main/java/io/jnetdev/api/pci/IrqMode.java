package io.jnetdev.api.pci;

/** Which interrupt mechanism a device's allocated vectors use. */
public enum IrqMode {
    NONE, INTX, MSI, MSIX
}
