package io.jnetdev.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.runtime.Machine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console: Linux spellings, one clear line for bad input, and the machine untouched by it. */
class ShellTest {
    private ShellSession session;
    private Machine machine;
    private Shell shell;

    @BeforeEach
    void boot() {
        session = new ShellSession();
        machine = session.machine;
        shell = session.shell;
    }

    private String run(String line) {
        return session.run(line);
    }

    @Test
    void unknownCommandPrintsOneLineAndTheShellGoesOn() {
        String out = run("ifconfig -a");
        assertThat(out.lines()).containsExactly("ifconfig: command not found (type 'help' for the list)");
        assertThat(run("lsmod")).contains("edu");
    }

    @Test
    void badOptionPrintsOneLine() {
        String out = run("lspci -x");
        assertThat(out.lines()).hasSize(1);
        assertThat(out).startsWith("lspci: ").contains("-x");
    }

    @Test
    void lspciShowsNumericIdsWithNn() {
        assertThat(run("lspci -nn")).contains("00:03.0 Unclassified device [00ff]: Device [1234:11e8] (rev 10)");
        assertThat(run("lspci")).contains("00:03.0 Unclassified device: Device 1234:11e8 (rev 10)");
        assertThat(run("lspci -v")).contains("Kernel driver in use: edu").contains("Kernel modules: edu");
    }

    @Test
    void procInterruptsNamesTheEduVectors() {
        String out = run("cat /proc/interrupts");
        assertThat(out).contains("CPU0").contains("CPU1").contains("edu");
    }

    @Test
    void unbindAndBindThroughSysfs() {
        assertThat(run("ls /sys/bus/pci/drivers/edu")).contains("0000:00:03.0");
        assertThat(run("echo 0000:00:03.0 > /sys/bus/pci/drivers/edu/unbind")).isEmpty();
        assertThat(machine.pci().function("0000:00:03.0").orElseThrow().driver()).isNull();
        assertThat(run("echo 0000:00:03.0 > /sys/bus/pci/drivers/edu/bind")).isEmpty();
        assertThat(machine.pci().function("0000:00:03.0").orElseThrow().driver().name()).isEqualTo("edu");
        assertThat(machine.violations().all()).isEmpty();
    }

    @Test
    void writeErrorsNameThePathAndTheErrno() {
        String out = run("echo 0000:00:09.0 > /sys/bus/pci/drivers/edu/bind");
        assertThat(out.lines()).hasSize(1);
        assertThat(out).contains("/sys/bus/pci/drivers/edu/bind").contains("ENODEV");
        assertThat(run("cat /sys/bus/pci/devices/nope/vendor")).contains("ENOENT");
    }

    @Test
    void modprobeAndRmmodWithParameters() {
        assertThat(run("rmmod edu")).isEmpty();
        assertThat(run("lsmod")).doesNotContain("edu");
        assertThat(run("modprobe edu use_msi=N")).isEmpty();
        assertThat(run("cat /sys/module/edu/parameters/use_msi")).isEqualTo("N\n");
        assertThat(run("modprobe nosuchmodule")).contains("Module nosuchmodule not found");
        assertThat(run("rmmod edu")).isEmpty();
        assertThat(run("modprobe edu use_msi=maybe")).contains("use_msi").contains("EINVAL");
        assertThat(run("lsmod")).doesNotContain("edu");
    }

    @Test
    void traceProbeShowsTheCallChain() {
        assertThat(run("trace probe")).contains("module_init").contains("really_probe").contains("driver_bound");
        assertThat(run("trace nothing")).contains("unknown trace");
    }

    @Test
    void runAdvancesVirtualTime() {
        long before = machine.engine().now();
        assertThat(run("run 10ms")).startsWith("t=");
        assertThat(machine.engine().now()).isEqualTo(before + 10_000_000L);
        assertThat(run("run ten")).contains("not a duration");
    }

    @Test
    void exitEndsTheShell() {
        assertThat(shell.execute("exit")).isFalse();
        assertThat(shell.execute("quit")).isFalse();
    }

    @Test
    void helpListsEveryRegisteredCommandWithItsOneLineDescription() {
        String out = run("help");
        assertThat(shell.commandNames()).contains("help", "exit", "quit", "watch", "ip", "ethtool", "traffic", "tcpdump", "run", "cat");
        for (String name : shell.commandNames()) {
            String description = shell.description(name);
            assertThat(description).as("'%s' has a description for help", name).isNotBlank();
            // picocli lists a command with its aliases ("exit, quit") and wraps the description at 80 columns:
            // the first words follow the names on the command's own line
            String firstWords = description.split(" ")[0];
            assertThat(out).as("help lists '%s' with its description", name)
                    .containsPattern("(?m)^  (\\S+, )*" + java.util.regex.Pattern.quote(name) + "(, \\S+)* +"
                            + java.util.regex.Pattern.quote(firstWords));
        }
        assertThat(out.split("Commands:", -1)).as("one heading").hasSize(2);
        assertThat(run("help watch")).containsPattern("Usage: +watch").contains("-n=INTERVAL").contains("-c=COUNT");
    }

    @Test
    void tokenizerHonoursQuotesAndRedirection() {
        assertThat(Shell.tokenize("echo '1af4 0002'>/sys/x")).containsExactly("echo", "1af4 0002", ">", "/sys/x");
        assertThat(Shell.tokenize("  lspci   -nn ")).containsExactly("lspci", "-nn");
        assertThatThrownBy(() -> Shell.tokenize("echo \"open")).hasMessageContaining("unterminated");
        assertThat(run("echo \"open")).contains("unterminated");
    }
}
