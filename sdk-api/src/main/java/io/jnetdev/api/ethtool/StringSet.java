package io.jnetdev.api.ethtool;

/** The string sets a driver may report ({@code enum ethtool_stringset}), with Linux's numbers. */
public enum StringSet {
    /** {@code ETH_SS_TEST}: the names of the self-tests, one per result of {@code self_test}. */
    TEST(0),
    /** {@code ETH_SS_STATS}: the names of the counters {@code get_ethtool_stats} reports. */
    STATS(1);

    private final int id;

    StringSet(int id) {
        this.id = id;
    }

    /** The {@code ETH_SS_*} value. */
    public int id() {
        return id;
    }
}
