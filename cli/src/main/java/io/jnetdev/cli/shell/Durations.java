package io.jnetdev.cli.shell;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the shell and machine files spell them: {@code 500us}, {@code 100ms}, {@code 2s},
 * {@code 250ns}.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ns|us|ms|s)");

    private Durations() {}

    /**
     * Nanoseconds of {@code text}.
     *
     * @throws IllegalArgumentException when {@code text} is not a duration, or is beyond a {@code long} of nanoseconds
     */
    public static long nanos(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration");
        }
        try {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ns" -> n;
                case "us" -> Math.multiplyExact(n, 1_000L);
                case "ms" -> Math.multiplyExact(n, 1_000_000L);
                default -> Math.multiplyExact(n, 1_000_000_000L);
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(text + " is too long", e);
        }
    }

    /** Nanoseconds of {@code text}; {@code what} names the argument in the error. */
    static long parseNanos(String what, String text) throws ErrnoException {
        try {
            return nanos(text);
        } catch (IllegalArgumentException e) {
            throw new ErrnoException(Errno.EINVAL, what + ": " + e.getMessage() + " like 100ms, 2s, 500us");
        }
    }
}
