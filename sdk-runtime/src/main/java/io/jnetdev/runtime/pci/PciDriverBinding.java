package io.jnetdev.runtime.pci;

import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import io.jnetdev.runtime.base.DeviceDriver;
import java.util.ArrayList;
import java.util.List;

/** A registered PCI driver ({@code struct pci_driver} inside the core): the plugin's driver plus its dynamic IDs. */
public final class PciDriverBinding extends DeviceDriver {
    private final PciDriver driver;
    private final List<PciDeviceId> idTable;
    private final List<PciDeviceId> dynamicIds = new ArrayList<>();

    PciDriverBinding(PciDriver driver, PciBus bus, String owner) {
        super(driver.name(), bus, owner);
        this.driver = driver;
        this.idTable = List.copyOf(driver.idTable());
    }

    public PciDriver driver() {
        return driver;
    }

    /** The static ID table, as read at registration. */
    public List<PciDeviceId> idTable() {
        return idTable;
    }

    /** IDs added through {@code new_id}; they are tried before the static table. */
    public List<PciDeviceId> dynamicIds() {
        return List.copyOf(dynamicIds);
    }

    void addDynamicId(PciDeviceId id) {
        dynamicIds.add(id);
    }

    void removeDynamicId(PciDeviceId id) {
        dynamicIds.remove(id);
    }
}
