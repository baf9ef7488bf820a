package io.jnetdev.api.ethtool;

/** The flags of {@code struct ethtool_test} ({@code enum ethtool_test_flags}) with Linux's bit values. */
public enum TestFlag {
    /** {@code ETH_TEST_FL_OFFLINE}: in: run the offline tests too (they may interrupt traffic). */
    OFFLINE(1 << 0),
    /** {@code ETH_TEST_FL_FAILED}: out: at least one test failed. */
    FAILED(1 << 1),
    /** {@code ETH_TEST_FL_EXTERNAL_LB}: in: run the external loopback test as well. */
    EXTERNAL_LB(1 << 2),
    /** {@code ETH_TEST_FL_EXTERNAL_LB_DONE}: out: the external loopback test ran. */
    EXTERNAL_LB_DONE(1 << 3);

    private final int bit;

    TestFlag(int bit) {
        this.bit = bit;
    }

    /** The {@code ETH_TEST_FL_*} value. */
    public int bit() {
        return bit;
    }
}
