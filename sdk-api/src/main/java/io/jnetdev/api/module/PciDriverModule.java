package io.jnetdev.api.module;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.pci.PciDriver;

/**
 * Linux's {@code module_pci_driver()}: a module whose {@code module_init} only registers one PCI
 * driver and whose {@code module_exit} only unregisters it. A module that does more at init —
 * builds its driver from its parameters, prints a banner — implements {@link KernelModule} itself.
 */
public abstract class PciDriverModule implements KernelModule {

    /** The driver {@link #init} registers and {@link #exit} unregisters: the same instance each time. */
    protected abstract PciDriver pciDriver();

    /** Registers {@link #pciDriver()}: the bus probes every device its ID table matches. */
    @Override
    public void init(ModuleContext context) throws ErrnoException {
        context.pciRegisterDriver(pciDriver());
    }

    /** Unregisters {@link #pciDriver()}: every device it drives is removed from it. */
    @Override
    public void exit(ModuleContext context) {
        context.pciUnregisterDriver(pciDriver());
    }
}
