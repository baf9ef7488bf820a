package io.jnetdev.cli;

import io.jnetdev.cli.conformance.ConformanceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code jnetdev} command. */
@Command(name = "jnetdev", mixinStandardHelpOptions = true, version = "jnetdev 0.1.0",
        description = "Write NIC drivers the Linux way in Java and run them against register-level models of real cards.",
        subcommands = {DemoCommand.class, ShellCommand.class, ConformanceCommand.class, io.jnetdev.cli.livelock.LivelockCommand.class,
                CommandLine.HelpCommand.class})
public final class Jnetdev implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Jnetdev()).execute(args));
    }
}
