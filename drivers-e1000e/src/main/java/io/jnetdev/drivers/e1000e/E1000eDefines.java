package io.jnetdev.drivers.e1000e;

/**
 * Register bits, descriptor layouts and driver constants of the 82574L ({@code e1000e/defines.h},
 * {@code hw.h}, {@code e1000.h}), the driver's own copy from the facts file.
 */
final class E1000eDefines {
    // ---- PCI identity (hw.h) ----
    static final int VENDOR_INTEL = 0x8086;
    static final int DEV_82571EB_COPPER = 0x105E;
    static final int DEV_82572EI_COPPER = 0x107D;
    static final int DEV_82572EI = 0x10B9;
    static final int DEV_82573L = 0x109A;
    static final int DEV_80003ES2LAN_COPPER_DPT = 0x1096;
    static final int DEV_82574L = 0x10D3;
    static final int DEV_82574LA = 0x10F6;
    static final int DEV_82583V = 0x150C;

    // ---- CTRL ----
    static final int CTRL_FD = 0x00000001;
    static final int CTRL_GIO_MASTER_DISABLE = 0x00000004;
    static final int CTRL_ASDE = 0x00000020;
    static final int CTRL_SLU = 0x00000040;
    static final int CTRL_SPD_1000 = 0x00000200;
    static final int CTRL_FRCSPD = 0x00000800;
    static final int CTRL_FRCDPX = 0x00001000;
    static final int CTRL_RST = 0x04000000;
    static final int CTRL_PHY_RST = 0x80000000;

    // ---- STATUS ----
    static final int STATUS_FD = 0x00000001;
    static final int STATUS_LU = 0x00000002;
    static final int STATUS_SPEED_MASK = 0x000000C0;
    static final int STATUS_SPEED_100 = 0x00000040;
    static final int STATUS_SPEED_1000 = 0x00000080;
    static final int STATUS_GIO_MASTER_ENABLE = 0x00080000;

    // ---- EECD / EERD ----
    static final int EECD_AUTO_RD = 0x00000200;
    static final int NVM_RW_REG_START = 0x1;
    static final int NVM_RW_REG_DONE = 0x2;
    static final int NVM_RW_ADDR_SHIFT = 2;
    static final int NVM_RW_REG_DATA_SHIFT = 16;
    static final int NVM_CHECKSUM_REG = 0x003F;
    static final int NVM_SUM = 0xBABA;
    static final int NVM_VERSION = 0x0005;

    // ---- CTRL_EXT ----
    static final int CTRL_EXT_EIAME = 0x01000000;
    static final int CTRL_EXT_IAME = 0x08000000;
    static final int CTRL_EXT_DRV_LOAD = 0x10000000;
    static final int CTRL_EXT_PBA_CLR = 0x80000000;

    // ---- MDIC ----
    static final int MDIC_REG_SHIFT = 16;
    static final int MDIC_PHY_SHIFT = 21;
    static final int MDIC_OP_WRITE = 0x04000000;
    static final int MDIC_OP_READ = 0x08000000;
    static final int MDIC_READY = 0x10000000;
    static final int MDIC_ERROR = 0x40000000;
    /** The 82574's PHY sits at MDIO address 1. */
    static final int PHY_ADDR_82574 = 1;
    static final int PHY_CONTROL = 0x00;
    static final int PHY_STATUS = 0x01;
    static final int MII_STAT1000 = 0x0A;
    /** {@code e1000_phy_bm}: the PHY type of the 82574 as e1000e enumerates it (regs_buff[12]). */
    static final int PHY_TYPE_BM = 8;

    // ---- interrupt causes (ICR / ICS / IMS / IMC) ----
    static final int ICR_TXDW = 0x00000001;
    static final int ICR_TXQE = 0x00000002;
    static final int ICR_LSC = 0x00000004;
    static final int ICR_RXSEQ = 0x00000008;
    static final int ICR_RXDMT0 = 0x00000010;
    static final int ICR_RXO = 0x00000040;
    static final int ICR_RXT0 = 0x00000080;
    static final int ICR_RXQ0 = 0x00100000;
    static final int ICR_TXQ0 = 0x00400000;
    static final int ICR_OTHER = 0x01000000;
    static final int ICR_INT_ASSERTED = 0x80000000;
    /** {@code IMS_ENABLE_MASK}: RXT0 | TXDW | RXDMT0 | RXSEQ | LSC. */
    static final int IMS_ENABLE_MASK = 0x0000009D;
    /** {@code IMS_OTHER_MASK}: the causes the MSI-X "other" vector serves (LSC, RXO, MDAC, SRPD, ACK, MNG). */
    static final int IMS_OTHER_MASK = 0x00070244;
    /** {@code E1000_EIAC_MASK_82574}. */
    static final int EIAC_MASK_82574 = 0x01F00000;
    /** IVAR entry valid bit ({@code E1000_IVAR_INT_ALLOC_VALID}). */
    static final int IVAR_INT_ALLOC_VALID = 0x8;
    /** IVAR bit 31: a transmit interrupt on every descriptor write-back. */
    static final int IVAR_TX_INT_EVERY_WB = 0x80000000;

    // ---- RCTL ----
    static final int RCTL_EN = 0x00000002;
    static final int RCTL_SBP = 0x00000004;
    static final int RCTL_UPE = 0x00000008;
    static final int RCTL_MPE = 0x00000010;
    static final int RCTL_LPE = 0x00000020;
    static final int RCTL_LBM_MAC = 0x00000040;
    static final int RCTL_LBM_MASK = 0x000000C0;
    static final int RCTL_RDMTS_HALF = 0x00000000;
    static final int RCTL_RDMTS_MASK = 0x00000300;
    static final int RCTL_DTYP_MASK = 0x00000C00;
    static final int RCTL_MO_MASK = 0x00003000;
    static final int RCTL_BAM = 0x00008000;
    static final int RCTL_SZ_MASK = 0x00030000;
    static final int RCTL_SZ_2048 = 0x00000000;
    static final int RCTL_VFE = 0x00040000;
    static final int RCTL_BSEX = 0x02000000;
    static final int RCTL_SECRC = 0x04000000;

    // ---- TCTL / TIPG ----
    static final int TCTL_EN = 0x00000002;
    static final int TCTL_PSP = 0x00000008;
    static final int TCTL_CT = 0x00000FF0;
    static final int TCTL_COLD = 0x003FF000;
    static final int TCTL_RTLC = 0x01000000;
    static final int CT_SHIFT = 4;
    static final int COLLISION_THRESHOLD = 15;
    static final int COLD_SHIFT = 12;
    static final int COLLISION_DISTANCE = 63;
    /** IPGT 8, IPGR1 8, IPGR2 6. */
    static final int TIPG_DEFAULT = 0x00602008;

    // ---- RFCTL ----
    static final int RFCTL_ACK_DIS = 0x00001000;
    static final int RFCTL_EXTEN = 0x00008000;

    // ---- delay timers (1.024 us units) ----
    static final int TIDV_FPD = 0x80000000;
    static final int RDTR_FPD = 0x80000000;
    /** {@code DEFAULT_TIDV}, {@code DEFAULT_TADV}. */
    static final int DEFAULT_TIDV = 8;
    static final int DEFAULT_TADV = 32;
    /** {@code BURST_RDTR} / {@code BURST_RADV}: the 82574 has FLAG2_DMA_BURST. */
    static final int BURST_RDTR = 0x20;
    static final int BURST_RADV = 0x20;
    /** TXDCTL / RXDCTL values with DMA burst ({@code E1000_TXDCTL_DMA_BURST_ENABLE}, {@code E1000_RXDCTL_DMA_BURST_ENABLE}). */
    static final int TXDCTL_DMA_BURST_ENABLE = 0x0141011F;
    static final int RXDCTL_DMA_BURST_ENABLE = 0x01040420;

    // ---- descriptors (16 bytes, little-endian) ----
    static final int DESC_SIZE = 16;
    /** Extended RX write-back: status_error (u32) at 8, length (u16) at 12. */
    static final int RXD_STATUS_ERROR = 8;
    static final int RXD_LENGTH = 12;
    static final int RXD_STAT_DD = 0x01;
    static final int RXD_STAT_EOP = 0x02;
    /** {@code E1000_RXDEXT_ERR_FRAME_ERR_MASK}: CE | SE | SEQ | CXE | RXE. */
    static final int RXDEXT_ERR_FRAME_ERR_MASK = 0x97000000;
    /** Legacy TX descriptor: length at 8, CMD at 11, status at 12. */
    static final int TXD_LOWER = 8;
    static final int TXD_UPPER = 12;
    static final int TXD_CMD_EOP = 0x01000000;
    static final int TXD_CMD_IFCS = 0x02000000;
    static final int TXD_CMD_RS = 0x08000000;
    static final int TXD_CMD_IDE = 0x80000000;
    static final int TXD_STAT_DD = 0x00000001;

    // ---- driver constants (e1000.h) ----
    static final int DEFAULT_TXD = 256;
    static final int MAX_TXD = 4096;
    static final int MIN_TXD = 64;
    static final int DEFAULT_RXD = 256;
    static final int MAX_RXD = 4096;
    static final int MIN_RXD = 64;
    /** {@code REQ_TX_DESCRIPTOR_MULTIPLE} / {@code REQ_RX_DESCRIPTOR_MULTIPLE}. */
    static final int DESCRIPTOR_MULTIPLE = 8;
    /** {@code E1000_RX_BUFFER_WRITE}: refill descriptors are handed back in batches of this many. */
    static final int RX_BUFFER_WRITE = 16;
    /** Receive buffer size for the standard MTU (RCTL.BSIZE 2048). */
    static final int RX_BUFFER_SIZE = 2048;
    /** Bytes per transmit buffer; longer frames take several descriptors. */
    static final int TX_BUFFER_SIZE = 2048;
    /** {@code MAX_SKB_FRAGS}. */
    static final int MAX_SKB_FRAGS = 17;
    /** {@code TX_WAKE_THRESHOLD} of {@code e1000_clean_tx_irq}. */
    static final int TX_WAKE_THRESHOLD = 32;
    /** {@code E1000_MIN_ITR_USECS} / {@code E1000_MAX_ITR_USECS}. */
    static final int MIN_ITR_USECS = 10;
    static final int MAX_ITR_USECS = 10000;
    /** {@code ETH_MIN_MTU}; the 82574's largest frame 9234 ({@code DEFAULT_JUMBO}) less VLAN header and FCS. */
    static final int MIN_MTU = 68;
    static final int MAX_HW_FRAME_SIZE = 9234;
    static final int MAX_MTU = MAX_HW_FRAME_SIZE - (18 + 4);
    static final int ETH_FRAME_LEN = 1514;
    static final int ETH_FCS_LEN = 4;
    static final int VLAN_HLEN = 4;
    /** {@code pba} of the 82574 board: KB of packet buffer for receive. */
    static final int PBA_82574 = 32;

    private E1000eDefines() {}
}
