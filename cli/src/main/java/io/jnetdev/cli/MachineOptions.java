package io.jnetdev.cli;

import io.jnetdev.cli.machine.BootedMachine;
import io.jnetdev.cli.machine.MachineDescription;
import io.jnetdev.cli.machine.MachineFile;
import io.jnetdev.cli.machine.MachineFileException;
import io.jnetdev.runtime.Machine;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Options every command that boots a machine shares ({@code @Mixin}): {@code --machine FILE} and
 * the {@code --seed} and {@code --cpus} that override the file's. Without {@code --machine} the
 * machine is the built-in default, {@code machines/default.yaml}.
 */
public final class MachineOptions {
    /** The exit status of a command given a machine file that does not describe a machine. */
    public static final int BAD_MACHINE_FILE = 2;

    @Option(names = "--machine", paramLabel = "FILE",
            description = "Boot the machine this YAML file describes instead of the default one (see the README, 'Machine files').")
    Path machineFile;

    long seed = 1;
    private boolean seedGiven;
    int cpus = 2;
    private boolean cpusGiven;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice in the machine (default: 1, or the machine file's).")
    void seed(long s) {
        seed = s;
        seedGiven = true;
    }

    @Option(names = "--cpus", paramLabel = "N", description = "Virtual CPUs, 1..64 (default: 2, or the machine file's).")
    void cpus(int n) {
        cpus = n;
        cpusGiven = true;
    }

    /** Refuses values the machine cannot have, as a usage error naming the option. */
    public void validate(CommandSpec spec) {
        if (cpus < 1 || cpus > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cpus must be between 1 and 64, not " + cpus);
        }
    }

    /** The machine to boot: the file's (or the default), with {@code --seed} and {@code --cpus} applied. */
    public MachineDescription description() throws MachineFileException {
        MachineDescription d = machineFile == null ? MachineFile.defaultMachine() : MachineFile.load(machineFile);
        if (seedGiven) {
            d = d.withSeed(seed);
        }
        if (cpusGiven) {
            d = d.withCpus(cpus);
        }
        return d;
    }

    /** Boots the machine, with what its wires section attached. */
    public BootedMachine boot() throws MachineFileException {
        return description().boot();
    }

    /**
     * Boots the machine for a command, or prints the machine file's one-line error to the
     * command's error stream and returns null; the command then exits with {@link #BAD_MACHINE_FILE}.
     */
    public Machine bootOrReport(CommandSpec spec) {
        try {
            return boot().machine();
        } catch (MachineFileException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return null;
        }
    }
}
