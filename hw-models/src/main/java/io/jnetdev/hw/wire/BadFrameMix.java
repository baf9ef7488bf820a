package io.jnetdev.hw.wire;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;

/**
 * Which frames of a {@link TrafficGenerator} run are bad, deterministically: of every {@code period}
 * frames, {@code runts} are runts of {@code runtSize} bytes, {@code oversize} are oversize frames of
 * {@code oversizeSize} bytes (both sent through {@link io.jnetdev.hw.FrameSink#frame} with their odd
 * length, for the MAC to judge), and {@code badFcs} are frames of {@code badFcsSize} bytes whose FCS is
 * wrong (sent through {@link io.jnetdev.hw.FrameSink#erroredFrame} with {@link FrameError#FCS}). The
 * rest are good frames of the generator's size mix.
 *
 * <p>Layout in a period: the bad frames are spread evenly — the k-th of the B bad frames of a period
 * (k = 0..B-1) is frame {@code floor((k+1) * period / B) - 1} of it — and their kinds are interleaved by
 * smooth weighted round-robin (runts, oversize, bad FCS in that order of precedence). So
 * {@link #everyNth everyNth(n)} makes frames n-1, 2n-1, 3n-1, ... (the n-th, 2n-th, ...) bad: a runt,
 * an oversize frame, a bad-FCS frame, a runt, ...
 *
 * @param period frames per period, 2..{@value #MAX_PERIOD}
 * @param runts runts per period
 * @param oversize oversize frames per period
 * @param badFcs bad-FCS frames per period
 * @param runtSize length of a runt without FCS, 1..59
 * @param oversizeSize length of an oversize frame without FCS, 1515..{@value #MAX_OVERSIZE}
 * @param badFcsSize length of a bad-FCS frame without FCS, 60..1514
 */
public record BadFrameMix(int period, int runts, int oversize, int badFcs, int runtSize, int oversizeSize, int badFcsSize) {
    /** Longest period: the layout is a table built with the generator. */
    public static final int MAX_PERIOD = 1 << 20;
    /** Longest oversize frame: 16 KiB, past any jumbo frame a gigabit MAC accepts. */
    public static final int MAX_OVERSIZE = 16_384;
    /** Default runt: 40 bytes (44 on the wire with FCS, short of the 64-byte minimum). */
    public static final int DEFAULT_RUNT = 40;
    /** Default oversize frame: 1600 bytes, past 1514 (and 1518 with a VLAN tag). */
    public static final int DEFAULT_OVERSIZE = 1600;
    /** Default bad-FCS frame: the 60-byte minimum (a "64-byte frame" with its broken FCS). */
    public static final int DEFAULT_BAD_FCS = 60;

    static final byte GOOD = 0;
    static final byte RUNT = 1;
    static final byte OVERSIZE = 2;
    static final byte BAD_FCS = 3;

    public BadFrameMix {
        if (period < 2 || period > MAX_PERIOD) {
            throw new IllegalArgumentException("bad-frame period must be 2.." + MAX_PERIOD + " frames, not " + period);
        }
        if (runts < 0 || oversize < 0 || badFcs < 0) {
            throw new IllegalArgumentException(String.format(
                    "bad-frame counts must not be negative: %d runts, %d oversize, %d bad FCS", runts, oversize, badFcs));
        }
        long bad = (long) runts + oversize + badFcs;
        if (bad < 1) {
            throw new IllegalArgumentException("a bad-frame mix needs at least one bad frame per period");
        }
        if (bad >= period) {
            throw new IllegalArgumentException(String.format(
                    "%d runts + %d oversize + %d bad-FCS frames in every %d leave no good frames", runts, oversize,
                    badFcs, period));
        }
        if (runtSize < 1 || runtSize >= TrafficGenerator.MIN_FRAME) {
            throw new IllegalArgumentException("a runt is 1.." + (TrafficGenerator.MIN_FRAME - 1)
                    + " bytes (without FCS), not " + runtSize);
        }
        if (oversizeSize <= TrafficGenerator.MAX_FRAME || oversizeSize > MAX_OVERSIZE) {
            throw new IllegalArgumentException("an oversize frame is " + (TrafficGenerator.MAX_FRAME + 1) + ".."
                    + MAX_OVERSIZE + " bytes (without FCS), not " + oversizeSize);
        }
        if (badFcsSize < TrafficGenerator.MIN_FRAME || badFcsSize > TrafficGenerator.MAX_FRAME) {
            throw new IllegalArgumentException("a bad-FCS frame is " + TrafficGenerator.MIN_FRAME + ".."
                    + TrafficGenerator.MAX_FRAME + " bytes (without FCS), not " + badFcsSize);
        }
    }

    /** Of every {@code period} frames, that many runts, oversize and bad-FCS frames, of the default sizes. */
    public static BadFrameMix of(int period, int runts, int oversize, int badFcs) {
        return new BadFrameMix(period, runts, oversize, badFcs, DEFAULT_RUNT, DEFAULT_OVERSIZE, DEFAULT_BAD_FCS);
    }

    /** Every {@code n}-th frame is bad, in turn a runt, an oversize frame and a bad-FCS frame ({@code n >= 2}). */
    public static BadFrameMix everyNth(int n) {
        if (n < 2 || n > MAX_PERIOD / 3) {
            throw new IllegalArgumentException("every n-th frame bad needs n in 2.." + MAX_PERIOD / 3 + ", not " + n);
        }
        return of(3 * n, 1, 1, 1);
    }

    /** The same mix with other lengths for the bad frames. */
    public BadFrameMix withSizes(int runtBytes, int oversizeBytes, int badFcsBytes) {
        return new BadFrameMix(period, runts, oversize, badFcs, runtBytes, oversizeBytes, badFcsBytes);
    }

    /** Bad frames per period. */
    public int badPerPeriod() {
        return runts + oversize + badFcs;
    }

    /** Good frames per period. */
    public int goodPerPeriod() {
        return period - badPerPeriod();
    }

    /** Wire bits of the bad frames of one period. */
    public long badWireBits() {
        return runts * EthernetPort.wireBits(runtSize) + oversize * EthernetPort.wireBits(oversizeSize)
                + badFcs * EthernetPort.wireBits(badFcsSize);
    }

    /** The kind of each frame of a period ({@link #GOOD}, {@link #RUNT}, {@link #OVERSIZE}, {@link #BAD_FCS}). */
    byte[] layout() {
        int bad = badPerPeriod();
        byte[] kindOf = {RUNT, OVERSIZE, BAD_FCS};
        int[] counts = {runts, oversize, badFcs};
        int present = 0;
        for (int c : counts) {
            present += c > 0 ? 1 : 0;
        }
        int[] weights = new int[present];
        byte[] kinds = new byte[present];
        for (int i = 0, j = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                weights[j] = counts[i];
                kinds[j++] = kindOf[i];
            }
        }
        int[] order = WeightedRoundRobin.cycle(weights);
        byte[] layout = new byte[period];
        for (int k = 0; k < bad; k++) {
            layout[(int) ((long) (k + 1) * period / bad) - 1] = kinds[order[k]];
        }
        return layout;
    }

    /** The largest frame length of the mix: the oversize length when there are oversize frames. */
    int maxSize() {
        return Math.max(oversize > 0 ? oversizeSize : 0, Math.max(runtSize, badFcsSize));
    }

    @Override
    public String toString() {
        return String.format("bad frames per %d: %d runts of %d, %d oversize of %d, %d bad FCS of %d bytes", period, runts,
                runtSize, oversize, oversizeSize, badFcs, badFcsSize);
    }
}
