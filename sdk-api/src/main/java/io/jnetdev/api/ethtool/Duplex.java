package io.jnetdev.api.ethtool;

/** Link duplex ({@code DUPLEX_*} of {@code include/uapi/linux/ethtool.h}) with Linux's values. */
public enum Duplex {
    /** {@code DUPLEX_HALF}. */
    HALF(0x00),
    /** {@code DUPLEX_FULL}. */
    FULL(0x01),
    /** {@code DUPLEX_UNKNOWN}: no link, or not known. */
    UNKNOWN(0xff);

    private final int value;

    Duplex(int value) {
        this.value = value;
    }

    /** The {@code DUPLEX_*} value. */
    public int value() {
        return value;
    }
}
