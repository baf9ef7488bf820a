package io.jnetdev.api.pci;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import java.util.List;

/**
 * A PCI driver ({@code struct pci_driver}): a name, an ID table, probe and remove.
 *
 * <p>{@link #probe} runs in process context and may sleep. Resources it acquires with the
 * managed calls ({@code pcim*}, {@code devm*}, {@code dmam*}) are released by the core, in reverse
 * order, when probe fails and after {@link #remove} returns; the rest the driver releases itself.
 */
public interface PciDriver {

    /** The driver name as in {@code /sys/bus/pci/drivers/NAME}. */
    String name();

    /** The static ID table ({@code id_table}). An empty table matches only through
     *  {@code new_id} or {@code driver_override}. */
    List<PciDeviceId> idTable();

    /**
     * Binds to a device. {@code id} is the table entry that matched (an all-{@link PciDeviceId#ANY}
     * entry when the bind was forced by {@code driver_override}).
     */
    ProbeResult probe(PciDev dev, PciDeviceId id) throws ErrnoException;

    /** Unbinds: stop the device and free what probe acquired without a managed call. */
    void remove(PciDev dev);
}
