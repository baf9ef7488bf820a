package io.jnetdev.hw.wire;

import io.jnetdev.hw.EthernetPort;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The frame sizes a {@link TrafficGenerator} sends and how often each: entries of (size, weight).
 * Lengths are without FCS, {@value TrafficGenerator#MIN_FRAME}..{@value TrafficGenerator#MAX_FRAME}
 * bytes (a "64-byte frame" on the wire is 60 here).
 *
 * <p>Order: deterministic smooth weighted round-robin. The sizes repeat in a cycle of
 * {@link #cycleLength()} = sum of the weights frames, in which each size appears exactly
 * {@code weight} times, interleaved as evenly as the weights allow (for 7:4:1 the cycle is
 * {@code a b a a b a c a b a b a}, where a, b, c are the first, second and third entry). So over
 * any whole number of cycles the proportions are exact, and two runs send the same sizes in the
 * same order.
 *
 * @param entries the sizes and their weights, at least one; a size may appear once
 */
public record FrameSizeMix(List<Entry> entries) {
    /** Largest cycle (sum of weights): the cycle is stored as a table when the generator is built. */
    public static final int MAX_CYCLE = 1 << 20;

    /**
     * One frame size and its weight.
     *
     * @param size bytes without FCS, {@value TrafficGenerator#MIN_FRAME}..{@value TrafficGenerator#MAX_FRAME}
     * @param weight how many frames of this size per cycle, at least 1
     */
    public record Entry(int size, int weight) {
        public Entry {
            if (size < TrafficGenerator.MIN_FRAME || size > TrafficGenerator.MAX_FRAME) {
                throw new IllegalArgumentException("frame size " + size + " outside " + TrafficGenerator.MIN_FRAME
                        + ".." + TrafficGenerator.MAX_FRAME + " bytes (without FCS)");
            }
            if (weight < 1) {
                throw new IllegalArgumentException("weight of " + size + "-byte frames must be at least 1, not " + weight);
            }
        }
    }

    public FrameSizeMix {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a frame-size mix needs at least one size");
        }
        long total = 0;
        for (int i = 0; i < entries.size(); i++) {
            total += entries.get(i).weight();
            for (int j = 0; j < i; j++) {
                if (entries.get(j).size() == entries.get(i).size()) {
                    throw new IllegalArgumentException("frame size " + entries.get(i).size()
                            + " appears twice in the mix; give it one weight");
                }
            }
        }
        if (total > MAX_CYCLE) {
            throw new IllegalArgumentException("the weights of a frame-size mix sum to " + total + ", more than "
                    + MAX_CYCLE + "; divide them by a common factor");
        }
    }

    /** Every frame {@code size} bytes. */
    public static FrameSizeMix fixed(int size) {
        return new FrameSizeMix(List.of(new Entry(size, 1)));
    }

    /** A mix of the given (size, weight) entries. */
    public static FrameSizeMix of(Entry... entries) {
        return new FrameSizeMix(List.of(entries));
    }

    /**
     * The "simple IMIX": 7 : 4 : 1 frames of 60, 590 and 1514 bytes (64, 594 and 1518 on the wire
     * with FCS). The figure is the common industry profile of IP datagrams of 40, 576 and 1500 bytes
     * in the ratio 7:4:1 (Wikipedia, "Internet Mix", simple IMIX; the same 64/594/1518 Ethernet
     * sizes are Ostinato's IMIX mode); a 40-byte datagram is padded to the 60-byte minimum. It is a
     * de-facto profile, not a standard: vendors vary the middle size (570, 576, 594).
     * Mean wire time: 3054⅔ bits, at most 327,367 frames/s at 1 Gb/s.
     */
    public static FrameSizeMix imix() {
        return of(new Entry(60, 7), new Entry(590, 4), new Entry(1514, 1));
    }

    /** Frames per cycle: the sum of the weights. */
    public int cycleLength() {
        int total = 0;
        for (Entry e : entries) {
            total += e.weight();
        }
        return total;
    }

    /** The wire bits ({@link EthernetPort#wireBits}) of one whole cycle; divided by {@link #cycleLength()} the mean. */
    public long cycleWireBits() {
        long bits = 0;
        for (Entry e : entries) {
            bits += e.weight() * EthernetPort.wireBits(e.size());
        }
        return bits;
    }

    /** Mean wire time of a frame in bits (preamble, FCS and gap included). */
    public double meanWireBits() {
        return (double) cycleWireBits() / cycleLength();
    }

    /** Mean frame length in bytes (without FCS). */
    public double meanSize() {
        long bytes = 0;
        for (Entry e : entries) {
            bytes += (long) e.weight() * e.size();
        }
        return (double) bytes / cycleLength();
    }

    /** The largest size of the mix. */
    public int maxSize() {
        int max = 0;
        for (Entry e : entries) {
            max = Math.max(max, e.size());
        }
        return max;
    }

    /** The size of every frame of one cycle, in sending order. */
    public int[] cycle() {
        int[] weights = entries.stream().mapToInt(Entry::weight).toArray();
        int[] order = WeightedRoundRobin.cycle(weights);
        int[] sizes = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sizes[i] = entries.get(order[i]).size();
        }
        return sizes;
    }

    /** Whether every frame has the same size. */
    public boolean isFixed() {
        return entries.size() == 1;
    }

    @Override
    public String toString() {
        if (isFixed()) {
            return entries.getFirst().size() + "-byte frames";
        }
        return entries.stream().map(e -> e.weight() + "x" + e.size()).collect(Collectors.joining(":", "mix ", " bytes"));
    }
}
