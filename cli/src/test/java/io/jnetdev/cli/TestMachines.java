package io.jnetdev.cli;

import io.jnetdev.cli.machine.MachineFileException;
import io.jnetdev.runtime.Machine;

/** The default machine as the CLI boots it, for tests. */
public final class TestMachines {
    private TestMachines() {}

    public static Machine defaultMachine() {
        try {
            return new MachineOptions().boot().machine();
        } catch (MachineFileException e) {
            throw new IllegalStateException("the built-in default machine file: " + e.getMessage(), e);
        }
    }
}
