package io.jnetdev.cli.livelock;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * {@code jnetdev livelock} end to end, once, into a temporary directory (fewer points and a
 * shorter window than the default, all default configurations): the CSV shows the livelock shape
 * the issue asks for — the interrupt-per-frame line falls below half its peak at the highest
 * offered load while e1000e's NAPI with throttling stays above 90% of its peak — conservation
 * holds in every row, the SVG holds one line per configuration and the PNG is a PNG. Plus the
 * usage errors.
 */
class LivelockCommandTest {
    private static final String[] SWEEP = {"--points", "6", "--duration", "20", "--warmup", "5", "--seed", "3"};

    @TempDir
    static Path dir;
    static int exit;
    static String out;
    static String err;
    static List<Map<String, String>> rows;

    @BeforeAll
    static void runTheSweep() throws IOException {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = new CommandLine(new LivelockCommand());
        cli.setOut(new PrintWriter(o, true));
        cli.setErr(new PrintWriter(e, true));
        List<String> args = new ArrayList<>(Arrays.asList(SWEEP));
        args.add("--out");
        args.add(dir.toString());
        exit = cli.execute(args.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        rows = exit == 0 ? readCsv(dir.resolve(LivelockCsv.FILE)) : List.of();
    }

    private static List<Map<String, String>> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.getFirst().split(",");
        List<Map<String, String>> result = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1); // commas outside quotes
            assertThat(cells).as("row %s", line).hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            result.add(row);
        }
        return result;
    }

    private static List<Map<String, String>> rowsOf(String config) {
        return rows.stream().filter(r -> r.get("config").equals(config)).toList();
    }

    private static double peak(List<Map<String, String>> line) {
        return line.stream().mapToDouble(r -> Double.parseDouble(r.get("delivered_fps"))).max().orElseThrow();
    }

    /** The row at the highest offered rate. */
    private static Map<String, String> last(List<Map<String, String>> line) {
        return line.stream().max((a, b) -> Long.compare(Long.parseLong(a.get("target_fps")), Long.parseLong(b.get("target_fps"))))
                .orElseThrow();
    }

    private static String describe(List<Map<String, String>> line) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, String> r : line) {
            sb.append(String.format("%n  offered %s delivered %s irq/s %s hardirq %s%% softirq %s%% ksoftirqd %s%% idle %s%%",
                    r.get("offered_fps"), r.get("delivered_fps"), r.get("interrupts_per_s"), r.get("cpu_hardirq_pct"),
                    r.get("cpu_softirq_pct"), r.get("cpu_ksoftirqd_pct"), r.get("cpu_idle_pct")));
        }
        return sb.toString();
    }

    @Test
    void theSweepRunsAndWritesARowPerConfigurationAndPoint() {
        assertThat(exit).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
        assertThat(rows).hasSize(LivelockConfig.DEFAULTS.length * 6);
        for (LivelockConfig c : LivelockConfig.DEFAULTS) {
            List<Map<String, String>> line = rowsOf(c.label());
            assertThat(line).as(c.label()).hasSize(6);
            long lineRate = OfferedRates.lineRateFps(c);
            assertThat(last(line).get("target_fps")).as("%s: the sweep ends at the port's line rate", c.label())
                    .isEqualTo(Long.toString(lineRate));
        }
        assertThat(rows).allSatisfy(r -> assertThat(r.get("cost_model")).contains("x" + LivelockCommand.DEFAULT_COST_SCALE));
        assertThat(out).contains("Receive livelock, 60-byte frames").contains("netif-rx").contains("e1000e-itr3")
                .contains("wrote ");
        assertThat(err).as("no progress bar in captured output, one plain line per configuration")
                .contains("livelock: netif-rx done").doesNotContain("%|");
    }

    @Test
    void theInterruptPerFrameLineLivelocksAndNapiHoldsNearItsPeak() {
        assertThat(exit).as("stderr:%n%s", err).isZero();
        List<Map<String, String>> netifRx = rowsOf("netif-rx");
        double peak = peak(netifRx);
        double atMax = Double.parseDouble(last(netifRx).get("delivered_fps"));
        assertThat(peak).as("netif-rx delivers something below saturation:%s", describe(netifRx)).isPositive();
        assertThat(atMax).as("netif-rx at the highest offered load is below half its peak %.0f:%s", peak, describe(netifRx))
                .isLessThan(peak / 2);
        // and the time went to hard-IRQ context, not to the protocol
        assertThat(Double.parseDouble(last(netifRx).get("cpu_hardirq_pct"))).as("netif-rx:%s", describe(netifRx))
                .isGreaterThan(90.0);

        List<Map<String, String>> napi = rowsOf("e1000e-itr3");
        double napiPeak = peak(napi);
        double napiAtMax = Double.parseDouble(last(napi).get("delivered_fps"));
        assertThat(napiAtMax).as("e1000e NAPI (ITR=3) at the highest offered load is above 90%% of its peak %.0f:%s", napiPeak,
                describe(napi)).isGreaterThan(napiPeak * 0.9);
    }

    @Test
    void everyRowConservesItsFrames() {
        assertThat(exit).as("stderr:%n%s", err).isZero();
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("conservation")).as("%s", r).isEqualTo("holds");
            long offered = Long.parseLong(r.get("run_offered_frames"));
            assertThat(offered).as("%s", r).isPositive();
            assertThat(Long.parseLong(r.get("run_delivered_frames")) + Long.parseLong(r.get("run_dropped_frames")))
                    .as("%s", r).isEqualTo(offered);
        });
    }

    @Test
    void theSvgHasOneLinePerConfigurationAndThePngIsAPng() throws Exception {
        assertThat(exit).as("stderr:%n%s", err).isZero();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // no network for the DTD
        Document svg = f.newDocumentBuilder().parse(dir.resolve(LivelockChart.SVG).toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        // a series line is one path through its six points (five segments) in a group stroked with its
        // colour at the series' width; the legend's sample of it is a single segment
        Map<String, Integer> linesByStroke = new HashMap<>();
        NodeList paths = svg.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            long segments = path.getAttribute("d").chars().filter(ch -> ch == 'L').count();
            if (segments == 5 && path.getParentNode() instanceof Element g && g.getAttribute("style").contains("stroke-width:2.2")) {
                linesByStroke.merge(strokeOf(g.getAttribute("style")), 1, Integer::sum);
            }
        }
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < LivelockConfig.DEFAULTS.length; i++) {
            expected.put(rgb(LivelockChart.color(i)), 1);
        }
        assertThat(linesByStroke).as("one line per configuration, by colour").isEqualTo(expected);
        // the title (cost model and CPU count) and the legend are text; the axis labels are drawn as glyph outlines
        List<String> texts = new ArrayList<>();
        NodeList textNodes = svg.getElementsByTagName("text");
        for (int i = 0; i < textNodes.getLength(); i++) {
            texts.add(textNodes.item(i).getTextContent());
        }
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("Receive livelock")
                .contains("CPU costs x" + LivelockCommand.DEFAULT_COST_SCALE).contains("1 CPU"));
        assertThat(texts).as("legend").contains(LivelockChart.REFERENCE);
        for (LivelockConfig c : LivelockConfig.DEFAULTS) {
            assertThat(texts).as("legend").contains(c.label());
        }

        byte[] png = Files.readAllBytes(dir.resolve(LivelockChart.PNG));
        assertThat(Arrays.copyOf(png, 8)).as("PNG signature")
                .containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        assertThat(png.length).isGreaterThan(10_000);
    }

    private static String strokeOf(String style) {
        int at = style.indexOf("stroke:");
        return style.substring(at + "stroke:".length(), style.indexOf(';', at));
    }

    private static String rgb(Color c) {
        return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
    }

    /**
     * {@code --machine} and {@code --jfr} together: the run uses the file (what its knobs do to a
     * point's machine is {@link PointMachineTest}'s), and one recording holds every point's machine.
     */
    @Test
    void jfrRecordsEveryPointsMachineOfARunFromAMachineFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("small-backlog.yaml");
        Files.writeString(file, """
                cpus: 1
                hz: 250
                sysctl:
                  net.core.netdev_max_backlog: 100
                """);
        Path jfr = tmp.resolve("sweep.jfr");
        StringWriter e = new StringWriter();
        CommandLine cli = new CommandLine(new LivelockCommand());
        cli.setErr(new PrintWriter(e, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int code = cli.execute("--config", "netif-rx", "--points", "2", "--warmup", "5", "--duration", "10",
                "--machine", file.toString(), "--jfr", jfr.toString(), "--out", tmp.resolve("out").toString());
        assertThat(code).as("exit; stderr:%n%s", e).isZero();
        assertThat(readCsv(tmp.resolve("out").resolve(LivelockCsv.FILE))).as("a row per point").hasSize(2);

        List<jdk.jfr.consumer.RecordedEvent> events = jdk.jfr.consumer.RecordingFile.readAllEvents(jfr);
        assertThat(events.stream().filter(ev -> ev.getEventType().getName().equals("jnetdev.probe")
                && "driver_bound".equals(ev.getString("step"))).count())
                .as("one driver_bound per point's machine").isEqualTo(2);
        assertThat(events.stream().filter(ev -> ev.getEventType().getName().equals("jnetdev.netif_rx")).count())
                .as("frames handed to netif_rx by the handler").isPositive();
    }

    @Test
    void aBadMachineFileExitsWithTwoAndItsLine(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "cpus: 1\nsysctl:\n  net.core.netdev_budgt: 10\n");
        StringWriter e = new StringWriter();
        CommandLine cli = new CommandLine(new LivelockCommand());
        cli.setErr(new PrintWriter(e, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int code = cli.execute("--machine", file.toString(), "--out", tmp.resolve("out").toString());
        assertThat(code).as("stderr: %s", e).isEqualTo(2);
        assertThat(e.toString().lines().toList()).as("one line").hasSize(1);
        assertThat(e.toString()).startsWith(file + ":3:");
        assertThat(tmp.resolve("out")).as("nothing written").doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwoAndOneMessage() {
        for (String[] args : new String[][] {{"--points", "1"}, {"--cpus", "0"}, {"--duration", "0"}, {"--config", "nope"},
            {"--cost-scale", "0"}}) {
            StringWriter e = new StringWriter();
            CommandLine cli = new CommandLine(new LivelockCommand());
            cli.setErr(new PrintWriter(e, true));
            cli.setOut(new PrintWriter(new StringWriter(), true));
            int code = cli.execute(args);
            assertThat(code).as("%s: %s", Arrays.toString(args), e).isEqualTo(2);
            assertThat(e.toString().lines().findFirst().orElse("")).as(Arrays.toString(args)).contains(args[0]);
        }
    }
}
