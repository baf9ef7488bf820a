package io.jnetdev.cli.conformance;

import io.jnetdev.cli.machine.MachineDescription;
import io.jnetdev.cli.machine.MachineFile;
import io.jnetdev.cli.machine.MachineFileException;
import io.jnetdev.cli.machine.SlotSpec;
import io.jnetdev.conformance.DriverUnderTest;
import io.jnetdev.conformance.KitConfig;
import io.jnetdev.conformance.Rule;
import io.jnetdev.hw.NicModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jnetdev conformance}: runs the conformance kit against one driver module through the
 * JUnit Platform launcher, as a CI step — a table of the rules with passed / failed / skipped
 * over the seeds, each failed rule's first failure, JUnit XML for the CI server, and an exit
 * status: {@value #OK} when nothing failed, {@value #FAILED} when a rule failed, {@value #BAD_INPUT}
 * when the module or jar cannot be checked (picocli's usage-error status too).
 */
@Command(name = "conformance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run the conformance kit against a driver module and write JUnit XML: every scenario on fresh deterministic "
                    + "machines for each seed, one test per rule and seed.",
            "The module is one on jnetdev's own class path (the reference drivers: --module e1000e) or one in a plugin "
                    + "jar (--jar), which must ship an io.jnetdev.conformance.ConformanceTarget naming its card model "
                    + "and capabilities."},
        footer = {
            "",
            "Examples:",
            "  jnetdev conformance --module e1000e --seeds 1",
            "  jnetdev conformance --jar target/mynic-1.0.jar --reports target/reports",
            "  jnetdev conformance --module e1000e --seed 2     # replay a printed seed",
            "  jnetdev conformance --module tulip --machine dec21140.yaml   # the card and parameters of a machine file",
            "",
            "The JUnit XML is DIR/TEST-conformance-<module>.xml, one test case per rule and seed (R10 seed 1).",
            "",
            "Exit status: 0 nothing failed, 1 a rule failed, 2 bad input (unknown module, unreadable jar, no descriptor)."})
public final class ConformanceCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Option(names = {"-m", "--module"}, paramLabel = "NAME",
            description = "The module to check: on jnetdev's class path, or in the --jar when it holds several.")
    String module;

    @Option(names = "--jar", paramLabel = "PATH", description = "A driver plugin jar: its module is found with ServiceLoader.")
    Path jar;

    @Option(names = "--machine", paramLabel = "FILE",
            description = "Take the card model (the file's first network card) and the module's parameters (its modules: "
                    + "entry) from a machine file instead of the target's; the kit's machines keep their own CPUs, slots "
                    + "and knobs. The target's declared capabilities still apply.")
    Path machine;

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds per scenario, consecutive from 1 (default: ${DEFAULT-VALUE}).")
    int seeds = KitConfig.DEFAULT_SEEDS;

    @Option(names = "--seed", paramLabel = "N", description = "Run only this seed: the replay of a failure.")
    Long seed;

    @Option(names = "--reports", paramLabel = "DIR", description = "Where the JUnit XML goes (default: ${DEFAULT-VALUE}).")
    Path reports = Path.of("target", "conformance-reports");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (module == null && jar == null) {
            return refuse(err, "name what to check: --module NAME (e.g. --module e1000e) or --jar PATH");
        }
        if (seeds < 1) {
            return refuse(err, "--seeds must be at least 1, not " + seeds);
        }
        try {
            Files.createDirectories(reports);
        } catch (IOException e) {
            return refuse(err, "cannot create the reports directory " + reports + ": " + e);
        }
        Targets.Chosen chosen;
        try {
            chosen = jar != null ? Targets.inJar(jar, module, getClass().getClassLoader())
                    : Targets.onClassPath(module, getClass().getClassLoader());
        } catch (Targets.Refused e) {
            return refuse(err, e.getMessage());
        }
        try (chosen) {
            Targets.Chosen checked = chosen;
            if (machine != null) {
                try {
                    checked = fromMachineFile(chosen);
                } catch (MachineFileException | Targets.Refused e) {
                    return refuse(err, e.getMessage());
                }
            }
            return run(checked, out, err);
        }
    }

    /** The chosen target on the machine file's first network card, with the file's parameters for its module. */
    private Targets.Chosen fromMachineFile(Targets.Chosen chosen) throws MachineFileException, Targets.Refused {
        ClassLoader modules = chosen.loader() != null ? chosen.loader() : getClass().getClassLoader();
        MachineDescription d = MachineFile.load(machine, modules);
        SlotSpec card = d.slots().stream().filter(s -> s.model().nic()).findFirst()
                .orElseThrow(() -> new Targets.Refused(machine + ": no network card in its slots: the kit needs one for "
                        + chosen.dut().moduleName() + " to drive"));
        Map<String, String> params = d.modules() == null ? Map.of()
                : d.modules().getOrDefault(chosen.dut().moduleName(), Map.of());
        DriverUnderTest dut = chosen.dut().withModel(() -> (NicModel) card.newModel(), params);
        return new Targets.Chosen(dut, chosen.origin() + ", card and parameters from " + machine + ": slot " + card.slot() + ", "
                + card.model().name() + (params.isEmpty() ? "" : ", " + params),
                chosen.loader());
    }

    private int run(Targets.Chosen chosen, PrintWriter out, PrintWriter err) {
        String seedsText = seed != null ? "seed " + seed : seeds == 1 ? "seed 1" : "seeds 1-" + seeds;
        out.printf("jnetdev conformance: module %s (from %s), model %s, %s%n", chosen.dut().moduleName(), chosen.origin(),
                modelName(chosen), seedsText);
        out.printf("declared: %s%n", chosen.dut().capabilities().isEmpty() ? "(nothing)"
                : EnumSet.copyOf(chosen.dut().capabilities()));
        out.flush();

        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(CommandLineConformance.class))
                .configurationParameter(KitConfig.SEEDS, Integer.toString(seeds))
                .configurationParameter(KitConfig.BASE_SEED, Long.toString(KitConfig.DEFAULT_BASE_SEED));
        if (seed != null) {
            request.configurationParameter(KitConfig.SEED, Long.toString(seed));
        }
        LauncherDiscoveryRequest built = request.build();
        RuleTally tally = new RuleTally(err);
        LegacyXmlReportGeneratingListener xml = new LegacyXmlReportGeneratingListener(reports, err);
        long start = System.nanoTime();
        Launcher launcher = LauncherFactory.create();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // the kit's machines find a module named only through this loader (the plugin jar's, or ours)
        thread.setContextClassLoader(chosen.loader() != null ? chosen.loader() : getClass().getClassLoader());
        try (AutoCloseable ignored = CommandLineConformance.checking(chosen.dut())) {
            launcher.execute(built, tally, xml);
        } catch (Exception e) {
            throw new IllegalStateException("the kit did not run: " + e, e);
        } finally {
            thread.setContextClassLoader(before);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Path xmlReport;
        try {
            xmlReport = JUnitXmlNames.rename(reports, chosen.dut().moduleName());
        } catch (IOException e) {
            err.println("jnetdev conformance: " + e.getMessage() + "; the report keeps JUnit's names");
            xmlReport = reports.resolve("TEST-junit-jupiter.xml");
        }
        return report(tally, out, seconds, xmlReport);
    }

    private int report(RuleTally tally, PrintWriter out, double seconds, Path xmlReport) {
        List<RuleTally.Row> rows = tally.rows();
        out.println();
        out.printf("%-14s %6s %6s %7s  %-7s  %s%n", "RULE", "PASSED", "FAILED", "SKIPPED", "RESULT", "TITLE");
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int tests = 0;
        for (RuleTally.Row r : rows) {
            out.printf("%-14s %6d %6d %7d  %-7s  %s%n", r.rule().id(), r.passed(), r.failed(), r.skipped(), r.verdict(),
                    r.rule().title());
            tests += r.passed() + r.failed() + r.skipped();
            switch (r.verdict()) {
                case "FAILED" -> failed++;
                case "skipped" -> skipped++;
                case "passed" -> passed++;
                default -> { }
            }
        }
        out.println();
        out.printf("%d rules: %d passed, %d failed, %d skipped (%d tests) in %.1f s. JUnit XML: %s%n",
                Rule.values().length, passed, failed, skipped, tests, seconds, xmlReport);
        Map<String, List<String>> skippedBecause = new LinkedHashMap<>();
        for (RuleTally.Row r : rows) {
            if (r.verdict().equals("skipped") && r.skipReason() != null) {
                String reason = r.skipReason().replaceFirst("^" + Pattern.quote(r.rule().id()) + " not checked: ", "");
                skippedBecause.computeIfAbsent(reason, k -> new ArrayList<>()).add(r.rule().id());
            }
        }
        skippedBecause.forEach((reason, ids) -> out.println("Skipped " + String.join(", ", ids) + ": " + reason));
        for (RuleTally.Row r : rows) {
            if (r.firstFailure() != null) {
                out.println();
                out.println("First failure of " + r.rule().id() + ":");
                r.firstFailure().lines().forEach(line -> out.println("  " + line));
            }
        }
        for (String other : tally.otherFailures()) {
            out.println();
            out.println("The kit failed outside its rules: " + other);
        }
        out.flush();
        boolean anyFailed = failed > 0 || !tally.otherFailures().isEmpty() || tests == 0;
        return anyFailed ? FAILED : OK;
    }

    private static String modelName(Targets.Chosen chosen) {
        try {
            return chosen.dut().model().get().getClass().getSimpleName();
        } catch (RuntimeException e) {
            return "(the model cannot be made: " + e + ")";
        }
    }

    private int refuse(PrintWriter err, String message) {
        err.println("jnetdev conformance: " + message);
        err.flush();
        return BAD_INPUT;
    }
}
