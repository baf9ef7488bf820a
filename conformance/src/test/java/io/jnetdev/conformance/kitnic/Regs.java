package io.jnetdev.conformance.kitnic;

/** The test NIC's registers as the kit's test driver knows them (its own copy: a driver never sees the model). */
final class Regs {
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

    static final int CTRL_RXEN = 1;
    static final int CTRL_TXEN = 2;
    static final int CTRL_RST = 1 << 26;
    static final int STATUS_LU = 2;
    static final int ICR_TXDW = 0x01;
    static final int ICR_LSC = 0x04;
    static final int ICR_RXO = 0x40;
    static final int ICR_RXT0 = 0x80;
    static final int IMS_ENABLE = ICR_RXT0 | ICR_TXDW | ICR_RXO | ICR_LSC;
    static final int ICR_ALL = 0xFFFF_FFFF;

    static final int DESC_SIZE = 16;
    static final int BUFFER_SIZE = 2048;
    static final int LENGTH = 8;
    static final int STATUS_BYTE = 12;
    static final int TXD_CMD_SHIFT = 24;
    static final int TXD_CMD_EOP = 0x01;
    static final int TXD_CMD_RS = 0x08;

    private Regs() {}
}
