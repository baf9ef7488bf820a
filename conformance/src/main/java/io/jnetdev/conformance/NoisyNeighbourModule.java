package io.jnetdev.conformance;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.module.PciDriverModule;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import java.util.List;

/**
 * The module ({@code kit_neighbour}) and driver of the {@link NoisyNeighbour}: a well-behaved
 * shared INTx handler that claims only its own cause, so every interrupt it does not claim on the
 * shared line is the card under test's to explain.
 */
final class NoisyNeighbourModule extends PciDriverModule {
    static final String NAME = "kit_neighbour";

    private final PciDriver driver = new PciDriver() {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<PciDeviceId> idTable() {
            return List.of(PciDeviceId.of(NoisyNeighbour.VENDOR, NoisyNeighbour.DEVICE));
        }

        @Override
        public ProbeResult probe(PciDev pdev, PciDeviceId id) throws ErrnoException {
            pdev.pcimEnableDevice();
            IoRegion regs = pdev.pcimIomapRegions(1, NAME);
            pdev.allocIrqVectors(1, 1, IrqVectorFlags.INTX);
            pdev.devmAddAction("pci_free_irq_vectors", pdev::freeIrqVectors);
            pdev.devmRequestIrq(pdev.irqVector(0), irq -> {
                int cause = regs.read32(NoisyNeighbour.REG_CAUSE);
                if (cause == 0) {
                    return IrqReturn.NONE;
                }
                regs.write32(NoisyNeighbour.REG_CAUSE, cause);
                return IrqReturn.HANDLED;
            }, IrqFlags.SHARED, NAME, this);
            return ProbeResult.bound();
        }

        @Override
        public void remove(PciDev pdev) {
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
