package io.jnetdev.cli;

import io.jnetdev.cli.shell.Shell;
import io.jnetdev.runtime.Machine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jnetdev shell}: a console over a booted machine, reading a terminal or standard input. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "A line-oriented console over a booted machine (the default one, or --machine FILE): lspci, lsmod, "
                + "modprobe, rmmod, dmesg, cat/ls/echo under /sys and /proc, ip, ethtool, traffic, run, watch, tcpdump, trace. "
                + "Reads commands from the terminal or from standard input; type 'help' for the list.")
final class ShellCommand implements Callable<Integer> {

    @Mixin
    MachineOptions machineOptions = new MachineOptions();

    @Spec
    CommandSpec spec;

    @Mixin
    JfrOptions jfrOptions = new JfrOptions();

    @Override
    public Integer call() throws IOException {
        machineOptions.validate(spec);
        try (JfrOptions.Session jfr = jfrOptions.start(spec)) {
            return shell(jfr);
        }
    }

    private Integer shell(JfrOptions.Session jfr) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Machine m = machineOptions.bootOrReport(spec);
        if (m == null) {
            return MachineOptions.BAD_MACHINE_FILE;
        }
        jfr.attach(m);
        Shell shell = new Shell(m, out);
        boolean interactive = System.console() != null;
        if (interactive) {
            out.println("jnetdev shell: machine booted. Type 'help' for commands, 'exit' to leave.");
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (true) {
            if (interactive) {
                out.print(shell.prompt());
                out.flush();
            }
            String line = in.readLine();
            if (line == null || !shell.execute(line)) {
                break;
            }
        }
        shell.close();
        out.flush();
        return 0;
    }
}
