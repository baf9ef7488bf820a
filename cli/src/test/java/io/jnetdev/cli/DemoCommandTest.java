package io.jnetdev.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code jnetdev demo} runs to the end without a contract violation and shows the packet path. */
class DemoCommandTest {

    @Test
    void demoBringsEth0UpRunsTrafficAndShowsTheSoftirqViews() {
        StringWriter buffer = new StringWriter();
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(buffer, true));
        int exit = cli.execute("--seed", "1");
        String out = buffer.toString();
        assertThat(exit).as("exit code; output:%n%s", out).isZero();
        assertThat(out).contains("== A network interface: ip link set eth0 up")
                .contains("state UP")
                .contains("offered 4000 of 4000 (done)") // 200k fps x 20 ms
                .contains("offered 29762 of 29762 (done)") // 1,488,095 fps x 20 ms, rounded up
                .containsPattern("eth0: offered 33762 = delivered \\d+ \\+ dropped \\d+")
                .doesNotContain("unaccounted")
                .contains("rx_missed_errors=") // the line-rate phase overruns the ring, as the demo says
                .containsPattern("NET_RX: +[1-9]")
                .contains("== cat /proc/net/softnet_stat")
                .contains("with 0 contract violation(s)");
    }
}
