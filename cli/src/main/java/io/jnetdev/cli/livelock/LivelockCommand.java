package io.jnetdev.cli.livelock;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.cli.JfrOptions;
import io.jnetdev.cli.MachineOptions;
import io.jnetdev.cli.machine.MachineDescription;
import io.jnetdev.cli.machine.MachineFile;
import io.jnetdev.cli.machine.MachineFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jnetdev livelock}: the receive-livelock experiment of Mogul and Ramakrishnan, on real
 * drivers. For each configuration it sweeps the offered rate of 60-byte frames from a hundredth of
 * the card's line rate to the line rate, each point on a fresh machine, and records delivered
 * frames/s, interrupts/s, CPU time by context and drops by counter; it writes {@code livelock.csv},
 * {@code livelock.svg} and {@code livelock.png} and prints a summary table.
 */
@Command(name = "livelock", mixinStandardHelpOptions = true,
        description = {"Sweep offered load over several receive designs (interrupt per frame with netif_rx, 3c59x's bounded "
                + "interrupt work, tulip NAPI with and without hardware mitigation, e1000e NAPI with throttling on and off) and "
                + "show which ones livelock: writes livelock.csv, livelock.svg and livelock.png into --out and prints a summary.",
            "Every point runs on a fresh simulated machine for a fixed span of virtual time; the run fails (exit 1) if any "
                + "frame is neither delivered nor counted in a drop counter."})
public final class LivelockCommand implements Callable<Integer> {

    /** The default CPU slow-down: a ~1 GHz core of the time NAPI and the first gigabit NICs came (README, "The livelock experiment"). */
    static final long DEFAULT_COST_SCALE = 3;

    @Option(names = "--out", defaultValue = "livelock-out", paramLabel = "DIR",
            description = "Directory for livelock.csv, livelock.svg and livelock.png, created if missing (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of every machine of the run (default: ${DEFAULT-VALUE}, or the machine file's).")
    long seed;

    @Option(names = "--cpus", defaultValue = "1",
            description = "Virtual CPUs per machine, 1..64 (default: ${DEFAULT-VALUE}: the classic livelock is one CPU's; "
                    + "or the machine file's).")
    int cpus;

    @Option(names = "--machine", paramLabel = "FILE",
            description = "Take CPUs, HZ, seed and the net.core sysctls of every point's machine from this machine file "
                    + "(--cpus and --seed still override); its slots, modules and wires are not used: each configuration "
                    + "brings its own card, module and traffic.")
    Path machineFile;

    @Mixin
    JfrOptions jfrOptions = new JfrOptions();

    @Option(names = "--points", defaultValue = "10",
            description = "Offered rates per configuration, 2..100, log-spaced from 1/100 of line rate to line rate (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--duration", defaultValue = "30", paramLabel = "MS",
            description = "Measured virtual milliseconds per point, 1..10000, after a warm-up of --warmup (default: ${DEFAULT-VALUE}).")
    long durationMs;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "MS",
            description = "Virtual milliseconds of load before measuring, 0..10000 (default: ${DEFAULT-VALUE}).")
    long warmupMs;

    @Option(names = "--cost-scale", defaultValue = "" + DEFAULT_COST_SCALE, paramLabel = "N",
            description = "Run on a CPU N times slower than the default cost model (bus costs unchanged), 1..1000; the same for "
                    + "every configuration of the run (default: ${DEFAULT-VALUE}).")
    long costScale;

    @Option(names = "--config", paramLabel = "NAME", split = ",",
            description = "Configurations to run, repeatable or comma-separated, of: ${COMPLETION-CANDIDATES} "
                    + "(default: all).",
            completionCandidates = ConfigNames.class)
    List<String> configs;

    @Spec
    CommandSpec spec;

    /** The labels, for picocli's help. */
    static final class ConfigNames extends ArrayList<String> {
        ConfigNames() {
            for (LivelockConfig c : LivelockConfig.ALL) {
                add(c.label());
            }
        }
    }

    private void validate() {
        check(cpus >= 1 && cpus <= 64, "--cpus must be between 1 and 64, not " + cpus);
        check(points >= 2 && points <= 100, "--points must be between 2 and 100, not " + points);
        check(durationMs >= 1 && durationMs <= 10_000, "--duration must be between 1 and 10000 ms, not " + durationMs);
        check(warmupMs >= 0 && warmupMs <= 10_000, "--warmup must be between 0 and 10000 ms, not " + warmupMs);
        check(costScale >= 1 && costScale <= 1000, "--cost-scale must be between 1 and 1000, not " + costScale);
        if (configs != null) {
            for (String c : configs) {
                check(LivelockConfig.byLabel(c) != null, "--config: unknown configuration '" + c + "'; known: " + LivelockConfig.labels());
            }
        }
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    @Override
    public Integer call() throws IOException, ErrnoException {
        validate();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<LivelockConfig> chosen = new ArrayList<>();
        if (configs == null || configs.isEmpty()) {
            chosen.addAll(List.of(LivelockConfig.DEFAULTS));
        } else {
            for (String c : new LinkedHashSet<>(configs)) {
                chosen.add(LivelockConfig.byLabel(c));
            }
        }
        PointBase base;
        try {
            base = pointBase();
        } catch (MachineFileException e) {
            stderr.println(e.getMessage());
            stderr.flush();
            return MachineOptions.BAD_MACHINE_FILE;
        }
        Files.createDirectories(out);
        ScaledCostModel costs = new ScaledCostModel(costScale);
        String costModel = costs.toString();
        try (JfrOptions.Session jfr = jfrOptions.start(spec)) {
            PointRunner runner = new PointRunner(base, costs, warmupMs * PointMachine.MS, durationMs * PointMachine.MS,
                    jfr::attach, jfr::detach);
            return sweep(chosen, runner, base, costModel, stdout, stderr);
        }
    }

    /** Linux's defaults, or the machine file's CPUs, HZ, seed and knobs; {@code --cpus} and {@code --seed} win when given. */
    private PointBase pointBase() throws MachineFileException {
        if (machineFile == null) {
            return PointBase.defaults(cpus, seed);
        }
        MachineDescription d = MachineFile.load(machineFile);
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        return PointBase.of(d, given.hasMatchedOption("--cpus") ? cpus : d.cpus(), given.hasMatchedOption("--seed") ? seed : d.seed());
    }

    private int sweep(List<LivelockConfig> chosen, PointRunner runner, PointBase base, String costModel, PrintWriter stdout,
                      PrintWriter stderr) throws IOException, ErrnoException {
        int cpus = base.cpus();
        long seed = base.seed();

        List<LivelockPoint> results = new ArrayList<>();
        List<String> labels = chosen.stream().map(LivelockConfig::label).toList();
        try (SweepProgress progress = SweepProgress.forConsole(chosen.size() * points, stderr)) {
            for (LivelockConfig c : chosen) {
                for (long fps : OfferedRates.logSpaced(OfferedRates.lineRateFps(c), points)) {
                    LivelockPoint p = runner.run(c, fps);
                    results.add(p);
                    progress.pointDone(c.label(), fps, p);
                }
                progress.configDone(c.label());
            }
        } catch (PointRunner.ConservationException e) {
            stderr.println("livelock: " + e.getMessage());
            stderr.flush();
            return 1;
        }

        Path csv = LivelockCsv.write(out, results, costModel, cpus, seed);
        JFreeChart chart = LivelockChart.chart(labels, results, costModel, cpus);
        Path svg = LivelockChart.writeSvg(out, chart);
        Path png = LivelockChart.writePng(out, chart);
        LivelockSummary.print(stdout, labels, results, costModel, cpus);
        stdout.println();
        for (LivelockConfig c : chosen) {
            stdout.println("  " + c.label() + ": " + c.what());
        }
        stdout.println("wrote " + csv + ", " + svg + ", " + png);
        stdout.flush();
        return 0;
    }
}
