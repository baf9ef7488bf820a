package io.jnetdev.benchmarks.rx;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleContext;

/** The kernel module that registers {@link BenchNicDriver} ({@code module_pci_driver}). */
public final class BenchNicModule implements KernelModule {
    private final BenchNicDriver driver;

    public BenchNicModule(BenchNicDriver driver) {
        this.driver = driver;
    }

    @Override
    public String name() {
        return BenchNicDriver.NAME;
    }

    @Override
    public void init(ModuleContext context) throws ErrnoException {
        context.pciRegisterDriver(driver);
    }

    @Override
    public void exit(ModuleContext context) {
        context.pciUnregisterDriver(driver);
    }
}
