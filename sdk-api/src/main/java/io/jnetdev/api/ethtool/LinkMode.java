package io.jnetdev.api.ethtool;

/**
 * Link modes of the {@code supported} and {@code advertising} masks
 * ({@code enum ethtool_link_mode_bit_indices}): the ones the SDK's 10/100/1000 Mb/s NICs use,
 * with Linux's bit numbers. {@link #linuxName()} is the name in
 * {@code ETHTOOL_LINK_MODE_<name>_BIT}.
 */
public enum LinkMode {
    /** {@code ETHTOOL_LINK_MODE_10baseT_Half_BIT}. */
    T10_HALF(0, "10baseT_Half", 10),
    /** {@code ETHTOOL_LINK_MODE_10baseT_Full_BIT}. */
    T10_FULL(1, "10baseT_Full", 10),
    /** {@code ETHTOOL_LINK_MODE_100baseT_Half_BIT}. */
    T100_HALF(2, "100baseT_Half", 100),
    /** {@code ETHTOOL_LINK_MODE_100baseT_Full_BIT}. */
    T100_FULL(3, "100baseT_Full", 100),
    /** {@code ETHTOOL_LINK_MODE_1000baseT_Half_BIT}. */
    T1000_HALF(4, "1000baseT_Half", 1000),
    /** {@code ETHTOOL_LINK_MODE_1000baseT_Full_BIT}. */
    T1000_FULL(5, "1000baseT_Full", 1000),
    /** {@code ETHTOOL_LINK_MODE_Autoneg_BIT}: auto-negotiation supported / advertised. */
    AUTONEG(6, "Autoneg", 0),
    /** {@code ETHTOOL_LINK_MODE_TP_BIT}: a twisted-pair port. */
    TP(7, "TP", 0),
    /** {@code ETHTOOL_LINK_MODE_AUI_BIT}. */
    AUI(8, "AUI", 0),
    /** {@code ETHTOOL_LINK_MODE_MII_BIT}. */
    MII(9, "MII", 0),
    /** {@code ETHTOOL_LINK_MODE_FIBRE_BIT}. */
    FIBRE(10, "FIBRE", 0),
    /** {@code ETHTOOL_LINK_MODE_BNC_BIT}. */
    BNC(11, "BNC", 0),
    /** {@code ETHTOOL_LINK_MODE_10000baseT_Full_BIT}. */
    T10000_FULL(12, "10000baseT_Full", 10000),
    /** {@code ETHTOOL_LINK_MODE_Pause_BIT}: symmetric pause frames. */
    PAUSE(13, "Pause", 0),
    /** {@code ETHTOOL_LINK_MODE_Asym_Pause_BIT}: asymmetric pause frames. */
    ASYM_PAUSE(14, "Asym_Pause", 0);

    private final int bit;
    private final String linuxName;
    private final int speed;

    LinkMode(int bit, String linuxName, int speed) {
        this.bit = bit;
        this.linuxName = linuxName;
        this.speed = speed;
    }

    /** The bit index in Linux's link-mode mask. */
    public int bit() {
        return bit;
    }

    /** Linux's name, e.g. {@code 10baseT_Half}. */
    public String linuxName() {
        return linuxName;
    }

    /** Speed in Mb/s for a speed/duplex mode, 0 for the port, autoneg and pause bits. */
    public int speed() {
        return speed;
    }

    /** Whether this bit is a speed/duplex mode (rather than a port, autoneg or pause bit). */
    public boolean isSpeedMode() {
        return speed > 0;
    }
}
