package io.jnetdev.runtime.ethtool;

import io.jnetdev.api.ethtool.GStrings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The string table the core hands a driver: {@code capacity} slots of {@link #ETH_GSTRING_LEN}
 * bytes. Names past the last slot are counted, not stored; names longer than a slot are cut to it
 * and remembered for the oracle (in Linux they run into the next slot).
 */
final class GStringsImpl extends DriverFilledBuffer implements GStrings {
    private final String[] slots;
    private final List<String> tooLong = new ArrayList<>();

    GStringsImpl(int capacity) {
        super(capacity);
        this.slots = new String[capacity];
        Arrays.fill(slots, "");
    }

    @Override
    public void put(String name) {
        String s = name == null ? "" : name;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ETH_GSTRING_LEN) {
            tooLong.add(s);
            s = new String(bytes, 0, ETH_GSTRING_LEN, StandardCharsets.UTF_8);
        }
        int slot = claim();
        if (slot >= 0) {
            slots[slot] = s;
        }
    }

    /** Names longer than a slot, as the driver gave them. */
    List<String> tooLong() {
        return List.copyOf(tooLong);
    }

    List<String> strings() {
        return List.of(slots);
    }
}
