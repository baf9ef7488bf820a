package io.jnetdev.runtime.ethtool;

import io.jnetdev.api.ethtool.U64Data;
import java.util.Arrays;

/** The {@code u64} array the core hands a driver: fixed capacity, writes past it counted, never stored. */
final class U64DataImpl implements U64Data {
    private final long[] values;
    private int position;
    private int overflow;

    U64DataImpl(int capacity) {
        this.values = new long[capacity];
    }

    @Override
    public void put(long value) {
        if (position < values.length) {
            values[position++] = value;
        } else {
            overflow++;
        }
    }

    @Override
    public int capacity() {
        return values.length;
    }

    @Override
    public int position() {
        return position;
    }

    /** Values the driver tried to write past the end. */
    int overflow() {
        return overflow;
    }

    /** Values the driver wrote, or tried to: what it believed the count to be. */
    int attempted() {
        return position + overflow;
    }

    long[] values() {
        return Arrays.copyOf(values, values.length);
    }
}
