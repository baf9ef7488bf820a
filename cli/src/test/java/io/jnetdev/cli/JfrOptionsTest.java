package io.jnetdev.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --jfr FILE} writes a recording the JDK's own {@code jfr} tool reads; a bad path is a usage error. */
class JfrOptionsTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run demo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs the JDK's {@code bin/jfr} (the one running this test) and returns its output. */
    private static String jfrTool(String... args) throws IOException, InterruptedException {
        Path tool = Path.of(System.getProperty("java.home"), "bin", "jfr");
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(tool.toString());
        pb.command().addAll(List.of(args));
        Process p = pb.redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("jfr %s finished", List.of(args)).isTrue();
        assertThat(p.exitValue()).as("jfr %s:%n%s", List.of(args), text).isZero();
        return text;
    }

    @Test
    void demoWritesARecordingThatJfrPrintReads() throws Exception {
        Path file = dir.resolve("demo.jfr");
        Run run = demo("--seed", "1", "--jfr", file.toString());
        assertThat(run.exit()).as("exit; stderr:%n%s", run.err()).isZero();

        String polls = jfrTool("print", "--events", "jnetdev.napi_poll", file.toString());
        assertThat(polls).contains("jnetdev.napi_poll {").contains("device = \"eth0\"").contains("budget = 64");
        assertThat(polls).doesNotContain("jnetdev.irq_handler_entry");
        assertThat(jfrTool("summary", file.toString())).contains("jnetdev.netif_receive_skb").contains("jnetdev.probe");

        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        assertThat(events).as("the demo's probe chain, replayed at attach")
                .anyMatch(e -> e.getEventType().getName().equals("jnetdev.probe") && "driver_bound".equals(e.getString("step"))
                        && "e1000e".equals(e.getString("driver")) && "0000:00:04.0".equals(e.getString("device")));
        // The demo offers 200k frames/s and then line rate to eth0 for 20 ms each: most of them are received.
        assertThat(events.stream().filter(e -> e.getEventType().getName().equals("jnetdev.netif_receive_skb")
                && "eth0".equals(e.getString("device"))).count()).as("frames eth0 received").isGreaterThan(4000);
    }

    @Test
    void anUnwritableFileIsAUsageErrorNamingItBeforeTheMachineBoots() {
        Path file = dir.resolve("missing-directory").resolve("demo.jfr");
        Run run = demo("--jfr", file.toString());
        assertThat(run.exit()).as("usage error; stdout:%n%s", run.out()).isEqualTo(2);
        assertThat(run.err()).contains("--jfr: cannot write the JFR recording to " + file.toAbsolutePath());
        assertThat(run.out()).as("nothing ran").doesNotContain("== ");
    }
}
