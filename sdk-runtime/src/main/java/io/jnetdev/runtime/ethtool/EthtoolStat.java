package io.jnetdev.runtime.ethtool;

/**
 * One named value as {@code ethtool -S} and {@code ethtool -t} print it: a string of the set and
 * the value at the same index.
 *
 * @param name  the string ({@code ETH_SS_STATS} or {@code ETH_SS_TEST})
 * @param value the counter or test result
 */
public record EthtoolStat(String name, long value) {
}
