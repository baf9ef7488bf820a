package io.jnetdev.api.ethtool;

/**
 * The {@code u64 *data} array the core allocates for {@code get_ethtool_stats} and
 * {@code self_test}: room for exactly the count {@code get_sset_count} announced. The driver
 * appends its values in string-set order ({@code *data++ = value}).
 *
 * <p>Writing past the end does not corrupt anything here, but it is a contract violation the
 * core records (in Linux it overruns the buffer), as is writing fewer values than announced.
 */
public interface U64Data {

    /** Appends the next value. */
    void put(long value);

    /** The number of values the core allocated: the count {@code get_sset_count} returned. */
    int capacity();

    /** Values written so far. */
    int position();
}
