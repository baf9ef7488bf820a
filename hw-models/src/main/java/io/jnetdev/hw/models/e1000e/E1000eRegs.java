package io.jnetdev.hw.models.e1000e;

/**
 * Register map of the Intel 82574L as the model implements it: BAR0 offsets, bit masks and
 * descriptor layouts, under their datasheet / Linux {@code e1000e/regs.h} and {@code defines.h}
 * names. Every value comes from {@code nic-facts.md} section A (the row is named in each group);
 * the driver keeps its own copy of these numbers, so the two can disagree and a test can catch it.
 */
public final class E1000eRegs {
    // ---- A.1 / A.2 PCI identity, BARs, capabilities ------------------------------------------------
    public static final int VENDOR_ID = 0x8086;
    /** 82574L. */
    public static final int DEVICE_ID = 0x10D3;
    public static final int REVISION = 0;
    /** {@code PCI_CLASS_NETWORK_ETHERNET}, prog-if 0. */
    public static final int CLASS_CODE = 0x020000;
    public static final int SUBSYSTEM_VENDOR_ID = 0x8086;
    public static final int SUBSYSTEM_ID = 0;

    /** BAR0: register (CSR) space, 128 KiB of MMIO. */
    public static final int BAR_REGS = 0;
    public static final long BAR_REGS_SIZE = 128 * 1024;
    /** BAR1: flash window, 128 KiB of MMIO (no flash behind it: reads 0). */
    public static final int BAR_FLASH = 1;
    public static final long BAR_FLASH_SIZE = 128 * 1024;
    /** BAR2: 32 bytes of I/O ports, an indirect window onto BAR0 ({@link #IOADDR}, {@link #IODATA}). */
    public static final int BAR_IO = 2;
    public static final long BAR_IO_SIZE = 32;
    /** BAR3: MSI-X table at 0 and PBA at {@link #MSIX_PBA_OFFSET}, 16 KiB. */
    public static final int BAR_MSIX = 3;
    public static final long BAR_MSIX_SIZE = 16 * 1024;
    public static final long MSIX_PBA_OFFSET = 0x2000;
    /** I/O window: the BAR0 offset to access (values up to 0x1FFFF address registers). */
    public static final int IOADDR = 0x00;
    /** I/O window: reads and writes the register {@link #IOADDR} points at. */
    public static final int IODATA = 0x04;

    public static final int MSIX_VECTORS = 5;
    public static final int MSIX_CAP_OFFSET = 0xA0;
    public static final int PM_CAP_OFFSET = 0xC8;
    public static final int MSI_CAP_OFFSET = 0xD0;
    public static final int PCIE_CAP_OFFSET = 0xE0;

    // ---- A.4 register offsets ----------------------------------------------------------------------
    public static final int CTRL = 0x00000;
    /** Shadow of CTRL. */
    public static final int CTRL_DUP = 0x00004;
    public static final int STATUS = 0x00008;
    public static final int EECD = 0x00010;
    public static final int EERD = 0x00014;
    public static final int CTRL_EXT = 0x00018;
    public static final int FLA = 0x0001C;
    public static final int MDIC = 0x00020;
    public static final int FCAL = 0x00028;
    public static final int FCAH = 0x0002C;
    public static final int FCT = 0x00030;
    public static final int VET = 0x00038;
    public static final int ICR = 0x000C0;
    public static final int ITR = 0x000C4;
    public static final int ICS = 0x000C8;
    public static final int IMS = 0x000D0;
    public static final int IMC = 0x000D8;
    public static final int EIAC_82574 = 0x000DC;
    public static final int IAM = 0x000E0;
    public static final int IVAR = 0x000E4;
    /** {@code EITR_82574(n)} = 0xE8 + 4n, n = 0..4. */
    public static final int EITR_82574_0 = 0x000E8;
    public static final int RCTL = 0x00100;
    public static final int FCTTV = 0x00170;
    public static final int TXCW = 0x00178;
    public static final int RXCW = 0x00180;
    public static final int TCTL = 0x00400;
    public static final int TCTL_EXT = 0x00404;
    public static final int TIPG = 0x00410;
    public static final int LEDCTL = 0x00E00;
    public static final int EXTCNF_CTRL = 0x00F00;
    public static final int PBA = 0x01000;
    public static final int PBS = 0x01008;
    public static final int EEWR = 0x0102C;
    public static final int ERT = 0x02008;
    public static final int FCRTL = 0x02160;
    public static final int FCRTH = 0x02168;
    public static final int PSRCTL = 0x02170;
    public static final int RDBAL = 0x02800;
    public static final int RDBAH = 0x02804;
    public static final int RDLEN = 0x02808;
    public static final int RDH = 0x02810;
    public static final int RDT = 0x02818;
    public static final int RDTR = 0x02820;
    public static final int RXDCTL = 0x02828;
    public static final int RADV = 0x0282C;
    public static final int RXDCTL1 = 0x02928;
    public static final int RSRPD = 0x02C00;
    public static final int RAID = 0x02C08;
    public static final int TDBAL = 0x03800;
    public static final int TDBAH = 0x03804;
    public static final int TDLEN = 0x03808;
    public static final int TDH = 0x03810;
    public static final int TDT = 0x03818;
    public static final int TIDV = 0x03820;
    public static final int TXDCTL = 0x03828;
    public static final int TADV = 0x0382C;
    public static final int TARC0 = 0x03840;
    public static final int TXDCTL1 = 0x03928;
    public static final int TARC1 = 0x03940;
    public static final int RXCSUM = 0x05000;
    public static final int RFCTL = 0x05008;
    /** MTA[0..127]. */
    public static final int MTA = 0x05200;
    public static final int MTA_WORDS = 128;
    /** RAL(i) = 0x5400 + 8i, RAH(i) = 0x5404 + 8i, i = 0..15. */
    public static final int RAL0 = 0x05400;
    public static final int RAH0 = 0x05404;
    public static final int RAR_ENTRIES = 16;
    /** VFTA[0..127]. */
    public static final int VFTA = 0x05600;
    public static final int WUC = 0x05800;
    public static final int WUFC = 0x05808;
    public static final int WUS = 0x05810;
    public static final int MRQC = 0x05818;
    public static final int MANC = 0x05820;
    public static final int MANC2H = 0x05860;
    public static final int GCR = 0x05B00;
    public static final int SWSM = 0x05B50;
    public static final int FWSM = 0x05B54;
    public static final int PBACLR = 0x05B68;
    public static final int RETA = 0x05C00;
    public static final int RSSRK = 0x05C80;

    // ---- A.4 statistics (32-bit, clear-on-read, saturating) ----------------------------------------
    public static final int CRCERRS = 0x4000;
    public static final int ALGNERRC = 0x4004;
    public static final int SYMERRS = 0x4008;
    public static final int RXERRC = 0x400C;
    public static final int MPC = 0x4010;
    public static final int SCC = 0x4014;
    public static final int ECOL = 0x4018;
    public static final int MCC = 0x401C;
    public static final int LATECOL = 0x4020;
    public static final int COLC = 0x4028;
    public static final int DC = 0x4030;
    public static final int TNCRS = 0x4034;
    public static final int SEC = 0x4038;
    public static final int CEXTERR = 0x403C;
    public static final int RLEC = 0x4040;
    public static final int XONRXC = 0x4048;
    public static final int XONTXC = 0x404C;
    public static final int XOFFRXC = 0x4050;
    public static final int XOFFTXC = 0x4054;
    public static final int FCRUC = 0x4058;
    public static final int PRC64 = 0x405C;
    public static final int PRC127 = 0x4060;
    public static final int PRC255 = 0x4064;
    public static final int PRC511 = 0x4068;
    public static final int PRC1023 = 0x406C;
    public static final int PRC1522 = 0x4070;
    public static final int GPRC = 0x4074;
    public static final int BPRC = 0x4078;
    public static final int MPRC = 0x407C;
    public static final int GPTC = 0x4080;
    public static final int GORCL = 0x4088;
    public static final int GORCH = 0x408C;
    public static final int GOTCL = 0x4090;
    public static final int GOTCH = 0x4094;
    public static final int RNBC = 0x40A0;
    public static final int RUC = 0x40A4;
    public static final int RFC = 0x40A8;
    public static final int ROC = 0x40AC;
    public static final int RJC = 0x40B0;
    public static final int MGTPRC = 0x40B4;
    public static final int MGTPDC = 0x40B8;
    public static final int MGTPTC = 0x40BC;
    public static final int TORL = 0x40C0;
    public static final int TORH = 0x40C4;
    public static final int TOTL = 0x40C8;
    public static final int TOTH = 0x40CC;
    public static final int TPR = 0x40D0;
    public static final int TPT = 0x40D4;
    public static final int PTC64 = 0x40D8;
    public static final int PTC127 = 0x40DC;
    public static final int PTC255 = 0x40E0;
    public static final int PTC511 = 0x40E4;
    public static final int PTC1023 = 0x40E8;
    public static final int PTC1522 = 0x40EC;
    public static final int MPTC = 0x40F0;
    public static final int BPTC = 0x40F4;
    public static final int TSCTC = 0x40F8;
    public static final int TSCTFC = 0x40FC;
    public static final int IAC = 0x4100;
    public static final int ICRXPTC = 0x4104;
    public static final int ICRXATC = 0x4108;
    public static final int ICTXPTC = 0x410C;
    public static final int ICTXATC = 0x4110;
    public static final int ICTXQEC = 0x4118;
    public static final int ICTXQMTC = 0x411C;
    public static final int ICRXDMTC = 0x4120;
    public static final int ICRXOC = 0x4124;

    // ---- A.5 interrupt causes (ICR, ICS, IMS, IMC) -------------------------------------------------
    public static final int ICR_TXDW = 0x00000001;
    public static final int ICR_TXQE = 0x00000002;
    public static final int ICR_LSC = 0x00000004;
    public static final int ICR_RXSEQ = 0x00000008;
    public static final int ICR_RXDMT0 = 0x00000010;
    public static final int ICR_RXO = 0x00000040;
    public static final int ICR_RXT0 = 0x00000080;
    public static final int ICR_MDAC = 0x00000200;
    public static final int ICR_RXCFG = 0x00000400;
    public static final int ICR_TXD_LOW = 0x00008000;
    public static final int ICR_SRPD = 0x00010000;
    public static final int ICR_ACK = 0x00020000;
    public static final int ICR_MNG = 0x00040000;
    public static final int ICR_RXQ0 = 0x00100000;
    public static final int ICR_RXQ1 = 0x00200000;
    public static final int ICR_TXQ0 = 0x00400000;
    public static final int ICR_TXQ1 = 0x00800000;
    public static final int ICR_OTHER = 0x01000000;
    public static final int ICR_INT_ASSERTED = 0x80000000;
    /** The causes that set {@link #ICR_OTHER} in MSI-X mode: LSC, RXO, MDAC, SRPD, ACK, MNG. */
    public static final int ICR_OTHER_CAUSES = 0x00070244;
    /** The MSI-X queue and "other" causes: what {@link #EIAC_82574} may auto-clear. */
    public static final int EIAC_MASK_82574 = 0x01F00000;
    /**
     * What IMS keeps of a write: QEMU's valid mask plus every cause bit 0..9. Linux's
     * {@code e1000_intr_test}, which passes on the 82571/82574 family, forces each of causes 0..9
     * through ICS with its IMS bit set and expects an interrupt (it skips RXSEQ and bit 8 only on ICH
     * parts), so the card keeps those bits; QEMU's narrower list would fail that test.
     */
    public static final int IMS_VALID = 0x3FF | ICR_TXD_LOW | ICR_SRPD | ICR_ACK | ICR_MNG | EIAC_MASK_82574;

    // ---- A.3 IVAR -------------------------------------------------------------------------------
    /** Valid bit of a 4-bit IVAR entry; bits 2:0 are the vector. */
    public static final int IVAR_VALID = 0x8;
    public static final int IVAR_RXQ0_SHIFT = 0;
    public static final int IVAR_RXQ1_SHIFT = 4;
    public static final int IVAR_TXQ0_SHIFT = 8;
    public static final int IVAR_TXQ1_SHIFT = 12;
    public static final int IVAR_OTHER_SHIFT = 16;
    /** Raise the TX cause on every descriptor write-back, RS or not. */
    public static final int IVAR_TX_INT_EVERY_WB = 0x80000000;

    // ---- A.6 CTRL -------------------------------------------------------------------------------
    public static final int CTRL_FD = 0x00000001;
    public static final int CTRL_GIO_MASTER_DISABLE = 0x00000004;
    public static final int CTRL_LRST = 0x00000008;
    public static final int CTRL_ASDE = 0x00000020;
    public static final int CTRL_SLU = 0x00000040;
    public static final int CTRL_ILOS = 0x00000080;
    public static final int CTRL_SPD_1000 = 0x00000200;
    public static final int CTRL_FRCSPD = 0x00000800;
    public static final int CTRL_FRCDPX = 0x00001000;
    public static final int CTRL_SWDPIN0 = 0x00040000;
    public static final int CTRL_SWDPIN1 = 0x00080000;
    public static final int CTRL_ADVD3WUC = 0x00100000;
    /** Device reset, self-clearing. */
    public static final int CTRL_RST = 0x04000000;
    public static final int CTRL_RFCE = 0x08000000;
    public static final int CTRL_TFCE = 0x10000000;
    public static final int CTRL_VME = 0x40000000;
    public static final int CTRL_PHY_RST = 0x80000000;
    /** A.15 reset value: FD, SWDPIN0, SWDPIN2, SPD_1000, SLU, ADVD3WUC (SWDPIN2 and ADVD3WUC share bit 20). */
    public static final int CTRL_RESET = 0x00140241;

    // ---- A.7 STATUS -----------------------------------------------------------------------------
    public static final int STATUS_FD = 0x00000001;
    public static final int STATUS_LU = 0x00000002;
    public static final int STATUS_TXOFF = 0x00000010;
    public static final int STATUS_SPEED_1000 = 0x00000080;
    public static final int STATUS_ASDV_1000 = 0x00000200;
    public static final int STATUS_PHYRA = 0x00000400;
    public static final int STATUS_GIO_MASTER_ENABLE = 0x00080000;

    // ---- A.8 CTRL_EXT ---------------------------------------------------------------------------
    public static final int CTRL_EXT_EE_RST = 0x00002000;
    public static final int CTRL_EXT_SPD_BYPS = 0x00008000;
    public static final int CTRL_EXT_EIAME = 0x01000000;
    public static final int CTRL_EXT_IAME = 0x08000000;
    public static final int CTRL_EXT_DRV_LOAD = 0x10000000;
    public static final int CTRL_EXT_INT_TIMERS_CLEAR_ENA = 0x20000000;
    public static final int CTRL_EXT_PBA_CLR = 0x80000000;

    // ---- A.9 RCTL -------------------------------------------------------------------------------
    public static final int RCTL_EN = 0x00000002;
    public static final int RCTL_SBP = 0x00000004;
    public static final int RCTL_UPE = 0x00000008;
    public static final int RCTL_MPE = 0x00000010;
    public static final int RCTL_LPE = 0x00000020;
    public static final int RCTL_LBM_MASK = 0x000000C0;
    /** RCTL.LBM = 01: MAC loopback, transmitted frames come back to the receiver instead of the wire. */
    public static final int RCTL_LBM_MAC = 0x00000040;
    public static final int RCTL_RDMTS_MASK = 0x00000300;
    public static final int RCTL_RDMTS_SHIFT = 8;
    public static final int RCTL_DTYP_MASK = 0x00000C00;
    public static final int RCTL_MO_MASK = 0x00003000;
    public static final int RCTL_MO_SHIFT = 12;
    public static final int RCTL_BAM = 0x00008000;
    public static final int RCTL_BSIZE_MASK = 0x00030000;
    public static final int RCTL_BSIZE_SHIFT = 16;
    public static final int RCTL_VFE = 0x00040000;
    public static final int RCTL_BSEX = 0x02000000;
    public static final int RCTL_SECRC = 0x04000000;

    // ---- A.10 TCTL / TIPG -----------------------------------------------------------------------
    public static final int TCTL_EN = 0x00000002;
    public static final int TCTL_PSP = 0x00000008;
    public static final int TIPG_RESET = 0x00602008;

    // ---- A.11 other control registers --------------------------------------------------------------
    public static final int RFCTL_ACK_DIS = 0x00001000;
    /** Extended receive descriptors. */
    public static final int RFCTL_EXTEN = 0x00008000;
    public static final int MDIC_DATA_MASK = 0x0000FFFF;
    public static final int MDIC_REG_SHIFT = 16;
    public static final int MDIC_PHY_SHIFT = 21;
    public static final int MDIC_OP_WRITE = 0x04000000;
    public static final int MDIC_OP_READ = 0x08000000;
    public static final int MDIC_READY = 0x10000000;
    public static final int MDIC_INT_EN = 0x20000000;
    public static final int MDIC_ERROR = 0x40000000;
    /** The 82574's internal PHY answers at MDIO address 1 only. */
    public static final int PHY_ADDRESS = 1;
    public static final int EECD_REQ = 0x40;
    public static final int EECD_GNT = 0x80;
    public static final int EECD_PRES = 0x100;
    public static final int EECD_AUTO_RD = 0x200;
    public static final int EECD_RESET = EECD_AUTO_RD | EECD_PRES;
    /** Ring length registers keep bits 19:7 (a multiple of 128 bytes, at most 1 MiB - 128). */
    public static final int RING_LEN_MASK = 0x000FFF80;
    public static final int RXCSUM_RESET = 0x300;
    public static final int PBA_RESET = 0x00140014;
    public static final int PBS_RESET = 0x028;
    public static final int RXDCTL_RESET = 0x00010000;
    public static final int TARC_RESET = 0x403;
    public static final int LEDCTL_RESET = (1 << 1) | (1 << 8) | (1 << 9) | (1 << 15) | (1 << 17) | (1 << 18);
    public static final int VET_RESET = 0x8100;

    // ---- A.12 moderation timers ----------------------------------------------------------------------
    /** ITR/EITR count unit: 256 ns. */
    public static final long ITR_UNIT_NANOS = 256;
    /** RDTR/RADV/TIDV/TADV count unit: 1.024 µs. */
    public static final long DELAY_UNIT_NANOS = 1024;
    /** RDTR/TIDV bit 31: flush partial descriptor block (fire the pending delayed interrupt now). */
    public static final int RDTR_FPD = 0x80000000;
    /** QEMU's ITR reset value (A.15). */
    public static final int ITR_RESET = 500;

    // ---- A.14 NVM --------------------------------------------------------------------------------
    public static final int EERD_START = 0x1;
    public static final int EERD_DONE = 0x2;
    public static final int EERD_ADDR_SHIFT = 2;
    public static final int EERD_ADDR_MASK = 0x3FFF;
    public static final int EERD_DATA_SHIFT = 16;
    public static final int NVM_WORDS = 64;
    public static final int NVM_CHECKSUM_WORD = 0x3F;
    public static final int NVM_SUM = 0xBABA;

    // ---- A.13 descriptors --------------------------------------------------------------------------
    public static final int DESC_SIZE = 16;
    public static final int RXD_STAT_DD = 0x01;
    public static final int RXD_STAT_EOP = 0x02;
    public static final int RXD_ERR_CE = 0x01;
    public static final int RXD_ERR_SE = 0x02;
    /** Extended write-back: errors live in bits 31:24 of status_error. */
    public static final int RXD_EXT_ERR_SHIFT = 24;
    public static final int TXD_CMD_EOP = 0x01000000;
    public static final int TXD_CMD_IFCS = 0x02000000;
    public static final int TXD_CMD_RS = 0x08000000;
    public static final int TXD_CMD_DEXT = 0x20000000;
    public static final int TXD_CMD_IDE = 0x80000000;
    /** Extended descriptor type "data" (DTYP=1); DTYP=0 with DEXT is a context descriptor. */
    public static final int TXD_DTYP_D = 0x00100000;
    public static final int TXD_DTYP_MASK = 0x00F00000;
    public static final int TXD_STAT_DD = 0x01;

    // ---- frame sizes (without FCS) ----------------------------------------------------------------
    public static final int ETH_ZLEN = 60;
    public static final int ETH_FCS_LEN = 4;
    public static final int MAX_STD_FRAME = 1514;
    public static final int MAX_VLAN_FRAME = 1518;
    /** 82574 jumbo limit (Linux {@code max_hw_frame_size}, FCS included). */
    public static final int MAX_JUMBO_FRAME_FCS = 9234;

    /** The 4-byte-aligned offset of EITR for {@code vector}. */
    public static int eitr(int vector) {
        return EITR_82574_0 + 4 * vector;
    }

    public static int ral(int i) {
        return RAL0 + 8 * i;
    }

    public static int rah(int i) {
        return RAH0 + 8 * i;
    }

    private E1000eRegs() {}
}
