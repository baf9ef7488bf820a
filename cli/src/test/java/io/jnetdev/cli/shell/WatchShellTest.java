package io.jnetdev.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.runtime.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code watch}: COUNT runs of the command, each under a header with the virtual time, INTERVAL of
 * virtual time after each (COUNT x INTERVAL in all); the command's own options stay its own; bad
 * input is one line and leaves the machine's time where it was.
 */
class WatchShellTest {
    private static final Pattern HEADER = Pattern.compile("(?m)^Every (\\S+)s: (.*?)   virtual (\\d+\\.\\d{6}) s$");

    private final ShellSession session = new ShellSession();
    private final Machine machine = session.machine;

    private String run(String line) {
        return session.run(line);
    }

    @Test
    void runsTheCommandCountTimesAndAdvancesCountTimesInterval() {
        long before = machine.engine().now();
        String out = run("watch -n 10ms -c 3 cat /proc/interrupts");
        List<Long> at = headerTimes(out, "0.01", "cat /proc/interrupts");
        assertThat(at).hasSize(3);
        assertThat(at.getFirst()).isEqualTo(Math.round(before / 1000.0));
        assertThat(at.get(1) - at.get(0)).isEqualTo(10_000L);
        assertThat(at.get(2) - at.get(1)).isEqualTo(10_000L);
        assertThat(out.split("CPU0", -1)).as("the command ran once per header").hasSize(4);
        assertThat(machine.engine().now()).isEqualTo(before + 3 * 10_000_000L);
    }

    @Test
    void defaultsToFiveRunsAHundredMillisecondsApart() throws Exception {
        long before = machine.engine().now();
        assertThat(headerTimes(run("watch lsmod"), "0.1", "lsmod")).hasSize(5);
        assertThat(machine.engine().now()).isEqualTo(before + 5 * WatchCommand.interval(WatchCommand.DEFAULT_INTERVAL));
        assertThat(WatchCommand.DEFAULT_INTERVAL).isEqualTo("100ms");
    }

    @Test
    void takesSecondsAsWatchDoesAndLeavesTheCommandsOptionsToIt() {
        long before = machine.engine().now();
        String out = run("watch -n 0.5 -c 2 ip -s link show eth0");
        assertThat(headerTimes(out, "0.5", "ip -s link show eth0")).hasSize(2);
        assertThat(out.split("RX:  bytes packets", -1)).as("-s reached ip: statistics twice").hasSize(3);
        assertThat(machine.engine().now()).isEqualTo(before + 1_000_000_000L);
    }

    @Test
    void showsCountersMovingWhileTrafficRuns() {
        run("ip link set eth4 up");
        run("run 10ms");
        run("traffic eth4 rate=1000 size=60 for=100ms");
        String out = run("watch -n 20ms -c 4 ethtool -S eth4");
        Matcher m = Pattern.compile("(?m)^ +rx_packets: (\\d+)$").matcher(out);
        List<Long> seen = new ArrayList<>();
        while (m.find()) {
            seen.add(Long.parseLong(m.group(1)));
        }
        assertThat(seen).hasSize(4);
        for (int i = 1; i < seen.size(); i++) {
            // 1000 frames/s for 20 ms between runs: about 20 more frames each time
            assertThat(seen.get(i) - seen.get(i - 1)).as("rx_packets %s", seen).isBetween(19L, 21L);
        }
        assertThat(machine.violations().all()).isEmpty();
    }

    @Test
    void badInputIsOneLineAndTimeStandsStill() {
        long before = machine.engine().now();
        assertThat(run("watch")).startsWith("watch: ").contains("COMMAND").hasLineCount(1);
        assertThat(run("watch -c 0 lsmod")).contains("count is a number from 1 to 10000").hasLineCount(1);
        assertThat(run("watch -c many lsmod")).contains("count is a number").hasLineCount(1);
        assertThat(run("watch -n ten lsmod")).contains("not a duration").hasLineCount(1);
        assertThat(run("watch -n 0 lsmod")).contains("more than 0").hasLineCount(1);
        assertThat(run("watch -n 0ms lsmod")).contains("more than 0").hasLineCount(1);
        assertThat(run("watch watch lsmod")).contains("'watch' cannot be watched").hasLineCount(1);
        assertThat(run("watch exit")).contains("'exit' cannot be watched").hasLineCount(1);
        assertThat(run("watch ifconfig -a")).contains("ifconfig: command not found").hasLineCount(1);
        assertThat(machine.engine().now()).isEqualTo(before);
    }

    /** The virtual times (µs) of the headers for {@code command} every {@code seconds}. */
    private static List<Long> headerTimes(String out, String seconds, String command) {
        Matcher m = HEADER.matcher(out);
        List<Long> times = new ArrayList<>();
        while (m.find()) {
            assertThat(m.group(1)).isEqualTo(seconds);
            assertThat(m.group(2)).isEqualTo(command);
            times.add(Long.parseLong(m.group(3).replace(".", "")));
        }
        return times;
    }
}
