package io.jnetdev.cli.shell;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.runtime.Machine;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The shell's {@code watch}, after procps' {@code watch}: run a command, let INTERVAL of virtual
 * time pass, and again, COUNT times, each run under a header naming the interval, the command and
 * the virtual time (where {@code watch} names the host and the wall clock). Time is the machine's:
 * {@code watch -n 100ms -c 5 cat /proc/interrupts} shows half a virtual second of interrupts at
 * once, and leaves the machine 500 ms later than it found it. There is no Ctrl-C in a script, so
 * the count is finite.
 */
final class WatchCommand {
    static final String DEFAULT_INTERVAL = "100ms";
    static final String DEFAULT_COUNT = "5";
    /** Enough for ten virtual minutes at the default interval; more is a typo. */
    static final int MAX_COUNT = 10_000;

    static final String USAGE = "Runs COMMAND, advances virtual time by INTERVAL, and repeats, COUNT times in all: the machine "
            + "ends COUNT x INTERVAL later. Example: watch -n 10ms -c 3 cat /proc/interrupts";

    /** Commands that cannot be repeated: another watch, and the words that end the shell. */
    private static final Set<String> NOT_REPEATABLE = Set.of("watch", "exit", "quit");
    /** {@code watch -n} takes seconds, fractions allowed ({@code 0.5}); a duration with a unit is also taken. */
    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d{1,9})?");

    private final Machine machine;
    private final PrintWriter out;
    private final Consumer<List<String>> dispatch;

    WatchCommand(Machine machine, PrintWriter out, Consumer<List<String>> dispatch) {
        this.machine = machine;
        this.out = out;
        this.dispatch = dispatch;
    }

    void run(String intervalText, String countText, List<String> command) throws ErrnoException {
        long interval = interval(intervalText);
        int count = count(countText);
        String name = command.getFirst();
        if (NOT_REPEATABLE.contains(name)) {
            throw new ErrnoException(Errno.EINVAL, "watch: '" + name + "' cannot be watched");
        }
        String shown = String.join(" ", command);
        String every = BigDecimal.valueOf(interval, 9).stripTrailingZeros().toPlainString() + "s";
        for (int i = 0; i < count; i++) {
            out.printf(Locale.ROOT, "Every %s: %s   virtual %.6f s%n%n", every, shown, machine.engine().now() / 1e9);
            dispatch.accept(command);
            out.println();
            machine.run(interval);
        }
    }

    /** INTERVAL in nanoseconds: seconds as {@code watch -n} takes them, or a duration such as 100ms. */
    static long interval(String text) throws ErrnoException {
        long nanos;
        if (SECONDS.matcher(text).matches()) {
            try {
                nanos = new BigDecimal(text).movePointRight(9).longValueExact();
            } catch (ArithmeticException e) {
                throw new ErrnoException(Errno.EINVAL, "watch: -n " + text + ": the interval is too long");
            }
        } else {
            nanos = Durations.parseNanos("watch -n", text);
        }
        if (nanos <= 0) {
            throw new ErrnoException(Errno.EINVAL, "watch: -n " + text + ": the interval must be more than 0");
        }
        return nanos;
    }

    static int count(String text) throws ErrnoException {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_COUNT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ErrnoException(Errno.EINVAL, "watch: -c " + text + ": the count is a number from 1 to " + MAX_COUNT);
    }
}
