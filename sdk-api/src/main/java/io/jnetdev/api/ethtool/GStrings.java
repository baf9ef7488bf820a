package io.jnetdev.api.ethtool;

/**
 * The string table the core allocates for {@code get_strings}: {@code count} slots of
 * {@link #ETH_GSTRING_LEN} bytes, {@code count} being what {@code get_sset_count} returned.
 * The driver appends one name per slot, in the order of its values.
 *
 * <p>A name longer than {@value #ETH_GSTRING_LEN} bytes, or more or fewer names than announced,
 * is a contract violation the core records; longer names are cut to the slot.
 */
public interface GStrings {
    /** {@code ETH_GSTRING_LEN}: bytes per string slot. */
    int ETH_GSTRING_LEN = 32;

    /** {@code ethtool_puts}: appends one name. */
    void put(String name);

    /** {@code ethtool_sprintf}: appends one formatted name ({@link String#format}). */
    default void sprintf(String format, Object... args) {
        put(String.format(format, args));
    }

    /** The number of slots: the count {@code get_sset_count} returned. */
    int capacity();

    /** Names written so far. */
    int position();
}
