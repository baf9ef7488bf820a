package io.jnetdev.benchmarks.rx;

import io.jnetdev.api.module.PciDriverModule;
import io.jnetdev.api.pci.PciDriver;

/** The kernel module that registers {@link BenchNicDriver} ({@code module_pci_driver}). */
public final class BenchNicModule extends PciDriverModule {
    private final BenchNicDriver driver;

    public BenchNicModule(BenchNicDriver driver) {
        this.driver = driver;
    }

    @Override
    public String name() {
        return BenchNicDriver.NAME;
    }

    @Override
    protected PciDriver pciDriver() {
        return driver;
    }
}
