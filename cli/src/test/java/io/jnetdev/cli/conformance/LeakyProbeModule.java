package io.jnetdev.cli.conformance;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.module.PciDriverModule;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import java.util.List;

/**
 * A deliberately broken driver plugin for the test NIC (1b36:00f0), for the command's tests: its
 * probe enables the device with the unmanaged {@code pci_enable_device} and then fails without
 * {@code pci_disable_device}, which leaves the device enabled after a failed probe (D3), and it
 * never registers an interface (PROBE).
 */
public final class LeakyProbeModule extends PciDriverModule {
    static final String NAME = "leakyprobe";

    private final PciDriver driver = new PciDriver() {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<PciDeviceId> idTable() {
            return List.of(PciDeviceId.of(0x1B36, 0x00F0));
        }

        @Override
        public ProbeResult probe(PciDev pdev, PciDeviceId id) throws ErrnoException {
            pdev.enableDevice(); // unmanaged, and the failure below forgets to undo it
            return ProbeResult.fail(Errno.ENODEV, "gives up after enabling the device");
        }

        @Override
        public void remove(PciDev pdev) {
            // never bound, never removed
        }
    };

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected PciDriver pciDriver() {
        return driver;
    }
}
