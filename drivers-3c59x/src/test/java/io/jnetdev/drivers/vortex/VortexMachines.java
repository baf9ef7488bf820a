package io.jnetdev.drivers.vortex;

import io.jnetdev.hw.PciFunctionModel;
import io.jnetdev.hw.models.vortex.Vortex;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.pci.PciFunction;
import java.util.Map;
import java.util.function.Supplier;

/** Machines with 3c595 / 3c905C models in slots and the 3c59x module loaded, for the driver's tests. */
final class VortexMachines {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final long MAC_A = 0x0010_4B00_0001L;
    static final long MAC_B = 0x0010_4B00_0002L;
    /** 100 Mb/s line rate of minimum-size frames. */
    static final long LINE_RATE_60B = 148_809;

    private VortexMachines() {}

    static Supplier<PciFunctionModel> c3c595(long mac) {
        return () -> Vortex.c3c595(mac);
    }

    static Supplier<PciFunctionModel> c3c905c(long mac) {
        return () -> Vortex.c3c905c(mac);
    }

    /** Cards in slots 3 (and 4 when {@code second} is not null), 3c59x loaded with {@code params}. */
    static Machine boot(long seed, Map<String, String> params, Supplier<PciFunctionModel> first,
                        Supplier<PciFunctionModel> second) {
        return boot(seed, params, first, second, null);
    }

    /** As {@link #boot(long, Map, Supplier, Supplier)}, on a machine with {@code costs} (null: the default). */
    static Machine boot(long seed, Map<String, String> params, Supplier<PciFunctionModel> first,
                        Supplier<PciFunctionModel> second, CostModel costs) {
        MachineConfig.Builder b = MachineConfig.builder().cpus(2).seed(seed).slot(3, first::get);
        if (second != null) {
            b.slot(4, second::get);
        }
        MachineConfig config = b.modules(Map.of(VortexModule.DRV_NAME, params)).build();
        Machine m = costs == null ? Machine.create(config)
                : Machine.create(config, binder -> binder.bind(CostModel.class).toInstance(costs));
        return m.boot(VortexMachines.class.getClassLoader());
    }

    static NetDeviceImpl dev(Machine m, String name) {
        return m.net().device(name).orElseThrow(() ->
                new AssertionError("seed " + m.engine().seed() + ": no " + name + "\n" + m.dmesg()));
    }

    static PciFunction function(Machine m, int slot) {
        return m.pci().function(slot).orElseThrow();
    }

    static VortexPrivate vp(Machine m, String name) {
        return dev(m, name).priv(VortexPrivate.class);
    }
}
