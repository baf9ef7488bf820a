package io.jnetdev.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.cli.TestMachines;
import io.jnetdev.runtime.Machine;
import java.io.PrintWriter;
import java.io.StringWriter;

/** A shell over a freshly booted default machine, as a test drives it: one line in, its output back. */
final class ShellSession {
    final Machine machine = TestMachines.defaultMachine();
    private final StringWriter buffer = new StringWriter();
    final Shell shell = new Shell(machine, new PrintWriter(buffer, true));

    /** Runs {@code line}, which must not end the shell, and returns what it printed. */
    String run(String line) {
        buffer.getBuffer().setLength(0);
        assertThat(shell.execute(line)).as("'%s' must not end the shell", line).isTrue();
        return buffer.toString();
    }
}
