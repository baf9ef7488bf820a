package io.jnetdev.cli;

import io.jnetdev.runtime.Machine;

/** The default machine as the CLI boots it, for tests. */
public final class TestMachines {
    private TestMachines() {}

    public static Machine defaultMachine() {
        return DefaultMachine.boot(new MachineOptions());
    }
}
