package io.jnetdev.cli.machine;

import io.jnetdev.hw.wire.BadFrameMix;
import io.jnetdev.hw.wire.FrameSizeMix;

/** What a machine file attaches to the cards' ports. */
public sealed interface WireSpec {
    /** Where the entry starts. */
    Position at();

    /** A crossover cable between the ports of the cards in slots {@code a} and {@code b}. */
    record Cable(int a, int b, Position at) implements WireSpec {}

    /**
     * A traffic generator offering frames to the port of the card in {@code slot}.
     *
     * @param fps         frames per second, or {@link #LINE_RATE} for as many as the port's line carries
     * @param sizes       the good frames' sizes
     * @param bad         runts, oversize and bad-FCS frames among them, or null
     * @param burst       frames per burst (1: none)
     * @param startNanos  virtual time after boot at which it starts
     * @param durationNanos how long it sends
     */
    record Generator(int slot, long fps, FrameSizeMix sizes, BadFrameMix bad, int burst, long startNanos,
                     long durationNanos, Position at) implements WireSpec {
        /** {@code rate: line}. */
        public static final long LINE_RATE = -1;
    }

    /** A sink counting what the card in {@code slot} transmits (the far end of its cable). */
    record Sink(int slot, Position at) implements WireSpec {}
}
