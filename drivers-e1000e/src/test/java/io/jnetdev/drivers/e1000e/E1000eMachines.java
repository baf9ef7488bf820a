package io.jnetdev.drivers.e1000e;

import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.pci.PciFunction;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Machines with 82574L models in slots and the e1000e module loaded, for the driver's tests. */
final class E1000eMachines {
    static final long MS = 1_000_000L;
    static final int SLOT = 3;

    private E1000eMachines() {}

    /** One 82574L in slot 3, e1000e loaded with {@code params}. */
    static Machine boot(long seed, Map<String, String> params) {
        return boot(seed, params, E1000e::new, m -> { });
    }

    /** One card from {@code model}; {@code beforeBoot} may arm faults. */
    static Machine boot(long seed, Map<String, String> params, Supplier<E1000e> model, Consumer<Machine> beforeBoot) {
        MachineConfig config = MachineConfig.builder().cpus(2).seed(seed).slot(SLOT, model::get)
                .modules(Map.of("e1000e", params)).build();
        Machine m = Machine.create(config);
        beforeBoot.accept(m);
        return m.boot(E1000eMachines.class.getClassLoader());
    }

    static NetDeviceImpl dev(Machine m, String name) {
        return m.net().device(name).orElseThrow(() ->
                new AssertionError("seed " + m.engine().seed() + ": no " + name + "\n" + m.dmesg()));
    }

    static PciFunction function(Machine m, int slot) {
        return m.pci().function(slot).orElseThrow();
    }

    static E1000e model(Machine m, int slot) {
        return (E1000e) function(m, slot).model();
    }

    static E1000eAdapter adapter(Machine m, String name) {
        return dev(m, name).priv(E1000eAdapter.class);
    }
}
