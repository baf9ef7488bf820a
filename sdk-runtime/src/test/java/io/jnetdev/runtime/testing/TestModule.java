package io.jnetdev.runtime.testing;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleContext;
import io.jnetdev.api.module.ModuleParam;
import io.jnetdev.api.pci.PciDriver;
import java.util.List;

/** A kernel module for tests that registers the given PCI drivers in init and unregisters them in exit. */
public final class TestModule implements KernelModule {
    private final String name;
    private final List<PciDriver> drivers;
    private final List<ModuleParam> params;
    private ModuleContext lastContext;

    public TestModule(String name, List<ModuleParam> params, PciDriver... drivers) {
        this.name = name;
        this.params = params;
        this.drivers = List.of(drivers);
    }

    public TestModule(String name, PciDriver... drivers) {
        this(name, List.of(), drivers);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ModuleParam> parameters() {
        return params;
    }

    @Override
    public void init(ModuleContext context) throws ErrnoException {
        lastContext = context;
        for (PciDriver d : drivers) {
            context.pciRegisterDriver(d);
        }
    }

    @Override
    public void exit(ModuleContext context) {
        for (PciDriver d : drivers.reversed()) {
            context.pciUnregisterDriver(d);
        }
    }

    /** The context of the last init, to read parameters in tests. */
    public ModuleContext lastContext() {
        return lastContext;
    }
}
