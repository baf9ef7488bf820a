package io.jnetdev.api.module;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.pci.PciDriver;

/**
 * What a module's init and exit see: its parameter values and the calls that register drivers.
 */
public interface ModuleContext {

    /** The module's name. */
    String moduleName();

    /** The value of an {@link ModuleParam.Type#INT} parameter. */
    long intParam(String name);

    /** The value of a {@link ModuleParam.Type#BOOL} parameter. */
    boolean boolParam(String name);

    /** The value of a {@link ModuleParam.Type#STRING} parameter. */
    String stringParam(String name);

    /** {@code pci_register_driver}: adds the driver to the PCI bus and probes every matching device.
     *  Probe failures do not fail registration (as in Linux). */
    void pciRegisterDriver(PciDriver driver) throws ErrnoException;

    /** {@code pci_unregister_driver}: unbinds (calls remove for) every device the driver drives. */
    void pciUnregisterDriver(PciDriver driver);

    /** Kernel services (time, log). */
    Kernel kernel();
}
