package io.jnetdev.runtime.ethtool;

/**
 * A fixed-size buffer the core hands a driver to fill (a string table, a {@code u64} array):
 * writes past the end are counted, never stored, so the oracle can compare what the driver wrote
 * with the count it announced.
 */
abstract class DriverFilledBuffer {
    private final int capacity;
    private int position;
    private int overflow;

    DriverFilledBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** The slot the next write goes to, or -1 when the buffer is full (the write is counted). */
    final int claim() {
        if (position < capacity) {
            return position++;
        }
        overflow++;
        return -1;
    }

    public final int capacity() {
        return capacity;
    }

    public final int position() {
        return position;
    }

    /** Writes past the end. */
    final int overflow() {
        return overflow;
    }

    /** Writes the driver made, or tried to: what it believed the count to be. */
    final int attempted() {
        return position + overflow;
    }
}
