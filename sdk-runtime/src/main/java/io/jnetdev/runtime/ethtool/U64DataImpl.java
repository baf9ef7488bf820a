package io.jnetdev.runtime.ethtool;

import io.jnetdev.api.ethtool.U64Data;
import java.util.Arrays;

/** The {@code u64} array the core hands a driver: fixed capacity, writes past it counted, never stored. */
final class U64DataImpl extends DriverFilledBuffer implements U64Data {
    private final long[] values;

    U64DataImpl(int capacity) {
        super(capacity);
        this.values = new long[capacity];
    }

    @Override
    public void put(long value) {
        int slot = claim();
        if (slot >= 0) {
            values[slot] = value;
        }
    }

    long[] values() {
        return Arrays.copyOf(values, values.length);
    }
}
