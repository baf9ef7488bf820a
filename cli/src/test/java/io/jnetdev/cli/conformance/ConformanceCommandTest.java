package io.jnetdev.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.module.KernelModule;
import io.jnetdev.cli.Jnetdev;
import io.jnetdev.conformance.ConformanceTarget;
import io.jnetdev.conformance.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * {@code jnetdev conformance} as a CI step: the reference e1000e driver passes with exit 0, a
 * table and JUnit XML; a broken plugin jar fails with exit 1 and its rule named; what cannot be
 * checked is refused with exit 2 and one sentence. One seed per run keeps each under ~10 s.
 */
class ConformanceCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    private static Run jnetdev(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Jnetdev());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void e1000ePassesEveryDeclaredRuleWithOneSeedAndWritesJUnitXml() throws Exception {
        Path reports = tmp.resolve("reports");
        Run r = jnetdev("conformance", "--module", "e1000e", "--seeds", "1", "--reports", reports.toString());

        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).as("%s", r)
                .contains("jnetdev conformance: module e1000e (from class path), model E1000e, seed 1")
                .containsPattern("RULE +PASSED +FAILED +SKIPPED +RESULT +TITLE")
                .containsPattern("\nR10 +1 +0 +0 +passed +all work done: complete, then return less than budget\n")
                .containsPattern("\nD14-SHIRQ +1 +0 +0 +passed ")
                .containsPattern("\nETH-SELFTEST +1 +0 +0 +passed ")
                .containsPattern("\nMQ +0 +0 +1 +skipped +multiple queues\n")
                .contains(Rule.values().length + " rules: " + (Rule.values().length - 1) + " passed, 0 failed, 1 skipped ("
                        + Rule.values().length + " tests)")
                .contains("Skipped MQ: the driver does not declare [MULTI_QUEUE]")
                .doesNotContain("First failure");
        assertThat(r.err()).as("progress, one line per rule").contains("seed 1: running every scenario")
                .containsPattern("\\[ 1/" + Rule.values().length + "] PROBE +passed")
                .contains("MQ             skipped");

        Element suite = junitXml(reports, "e1000e");
        assertThat(r.out()).contains("JUnit XML: " + reports.resolve("TEST-conformance-e1000e.xml"));
        assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(Rule.values().length));
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(testCaseNames(suite)).hasSize(Rule.values().length).contains("R10 seed 1", "WARN seed 1", "MQ seed 1");
        assertThat(((Element) suite.getElementsByTagName("testcase").item(0)).getAttribute("classname")).isEqualTo("conformance.e1000e");
    }

    @Test
    void aBrokenPluginJarFailsItsRuleWithExitOneAndTheReplaySeed() throws Exception {
        Path jar = pluginJar(Map.of(KernelModule.class, LeakyProbeModule.class, ConformanceTarget.class, LeakyProbeTarget.class));
        Path reports = tmp.resolve("reports");
        Run r = jnetdev("conformance", "--jar", jar.toString(), "--seed", "3", "--reports", reports.toString());

        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.out()).as("%s", r)
                .contains("module leakyprobe (from " + jar + "), model TestNic, seed 3")
                .containsPattern("\nD3 +0 +1 +0 +FAILED +probe failure frees everything\n")
                .containsPattern("\nPROBE +0 +1 +0 +FAILED ")
                .containsPattern("\nR10 +0 +0 +1 +skipped ") // NAPI not declared: skipped, never passed
                // the device never bound: what the scenarios could not reach is not passed either
                .containsPattern("\nCONS +0 +0 +1 +skipped ").containsPattern("\nLIVE +0 +0 +1 +skipped ")
                .contains("Skipped R4, R5, R6, R7, R9, R10, R12, R13, R15, R16, R18: the driver does not declare [NAPI]")
                .contains("First failure of D3:")
                .contains("  D3 probe failure frees everything")
                .contains("seed 3")
                .contains("replay: -Djnetdev.conformance.seed=3");

        Element suite = junitXml(reports, "leakyprobe");
        assertThat(Integer.parseInt(suite.getAttribute("failures"))).isGreaterThanOrEqualTo(2);
        assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(Rule.values().length));
        assertThat(failedTestCaseNames(suite)).contains("D3 seed 3", "PROBE seed 3").doesNotContain("R10 seed 3");
    }

    @Test
    void whatCannotBeCheckedIsRefusedWithExitTwoAndOneSentence() throws Exception {
        Run unknown = jnetdev("conformance", "--module", "nosuch", "--reports", tmp.toString());
        assertThat(unknown.exit()).as("%s", unknown).isEqualTo(2);
        assertThat(unknown.err()).contains("no module 'nosuch'").contains("e1000e");

        Run undescribed = jnetdev("conformance", "--module", "edu", "--reports", tmp.toString());
        assertThat(undescribed.exit()).as("%s", undescribed).isEqualTo(2);
        assertThat(undescribed.err()).contains("module 'edu' has no conformance descriptor")
                .contains("io.jnetdev.conformance.ConformanceTarget").contains("DriverUnderTest.module(\"edu\")");

        Run missingJar = jnetdev("conformance", "--jar", tmp.resolve("absent.jar").toString(), "--reports", tmp.toString());
        assertThat(missingJar.exit()).as("%s", missingJar).isEqualTo(2);
        assertThat(missingJar.err()).contains("cannot read the plugin jar").contains("absent.jar").contains("no such file");

        Path notAJar = Files.writeString(tmp.resolve("text.jar"), "not a zip");
        Run garbage = jnetdev("conformance", "--jar", notAJar.toString(), "--reports", tmp.toString());
        assertThat(garbage.exit()).as("%s", garbage).isEqualTo(2);
        assertThat(garbage.err()).contains("not a jar");

        Path moduleOnly = pluginJar(Map.of(KernelModule.class, LeakyProbeModule.class));
        Run noTarget = jnetdev("conformance", "--jar", moduleOnly.toString(), "--reports", tmp.toString());
        assertThat(noTarget.exit()).as("%s", noTarget).isEqualTo(2);
        assertThat(noTarget.err()).contains("module 'leakyprobe' has no conformance descriptor");

        Run wrongModule = jnetdev("conformance", "--jar", moduleOnly.toString(), "--module", "e1000e", "--reports", tmp.toString());
        assertThat(wrongModule.exit()).as("%s", wrongModule).isEqualTo(2);
        assertThat(wrongModule.err()).as("the jar's modules, not the class path's").contains("holds no module 'e1000e' (it holds leakyprobe)");

        Run nothing = jnetdev("conformance");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("--module NAME").contains("--jar PATH");

        Run noSeeds = jnetdev("conformance", "--module", "e1000e", "--seeds", "0");
        assertThat(noSeeds.exit()).isEqualTo(2);
        assertThat(noSeeds.err()).contains("--seeds must be at least 1");
    }

    /** {@code --machine}: the card and the module's parameters come from a machine file. */
    @Test
    void aMachineFileNamesTheCardAndTheParameters() throws Exception {
        Path file = Files.writeString(tmp.resolve("dec21140.yaml"), """
                slots:
                  - slot: 3
                    model: edu
                  - slot: 9
                    model: 21140
                    mac: 08:00:2b:00:00:09
                modules:
                  tulip: {max_interrupt_work: 20}
                """);
        Run r = jnetdev("conformance", "--module", "tulip", "--machine", file.toString(), "--seeds", "1",
                "--reports", tmp.resolve("reports").toString());
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).as("%s", r)
                .contains("module tulip (from class path, card and parameters from " + file
                        + ": slot 9, 21140, {max_interrupt_work=20}), model Tulip, seed 1")
                .contains(" 0 failed");

        Path noCard = Files.writeString(tmp.resolve("edu-only.yaml"), "slots:\n  - slot: 3\n    model: edu\n");
        Run refused = jnetdev("conformance", "--module", "tulip", "--machine", noCard.toString(), "--reports", tmp.toString());
        assertThat(refused.exit()).as("%s", refused).isEqualTo(2);
        assertThat(refused.err()).contains(noCard + ": no network card in its slots");

        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "slots:\n  - slot: 3\n    model: 82575\n");
        Run badFile = jnetdev("conformance", "--module", "e1000e", "--machine", bad.toString(), "--reports", tmp.toString());
        assertThat(badFile.exit()).as("%s", badFile).isEqualTo(2);
        assertThat(badFile.err()).contains(bad + ":3:");
    }

    @Test
    void helpShowsAnExampleAndTheExitStatus() {
        Run help = jnetdev("conformance", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--module=NAME").contains("--jar=PATH").contains("--seeds=N").contains("--seed=N")
                .contains("--reports=DIR").contains("target/conformance-reports")
                .contains("jnetdev conformance --module e1000e --seeds 1")
                .contains("Exit status: 0 nothing failed, 1 a rule failed, 2 bad input");
        assertThat(jnetdev("--help").out()).as("listed under jnetdev").contains("conformance");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * A plugin jar as a plugin's build makes it: the classes of this package whose names start
     * with {@code LeakyProbe}, and a services file for each service given.
     */
    private Path pluginJar(Map<Class<?>, Class<?>> services) throws IOException, URISyntaxException {
        Path classes = Path.of(LeakyProbeModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = classes.resolve(LeakyProbeModule.class.getPackageName().replace('.', '/'));
        Path jar = Files.createTempFile(tmp, "plugin", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.list(pkg)) {
            for (Path c : files.filter(p -> p.getFileName().toString().startsWith("LeakyProbe")).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                try (InputStream in = Files.newInputStream(c)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            for (Map.Entry<Class<?>, Class<?>> s : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + s.getKey().getName()));
                out.write((s.getValue().getName() + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Element junitXml(Path reports, String module) throws Exception {
        Path xml = reports.resolve("TEST-conformance-" + module + ".xml");
        assertThat(xml).exists();
        assertThat(reports.resolve("TEST-junit-jupiter.xml")).as("renamed, not left beside it").doesNotExist();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        return suite;
    }

    private static List<String> testCaseNames(Element suite) {
        List<String> names = new ArrayList<>();
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static List<String> failedTestCaseNames(Element suite) {
        List<String> names = new ArrayList<>();
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getElementsByTagName("failure").getLength() > 0) {
                names.add(c.getAttribute("name"));
            }
        }
        return names;
    }
}
