package io.jnetdev.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code jnetdev demo} tells the story in order, every phase of every card accounts for each frame,
 * the run ends clean with exit 0, and each sentence says what the counters printed above it say.
 * The demo runs once (seed 1) and each test reads its output.
 */
class DemoCommandTest {
    private static int exit;
    private static String out;

    @BeforeAll
    static void runDemo() {
        StringWriter buffer = new StringWriter();
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(buffer, true));
        exit = cli.execute("--seed", "1");
        out = buffer.toString();
    }

    @Test
    void endsWithExitZeroNoViolationAndConservationOnEveryLoadedInterface() {
        assertThat(exit).as("exit code; output:%n%s", out).isZero();
        assertThat(out).contains("conservation holds on every interface, 0 contract violation(s)")
                .doesNotContain("BROKEN").doesNotContain("unaccounted");
        for (String dev : List.of("eth0", "eth2", "eth3", "eth4")) {
            assertThat(out).containsPattern("(?m)^holds: +" + dev + ": offered [1-9]\\d* = delivered \\d+ \\+ dropped \\d+");
        }
    }

    @Test
    void tellsTheStoryInOrder() {
        List<String> sections = List.of(
                "== 1. Modules found by ServiceLoader", "== 2. Each probe's call chain", "== 3. lspci -nn",
                "== 4. Every network interface up",
                "== 5a. eth0: e1000e", "== 5b. eth0 — line rate", "== 6a. eth2: 3c59x on a 3c595", "== 6b. eth2 — line rate",
                "== 7a. eth3: 3c59x on a 3c905C", "== 7b. eth3 — line rate", "== 8a. eth4: tulip", "== 8b. eth4 — line rate",
                "== 9. The views in full", "== 10. Conservation per interface");
        int at = -1;
        for (String s : sections) {
            int next = out.indexOf(s);
            assertThat(next).as("section '%s' after the previous one in:%n%s", s, out).isGreaterThan(at);
            at = next;
        }
        // what the first sections show: lsmod with parameters, the folded probe chains, every NIC up with carrier
        assertThat(section("1.")).contains("e1000e").contains("InterruptThrottleRate=3").contains("max_interrupt_work=32");
        assertThat(section("2.")).contains("really_probe drv=tulip dev=0000:00:08.0 -> bound").contains("-> no match (");
        assertThat(section("3.")).contains("[8086:10d3]").contains("[10b7:5950]").contains("[10b7:9200]").contains("[1011:0019]");
        assertThat(section("4.")).doesNotContain("NO-CARRIER").contains("eth0-rx-0").contains("eth2, eth3");
    }

    @Test
    void everyPhaseAccountsForEveryFrameAndTheLineRatePhasesSaturateThe82574LAndThe3c595() {
        for (String phase : List.of("5a.", "5b.", "6a.", "6b.", "7a.", "7b.", "8a.", "8b.")) {
            long[] a = accounting(section(phase));
            assertThat(a[0]).as("phase %s offers frames", phase).isPositive();
            assertThat(a[0]).as("phase %s: offered = delivered + dropped", phase).isEqualTo(a[1] + a[2]);
        }
        for (String low : List.of("5a.", "6a.", "7a.", "8a.")) {
            assertThat(accounting(section(low))[2]).as("nothing dropped at low load (%s)", low).isZero();
        }
        assertThat(accounting(section("5b."))[2]).as("the 82574L's ring overflows at 1 Gb/s line rate").isPositive();
        assertThat(accounting(section("6b."))[2]).as("the 3c595 saturates below 100 Mb/s line rate").isPositive();
    }

    @Test
    void eachSentenceRepeatsTheNumbersOfItsPhase() {
        Pattern said = Pattern.compile("-> (eth\\d): ([\\d,]+) of ([\\d,]+) frames delivered in ([\\d,]+) interrupts.*?\\(([\\d.]+) per interrupt");
        for (String phase : List.of("5a.", "5b.", "6a.", "6b.", "7a.", "7b.", "8a.", "8b.")) {
            String s = section(phase);
            Matcher m = said.matcher(s);
            assertThat(m.find()).as("phase %s has its sentence:%n%s", phase, s).isTrue();
            long[] a = accounting(s);
            assertThat(number(m.group(2))).as("delivered in %s", phase).isEqualTo(a[1]);
            assertThat(number(m.group(3))).as("offered in %s", phase).isEqualTo(a[0]);
            long irqs = number(m.group(4));
            assertThat(irqs).isPositive();
            assertThat(Double.parseDouble(m.group(5))).as("frames per interrupt in %s", phase)
                    .isCloseTo(a[1] / (double) irqs, org.assertj.core.data.Offset.offset(0.05));
            assertThat(s.contains("nothing was dropped")).as("'nothing was dropped' in %s only when nothing was", phase)
                    .isEqualTo(a[2] == 0);
        }
    }

    @Test
    void theDropAndMechanismClausesQuoteTheDeltaView() {
        String e1000e = section("5b.");
        long missed = said(e1000e, "the card missed ([\\d,]+) frames \\(rx_missed_errors\\)");
        assertThat(missed).isEqualTo(delta(e1000e, "rx_missed_errors"));

        String vortex = section("6b.");
        assertThat(said(vortex, "([\\d,]+) frames overran the card's receive FIFO")).isEqualTo(delta(vortex, "rx_fifo_errors"));
        assertThat(said(vortex, "hit max_interrupt_work \\(32 passes\\) ([\\d,]+) time"))
                .isEqualTo(delta(vortex, "max_interrupt_work_trips")).isPositive();
        assertThat(said(vortex, "FakeIntr restored them ([\\d,]+) time")).isEqualTo(delta(vortex, "deferred_restored"));

        String tulip = section("8b.");
        assertThat(said(tulip, "mitigation turned on ([\\d,]+) time")).isEqualTo(delta(tulip, "mitigation_switched_on"));
        assertThat(said(tulip, "interrupts and ([\\d,]+) NAPI polls"))
                .isEqualTo(delta(tulip, "polls"));
    }

    /** The text of the section whose title starts with {@code number}, up to the next section. */
    private static String section(String number) {
        int start = out.indexOf("== " + number);
        assertThat(start).as("section %s in:%n%s", number, out).isNotNegative();
        int end = out.indexOf("\n== ", start + 3);
        return out.substring(start, end < 0 ? out.length() : end);
    }

    @Test
    void aMachineFileOfItsOwnGetsItsOwnCardsPhases(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("one-tulip.yaml");
        Files.writeString(file, """
                cpus: 1
                slots:
                  - slot: 8
                    model: 21143
                    mac: 08:00:2b:00:00:01
                """);
        StringWriter buffer = new StringWriter();
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(buffer, true));
        int code = cli.execute("--machine", file.toString());
        String text = buffer.toString();
        assertThat(code).as("exit code; output:%n%s", text).isZero();
        assertThat(text).contains("== 5a. eth0: tulip on a DEC 21143").contains("== 5b. eth0")
                .doesNotContain("== 6a.") // one card, one pair of phases
                .containsPattern("(?m)^holds: +eth0: offered [1-9]");
    }

    /** The phase's "ethX: offered N = delivered D + dropped K" line: {N, D, K}. */
    private static long[] accounting(String section) {
        Matcher m = Pattern.compile("(?m)^  eth\\d: offered ([\\d,]+) = delivered ([\\d,]+) \\+ dropped ([\\d,]+)").matcher(section);
        assertThat(m.find()).as("accounting line in:%n%s", section).isTrue();
        return new long[] {number(m.group(1)), number(m.group(2)), number(m.group(3))};
    }

    /** The increment the delta view printed for {@code counter} (an ethtool -S row). */
    private static long delta(String section, String counter) {
        Matcher m = Pattern.compile("(?m)^    " + counter + " +\\+([\\d,]+)$").matcher(section);
        assertThat(m.find()).as("delta row %s in:%n%s", counter, section).isTrue();
        return number(m.group(1));
    }

    /** The number the sentence clause matching {@code regex} (one group) carries. */
    private static long said(String section, String regex) {
        Matcher m = Pattern.compile("-> .*?" + regex).matcher(section);
        assertThat(m.find()).as("'%s' in:%n%s", regex, section).isTrue();
        return number(m.group(1));
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
