package io.jnetdev.runtime.testing;

import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import java.util.Map;

/** Test machines: booted with no ServiceLoader modules, so each test adds exactly the modules it wants. */
public final class Machines {
    private Machines() {}

    /** A booted machine from {@code config} that loads no modules by itself. */
    public static Machine booted(MachineConfig.Builder config) {
        Machine m = Machine.create(config.modules(Map.of()).build());
        m.boot(new ClassLoader(null) { });
        return m;
    }
}
