package io.jnetdev.api.ethtool;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The interrupt-coalescing parameters a driver can declare it supports
 * ({@code supported_coalesce_params}, the {@code ETHTOOL_COALESCE_*} bits), in the order of the
 * fields of {@code struct ethtool_coalesce} and of {@link Coalesce}'s components; the ordinal is
 * the Linux bit number.
 */
public enum CoalesceParam {
    /** {@code ETHTOOL_COALESCE_RX_USECS}. */
    RX_USECS,
    /** {@code ETHTOOL_COALESCE_RX_MAX_FRAMES}. */
    RX_MAX_FRAMES,
    /** {@code ETHTOOL_COALESCE_RX_USECS_IRQ}. */
    RX_USECS_IRQ,
    /** {@code ETHTOOL_COALESCE_RX_MAX_FRAMES_IRQ}. */
    RX_MAX_FRAMES_IRQ,
    /** {@code ETHTOOL_COALESCE_TX_USECS}. */
    TX_USECS,
    /** {@code ETHTOOL_COALESCE_TX_MAX_FRAMES}. */
    TX_MAX_FRAMES,
    /** {@code ETHTOOL_COALESCE_TX_USECS_IRQ}. */
    TX_USECS_IRQ,
    /** {@code ETHTOOL_COALESCE_TX_MAX_FRAMES_IRQ}. */
    TX_MAX_FRAMES_IRQ,
    /** {@code ETHTOOL_COALESCE_STATS_BLOCK_USECS}. */
    STATS_BLOCK_USECS,
    /** {@code ETHTOOL_COALESCE_USE_ADAPTIVE_RX}. */
    USE_ADAPTIVE_RX,
    /** {@code ETHTOOL_COALESCE_USE_ADAPTIVE_TX}. */
    USE_ADAPTIVE_TX,
    /** {@code ETHTOOL_COALESCE_PKT_RATE_LOW}. */
    PKT_RATE_LOW,
    /** {@code ETHTOOL_COALESCE_RX_USECS_LOW}. */
    RX_USECS_LOW,
    /** {@code ETHTOOL_COALESCE_RX_MAX_FRAMES_LOW}. */
    RX_MAX_FRAMES_LOW,
    /** {@code ETHTOOL_COALESCE_TX_USECS_LOW}. */
    TX_USECS_LOW,
    /** {@code ETHTOOL_COALESCE_TX_MAX_FRAMES_LOW}. */
    TX_MAX_FRAMES_LOW,
    /** {@code ETHTOOL_COALESCE_PKT_RATE_HIGH}. */
    PKT_RATE_HIGH,
    /** {@code ETHTOOL_COALESCE_RX_USECS_HIGH}. */
    RX_USECS_HIGH,
    /** {@code ETHTOOL_COALESCE_RX_MAX_FRAMES_HIGH}. */
    RX_MAX_FRAMES_HIGH,
    /** {@code ETHTOOL_COALESCE_TX_USECS_HIGH}. */
    TX_USECS_HIGH,
    /** {@code ETHTOOL_COALESCE_TX_MAX_FRAMES_HIGH}. */
    TX_MAX_FRAMES_HIGH,
    /** {@code ETHTOOL_COALESCE_RATE_SAMPLE_INTERVAL}. */
    RATE_SAMPLE_INTERVAL;

    /** {@code ETHTOOL_COALESCE_USECS}: rx-usecs and tx-usecs, what most drivers declare. */
    public static final Set<CoalesceParam> USECS = Collections.unmodifiableSet(EnumSet.of(RX_USECS, TX_USECS));
    /** {@code ETHTOOL_COALESCE_MAX_FRAMES}. */
    public static final Set<CoalesceParam> MAX_FRAMES = Collections.unmodifiableSet(EnumSet.of(RX_MAX_FRAMES, TX_MAX_FRAMES));
    /** {@code ETHTOOL_COALESCE_USE_ADAPTIVE}. */
    public static final Set<CoalesceParam> USE_ADAPTIVE = Collections.unmodifiableSet(EnumSet.of(USE_ADAPTIVE_RX, USE_ADAPTIVE_TX));

    /** The {@code ETHTOOL_COALESCE_*} mask value. */
    public int bit() {
        return 1 << ordinal();
    }

    /** Whether the parameter is one of the two adaptive on/off switches. */
    public boolean isBoolean() {
        return this == USE_ADAPTIVE_RX || this == USE_ADAPTIVE_TX;
    }
}
