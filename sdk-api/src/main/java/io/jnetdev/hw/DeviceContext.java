package io.jnetdev.hw;

/**
 * What a device model may do to the machine it is plugged into. Given once, at
 * {@link PciFunctionModel#attach}.
 */
public interface DeviceContext {

    /** The device's PCI address {@code DDDD:BB:DD.F}, for log lines. */
    String name();

    /** DMA into and out of the machine's memory, through this device's IOMMU view. */
    DmaPort dma();

    /** Whether the driver set bus mastering in the command register; without it a real
     *  function must not start DMA. */
    boolean busMasterEnabled();

    /** Drives the INTx pin. Level-triggered: stays asserted until the model deasserts it.
     *  Ignored while the command register's INTx-disable bit is set (the status bit still follows). */
    void setIntx(boolean asserted);

    /** Whether the driver enabled MSI-X. */
    boolean msixEnabled();

    /** Sends MSI-X message {@code vector}: delivered now, or held pending in the PBA while masked. */
    void msixNotify(int vector);

    /** Whether the driver enabled MSI. */
    boolean msiEnabled();

    /** Sends MSI message {@code vector} (0 unless multiple messages were enabled). */
    void msiNotify(int vector);

    /** Virtual time in nanoseconds. */
    long nowNanos();

    /** A timer in virtual time whose expiry runs {@code action} as a device event. */
    DeviceTimer newTimer(String name, Runnable action);

    /** A line in the kernel log tagged with the device (model-side events: faults, resets). */
    void log(String message);
}
