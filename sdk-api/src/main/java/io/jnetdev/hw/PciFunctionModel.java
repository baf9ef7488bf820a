package io.jnetdev.hw;

/**
 * A device model on the PCI bus: what a register-level model of a card implements.
 *
 * <p>As in QEMU, the model keeps its hardware state and register handlers; the runtime's PCI core
 * owns the generic parts — config-space header, BAR assignment, the MSI and MSI-X capability
 * state and the MSI-X table — built from {@link #layout()}. The model reaches the machine only
 * through the {@link DeviceContext} it is given: DMA through its IOMMU view, its interrupt pin,
 * MSI/MSI-X messages and timers in virtual time. It never sees a driver.
 */
public interface PciFunctionModel {

    /** Identity, BARs and capabilities; read once when the device is plugged in. */
    PciConfigLayout layout();

    /** Called once when the device is plugged into a slot, before the driver core sees it. */
    void attach(DeviceContext context);

    /**
     * A CPU read of {@code size} bytes (1, 2, 4 or 8) at {@code offset} within BAR {@code bar}.
     * The runtime has already checked that the access lies inside the BAR and is not in the
     * MSI-X table or PBA. Return the value in the low {@code size} bytes.
     */
    long read(int bar, long offset, int size);

    /** A CPU write of the low {@code size} bytes of {@code value} at {@code offset} within BAR {@code bar}. */
    void write(int bar, long offset, int size, long value);

    /** Told after the driver wrote the config-space command register (bus master, INTx disable). */
    default void commandWritten(int command) {}

    /** Function-level reset: return to power-on state. */
    default void reset() {}

    /** The device was removed from its slot (hot-unplug); stop every timer. */
    default void detach() {}
}
