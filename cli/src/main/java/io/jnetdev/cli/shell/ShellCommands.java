package io.jnetdev.cli.shell;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.runtime.Machine;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The shell's commands, one method each, named and spelled as on Linux. */
@Command(name = "", description = "Type 'help COMMAND' or 'COMMAND --help' for one command's usage.",
        synopsisHeading = "", customSynopsis = "", subcommands = {CommandLine.HelpCommand.class})
final class ShellCommands {
    private final Machine machine;
    private final PrintWriter out;
    /** The shell's own command spec: the table of commands watch checks its COMMAND against. */
    @Spec
    CommandSpec spec;
    /** Runs one command line of the shell, already split into words; {@code watch} repeats through it. */
    private final Consumer<List<String>> dispatch;
    private final List<TrafficCommand.Started> traffic = new java.util.ArrayList<>();
    /** The captures {@code tcpdump} started and not yet reported ended. */
    private final List<io.jnetdev.runtime.net.PacketCapture> captures = new java.util.ArrayList<>();

    ShellCommands(Machine machine, PrintWriter out, Consumer<List<String>> dispatch) {
        this.machine = machine;
        this.out = out;
        this.dispatch = dispatch;
    }

    /** Frames the generators started here offered to {@code ifname} so far. */
    long offered(String ifname) {
        return traffic.stream().filter(s -> s.device().equals(ifname)).mapToLong(s -> s.generator().offered()).sum();
    }

    @Command(name = "lspci", mixinStandardHelpOptions = true, description = "List PCI devices.")
    void lspci(@Option(names = "-v", description = "Verbose: BARs, capabilities, driver in use.") boolean verbose,
               @Option(names = "-n", description = "Show numeric IDs; -nn shows names and IDs.") boolean[] numeric) {
        out.print(machine.pci().lspci(verbose, numeric != null && numeric.length > 0));
    }

    @Command(name = "lsmod", mixinStandardHelpOptions = true, description = "List loaded modules, newest first, with their parameter values.")
    void lsmod() {
        out.print(machine.modules().lsmod());
    }

    @Command(name = "modprobe", mixinStandardHelpOptions = true, description = "Load a module: modprobe NAME [param=value ...].")
    void modprobe(@Parameters(index = "0", paramLabel = "NAME") String name,
                  @Parameters(index = "1..*", paramLabel = "PARAM=VALUE", arity = "0..*") List<String> params) throws ErrnoException {
        Map<String, String> args = new LinkedHashMap<>();
        if (params != null) {
            for (String p : params) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new ErrnoException(Errno.EINVAL, "modprobe: '" + p + "' is not PARAM=VALUE");
                }
                args.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        int before = machine.log().size();
        machine.modprobe(name, args);
        machine.log().since(before).stream().filter(l -> l.level().level() <= 4).forEach(out::println);
    }

    @Command(name = "rmmod", mixinStandardHelpOptions = true, description = "Unload a module (its drivers unbind).")
    void rmmod(@Parameters(paramLabel = "NAME") String name) throws ErrnoException {
        machine.rmmod(name);
    }

    @Command(name = "modinfo", mixinStandardHelpOptions = true, description = "Show a module's description and parameters.")
    void modinfo(@Parameters(paramLabel = "NAME") String name) throws ErrnoException {
        out.print(machine.modules().modinfo(name));
    }

    @Command(name = "dmesg", mixinStandardHelpOptions = true, description = "Print the kernel log.")
    void dmesg() {
        out.print(machine.dmesg());
    }

    @Command(name = "cat", mixinStandardHelpOptions = true, description = "Print a file under /proc or /sys: /proc/interrupts, /proc/softirqs, /proc/net/softnet_stat, /proc/modules, /sys/...")
    void cat(@Parameters(paramLabel = "PATH") String path) throws ErrnoException {
        switch (path) {
            case "/proc/interrupts" -> out.print(machine.procInterrupts());
            case "/proc/softirqs" -> out.print(machine.softirqs().procSoftirqs());
            case "/proc/net/softnet_stat" -> out.print(machine.net().procSoftnetStat());
            case "/proc/modules" -> machine.modules().loaded().forEach(m -> out.println(m.name() + " 16384 0 - Live 0x0"));
            default -> out.print(machine.sysfs().cat(path));
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List a directory under /sys.")
    void ls(@Parameters(paramLabel = "PATH", defaultValue = "/sys/bus/pci") String path) throws ErrnoException {
        machine.sysfs().ls(path).forEach(out::println);
    }

    @Command(name = "echo", mixinStandardHelpOptions = true, description = "Write to a sysfs file: echo VALUE > PATH.")
    void echo(@Parameters(paramLabel = "WORD", arity = "0..*") List<String> words) throws ErrnoException {
        List<String> w = words == null ? List.of() : words;
        int gt = w.indexOf(">");
        if (gt < 0) {
            out.println(String.join(" ", w));
            return;
        }
        if (gt != w.size() - 2) {
            throw new ErrnoException(Errno.EINVAL, "echo: expected 'echo VALUE > PATH'");
        }
        machine.sysfs().write(w.getLast(), String.join(" ", w.subList(0, gt)));
        machine.settle();
    }

    @Command(name = "trace", mixinStandardHelpOptions = true, description = "Print a recorded trace: trace probe.")
    void trace(@Parameters(paramLabel = "WHAT", description = "probe") String what) throws ErrnoException {
        if (!what.equals("probe")) {
            throw new ErrnoException(Errno.EINVAL, "trace: unknown trace '" + what + "' (known: probe)");
        }
        out.print(machine.trace().render());
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Advance virtual time: run 100ms (units ns, us, ms, s).")
    void run(@Parameters(paramLabel = "DURATION") String duration) throws ErrnoException {
        long nanos = Durations.parseNanos("run", duration);
        machine.run(nanos);
        out.printf("t=%.6fs%n", machine.engine().now() / 1e9);
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Run a command, advance virtual time, and repeat: watch [-n INTERVAL] [-c COUNT] COMMAND...",
            footer = WatchCommand.USAGE)
    void watch(@Option(names = "-n", paramLabel = "INTERVAL", defaultValue = WatchCommand.DEFAULT_INTERVAL,
                       description = "Virtual time between runs: 100ms, 2s, or seconds as watch takes them (0.5) (default: ${DEFAULT-VALUE}).")
               String interval,
               @Option(names = "-c", paramLabel = "COUNT", defaultValue = WatchCommand.DEFAULT_COUNT,
                       description = "How many runs (default: ${DEFAULT-VALUE}); a script has no Ctrl-C, so there is always an end.")
               String count,
               @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command to repeat, with its arguments.")
               List<String> command) throws ErrnoException {
        if (!spec.subcommands().containsKey(command.getFirst())) {
            throw new ErrnoException(Errno.EINVAL, "watch: " + command.getFirst() + ": command not found (type 'help' for the list)");
        }
        new WatchCommand(machine, out, dispatch).run(interval, count, command);
    }

    @Command(name = "ip", mixinStandardHelpOptions = true, description = "Show and change network interfaces.",
            footer = IpCommand.USAGE)
    void ip(@Option(names = "-s", description = "With statistics (the 64-bit counters).") boolean stats,
            @Parameters(paramLabel = "WORD", arity = "0..*", description = "link [show DEV] | link set DEV ... | maddr [show [dev DEV]] | maddr add|del MAC dev DEV") List<String> words)
            throws ErrnoException {
        new IpCommand(machine, out).run(stats, words == null ? List.of() : words);
    }

    @Command(name = "ethtool", mixinStandardHelpOptions = false,
            description = "Query or change a network driver's settings (link, -i, -S, -g/-G, -c/-C, -d, -t).",
            footer = EthtoolCommand.USAGE)
    void ethtool(@Parameters(paramLabel = "WORD", arity = "0..*", description = "[-i|-S|-g|-G|-c|-C|-d|-t] DEVNAME ...")
                 List<String> words) throws ErrnoException {
        new EthtoolCommand(machine, out).run(words == null ? List.of() : words);
    }

    @Command(name = "traffic", mixinStandardHelpOptions = true,
            description = "Offer frames to an interface's wire at a constant rate, or show what was offered and where it went.",
            footer = TrafficCommand.USAGE)
    void traffic(@Parameters(paramLabel = "WORD", arity = "0..*", description = "DEV rate=FPS size=BYTES for=DURATION")
                 List<String> words) throws ErrnoException {
        new TrafficCommand(machine, out, traffic).run(words == null ? List.of() : words);
    }

    @Command(name = "tcpdump", mixinStandardHelpOptions = true,
            description = "Capture an interface's frames into a pcap file (tcpdump -i DEV [-c N] [-p] -w FILE), or end the captures (tcpdump stop).",
            footer = TcpdumpCommand.USAGE)
    void tcpdump(@Option(names = "-i", paramLabel = "DEV", description = "The interface to capture on.") String ifname,
                 @Option(names = "-c", paramLabel = "N", description = "Stop after N frames.") String count,
                 @Option(names = "-w", paramLabel = "FILE", description = "The pcap file to write.") String file,
                 @Option(names = "-p", description = "Do not put the interface into promiscuous mode.") boolean noPromisc,
                 @Parameters(paramLabel = "stop", arity = "0..*", description = "stop: end every running capture") List<String> words)
            throws ErrnoException {
        new TcpdumpCommand(machine, out, captures).run(ifname, count, file, noPromisc, words == null ? List.of() : words);
    }

    /** After each command: captures that ended are closed and summarised, running ones written out. */
    void afterCommand() {
        TcpdumpCommand.report(out, captures);
    }

    /** The shell ends: every capture is closed and summarised. */
    void close() {
        TcpdumpCommand.closeAll(out, captures);
    }

    @Command(name = "warnings", mixinStandardHelpOptions = true, description = "List contract violations the runtime caught.")
    void warnings() {
        if (machine.violations().count() == 0) {
            out.println("no contract violations");
        }
        machine.violations().all().forEach(out::println);
    }

    @Command(name = "exit", aliases = "quit", description = "Leave the shell (end of input does too).")
    void exit() {
        // handled by Shell.execute before dispatch; listed here so that help shows it
    }
}
