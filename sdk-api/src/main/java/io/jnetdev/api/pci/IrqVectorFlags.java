package io.jnetdev.api.pci;

/** Flags for {@link PciDev#allocIrqVectors}, with Linux's values ({@code PCI_IRQ_*}). */
public final class IrqVectorFlags {
    /** Legacy INTx: only when one vector is enough (min == 1) and the device has an interrupt pin. */
    public static final int INTX = 1 << 0;
    public static final int MSI = 1 << 1;
    public static final int MSIX = 1 << 2;
    /** Spread vectors across CPUs. */
    public static final int AFFINITY = 1 << 3;
    public static final int ALL_TYPES = INTX | MSI | MSIX;

    private IrqVectorFlags() {}
}
