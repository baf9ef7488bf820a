package io.jnetdev.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every command that boots a machine shares. */
final class MachineOptions {
    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice in the machine (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--cpus", defaultValue = "2", description = "Virtual CPUs, 1..64 (default: ${DEFAULT-VALUE}).")
    int cpus = 2;

    /** Refuses values the machine cannot have, as a usage error naming the option. */
    void validate(CommandSpec spec) {
        if (cpus < 1 || cpus > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cpus must be between 1 and 64, not " + cpus);
        }
    }
}
