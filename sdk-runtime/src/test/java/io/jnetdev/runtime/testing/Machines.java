package io.jnetdev.runtime.testing;

import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import java.util.Map;

/** Test machines: booted with no ServiceLoader modules, so each test adds exactly the modules it wants. */
public final class Machines {
    private Machines() {}

    /** A booted machine from {@code config} that loads no modules by itself; {@code overrides} replace runtime bindings. */
    public static Machine booted(MachineConfig.Builder config, com.google.inject.Module... overrides) {
        Machine m = Machine.create(config.modules(Map.of()).build(), overrides);
        m.boot(new ClassLoader(null) { });
        return m;
    }

    /** A binding override that makes the machine use {@code costs}. */
    public static com.google.inject.Module costs(io.jnetdev.runtime.cost.CostModel costs) {
        return binder -> binder.bind(io.jnetdev.runtime.cost.CostModel.class).toInstance(costs);
    }
}
