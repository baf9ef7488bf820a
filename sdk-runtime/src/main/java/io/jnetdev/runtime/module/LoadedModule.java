package io.jnetdev.runtime.module;

import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleParam;
import io.jnetdev.runtime.pci.PciDriverBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A module in memory: the instance, its parameter values (text form, as in
 * {@code /sys/module/NAME/parameters}) and the drivers it registered.
 */
public final class LoadedModule {
    private final KernelModule module;
    private final Map<String, String> params;
    final List<PciDriverBinding> pciDrivers = new ArrayList<>();

    LoadedModule(KernelModule module, Map<String, String> params) {
        this.module = module;
        this.params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params)); // declaration order
    }

    public String name() {
        return module.name();
    }

    public KernelModule module() {
        return module;
    }

    /** Parameter values by name, in their sysfs text form. */
    public Map<String, String> params() {
        return params;
    }

    public List<ModuleParam> declaredParams() {
        return module.parameters();
    }

    public List<PciDriverBinding> pciDrivers() {
        return List.copyOf(pciDrivers);
    }

    /** Devices bound to this module's drivers: {@code lsmod}'s "Used by" for a driver module is 0, this is informative. */
    public int boundDevices() {
        return pciDrivers.stream().mapToInt(d -> d.devices().size()).sum();
    }
}
