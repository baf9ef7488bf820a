package io.jnetdev.drivers.e1000e;

/**
 * Register offsets in BAR0 of the 82574L, the driver's own copy ({@code e1000e/regs.h}). Taken
 * from the facts file, never from the model: a driver and its model must be able to disagree.
 */
final class E1000eRegs {
    static final int CTRL = 0x00000;
    static final int STATUS = 0x00008;
    static final int EECD = 0x00010;
    static final int EERD = 0x00014;
    static final int CTRL_EXT = 0x00018;
    static final int MDIC = 0x00020;
    static final int FCAL = 0x00028;
    static final int FCAH = 0x0002C;
    static final int FCT = 0x00030;
    static final int VET = 0x00038;
    static final int ICR = 0x000C0;
    static final int ITR = 0x000C4;
    static final int ICS = 0x000C8;
    static final int IMS = 0x000D0;
    static final int IMC = 0x000D8;
    static final int EIAC_82574 = 0x000DC;
    static final int IAM = 0x000E0;
    static final int IVAR = 0x000E4;
    static final int RCTL = 0x00100;
    static final int TXCW = 0x00178;
    static final int TCTL = 0x00400;
    static final int TIPG = 0x00410;
    static final int PBA = 0x01000;
    static final int FCRTL = 0x02160;
    static final int FCRTH = 0x02168;
    static final int RDBAL = 0x02800;
    static final int RDBAH = 0x02804;
    static final int RDLEN = 0x02808;
    static final int RDH = 0x02810;
    static final int RDT = 0x02818;
    static final int RDTR = 0x02820;
    static final int RXDCTL = 0x02828;
    static final int RADV = 0x0282C;
    static final int TDBAL = 0x03800;
    static final int TDBAH = 0x03804;
    static final int TDLEN = 0x03808;
    static final int TDH = 0x03810;
    static final int TDT = 0x03818;
    static final int TIDV = 0x03820;
    static final int TXDCTL = 0x03828;
    static final int TADV = 0x0382C;
    static final int TARC0 = 0x03840;
    static final int RXCSUM = 0x05000;
    static final int RFCTL = 0x05008;
    static final int MTA = 0x05200;
    static final int RAL0 = 0x05400;
    static final int RAH0 = 0x05404;

    // statistics: 32-bit, clear on read
    static final int CRCERRS = 0x04000;
    static final int ALGNERRC = 0x04004;
    static final int SYMERRS = 0x04008;
    static final int RXERRC = 0x0400C;
    static final int MPC = 0x04010;
    static final int SCC = 0x04014;
    static final int ECOL = 0x04018;
    static final int MCC = 0x0401C;
    static final int LATECOL = 0x04020;
    static final int COLC = 0x04028;
    static final int DC = 0x04030;
    static final int TNCRS = 0x04034;
    static final int CEXTERR = 0x0403C;
    static final int RLEC = 0x04040;
    static final int XONRXC = 0x04048;
    static final int XONTXC = 0x0404C;
    static final int XOFFRXC = 0x04050;
    static final int XOFFTXC = 0x04054;
    static final int GPRC = 0x04074;
    static final int BPRC = 0x04078;
    static final int MPRC = 0x0407C;
    static final int GPTC = 0x04080;
    static final int GORCL = 0x04088;
    static final int GORCH = 0x0408C;
    static final int GOTCL = 0x04090;
    static final int GOTCH = 0x04094;
    static final int RNBC = 0x040A0;
    static final int RUC = 0x040A4;
    static final int ROC = 0x040AC;
    static final int MGTPRC = 0x040B4;
    static final int MGTPDC = 0x040B8;
    static final int MGTPTC = 0x040BC;
    static final int TPR = 0x040D0;
    static final int TPT = 0x040D4;
    static final int MPTC = 0x040F0;
    static final int BPTC = 0x040F4;
    static final int TSCTC = 0x040F8;
    static final int TSCTFC = 0x040FC;

    /** Receive-address pairs the 82574 has ({@code E1000_RAR_ENTRIES}: 16; Linux uses 15 of them for filters). */
    static final int RAR_ENTRIES = 16;
    /** Multicast table words ({@code mta_reg_count}). */
    static final int MTA_REG_COUNT = 128;

    /** {@code E1000_EITR_82574(n)}: per-vector throttling, n = 0..4. */
    static int eitr82574(int vector) {
        return 0x000E8 + 4 * vector;
    }

    /** {@code E1000_RAL(i)}. */
    static int ral(int i) {
        return RAL0 + 8 * i;
    }

    /** {@code E1000_RAH(i)}. */
    static int rah(int i) {
        return RAH0 + 8 * i;
    }

    private E1000eRegs() {}
}
