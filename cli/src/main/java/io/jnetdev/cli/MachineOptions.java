package io.jnetdev.cli;

import picocli.CommandLine.Option;

/** Options every command that boots a machine shares. */
final class MachineOptions {
    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice in the machine (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cpus", defaultValue = "2", description = "Virtual CPUs (default: ${DEFAULT-VALUE}).")
    int cpus;
}
