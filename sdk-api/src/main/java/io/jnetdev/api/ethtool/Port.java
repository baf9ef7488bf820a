package io.jnetdev.api.ethtool;

/** The connector in use ({@code PORT_*} of {@code include/uapi/linux/ethtool.h}) with Linux's values. */
public enum Port {
    /** {@code PORT_TP}: twisted pair. */
    TP(0x00),
    /** {@code PORT_AUI}. */
    AUI(0x01),
    /** {@code PORT_BNC}: coax. */
    BNC(0x02),
    /** {@code PORT_MII}. */
    MII(0x03),
    /** {@code PORT_FIBRE}. */
    FIBRE(0x04),
    /** {@code PORT_DA}: direct-attach copper. */
    DA(0x05),
    /** {@code PORT_NONE}. */
    NONE(0xef),
    /** {@code PORT_OTHER}. */
    OTHER(0xff);

    private final int value;

    Port(int value) {
        this.value = value;
    }

    /** The {@code PORT_*} value. */
    public int value() {
        return value;
    }
}
