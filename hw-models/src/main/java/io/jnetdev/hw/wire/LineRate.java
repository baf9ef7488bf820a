package io.jnetdev.hw.wire;

/**
 * Converts bits on a wire into virtual nanoseconds at one line rate, exactly (rounded down) and
 * without overflow for any realistic rate: the ratio 1e9 / rate is kept reduced, so the product
 * stays small. Allocation-free; used on per-frame paths.
 */
final class LineRate {
    private static final long NANOS = 1_000_000_000L;

    private final long bitsPerSecond;
    private final long num;
    private final long den;

    LineRate(long bitsPerSecond) {
        if (bitsPerSecond < 1) {
            throw new IllegalArgumentException("a line rate must be at least 1 bit/s, not " + bitsPerSecond);
        }
        this.bitsPerSecond = bitsPerSecond;
        long g = gcd(NANOS, bitsPerSecond);
        this.num = NANOS / g;
        this.den = bitsPerSecond / g;
    }

    /** The rate in bit/s. */
    long bitsPerSecond() {
        return bitsPerSecond;
    }

    /** {@code floor(bits * 1e9 / rate)}: how long {@code bits} occupy the wire, in ns. */
    long nanos(long bits) {
        return (bits / den) * num + (bits % den) * num / den;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
