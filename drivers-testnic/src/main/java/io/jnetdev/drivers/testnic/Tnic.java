package io.jnetdev.drivers.testnic;

/**
 * The test NIC's registers and descriptors as this driver knows them. The driver keeps its own
 * copy of the numbers: it must not depend on the model, and a model and its driver must be able
 * to disagree. Semantics (e1000 style): ICR latches causes and is write-1-to-clear, IMS/IMC set
 * and clear the mask, the card owns receive descriptors [RDH, RDT) and transmit descriptors
 * [TDH, TDT).
 */
final class Tnic {
    static final int VENDOR = 0x1B36;
    static final int DEVICE = 0x00F0;

    static final int CTRL = 0x000;
    static final int STATUS = 0x008;
    static final int ICR = 0x0C0;
    static final int IMS = 0x0D0;
    static final int IMC = 0x0D8;
    static final int RDBAL = 0x100;
    static final int RDBAH = 0x104;
    static final int RDLEN = 0x108;
    static final int RDH = 0x110;
    static final int RDT = 0x118;
    static final int TDBAL = 0x200;
    static final int TDBAH = 0x204;
    static final int TDLEN = 0x208;
    static final int TDH = 0x210;
    static final int TDT = 0x218;
    static final int RAL = 0x400;
    static final int RAH = 0x404;
    static final int MPC = 0x600;
    static final int RXERRC = 0x60C;

    static final int CTRL_RXEN = 1 << 0;
    static final int CTRL_TXEN = 1 << 1;
    static final int CTRL_RST = 1 << 26;
    static final int STATUS_LU = 1 << 1;
    static final int RAH_AV = 1 << 31;

    static final int ICR_TXDW = 0x01;
    static final int ICR_LSC = 0x04;
    static final int ICR_RXO = 0x40;
    static final int ICR_RXT0 = 0x80;
    /** The causes the driver enables while the interface is up. */
    static final int IMS_ENABLE = ICR_RXT0 | ICR_TXDW | ICR_RXO | ICR_LSC;
    static final int ICR_ALL = 0xFFFF_FFFF;

    static final int DESC_SIZE = 16;
    /** Ring lengths must be multiples of 128 bytes: 8 descriptors. */
    static final int RING_MULTIPLE = 8;
    static final int BUFFER_SIZE = 2048;

    static final int RXD_LENGTH = 8;
    static final int RXD_STATUS = 12;
    static final int RXD_STAT_DD = 0x01;

    static final int TXD_LENGTH = 8;
    static final int TXD_STATUS = 12;
    static final int TXD_CMD_SHIFT = 24;
    static final int TXD_CMD_EOP = 0x01;
    static final int TXD_CMD_RS = 0x08;
    static final int TXD_STAT_DD = 0x01;

    private Tnic() {}
}
